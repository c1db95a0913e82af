#include "notices/importers/ocds_reader.h"

#include <gtest/gtest.h>

#include <sstream>

#include "notices/testing/read_all.h"

namespace tb::notices::importers {
namespace {

using testing::ByPublicId;
using testing::ReadAll;

std::vector<ReadRecord> ReadText(const std::string& text, std::size_t chunk = 1 << 20) {
  std::istringstream in(text);
  JsonStreamSplitter::Options options;
  options.chunk_bytes = chunk;
  OcdsReader reader(in, "t.json", options);
  std::vector<ReadRecord> out;
  ReadRecord r;
  while (true) {
    auto more = reader.Next(r);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    out.push_back(r);
  }
  return out;
}

TEST(OcdsReader, ArmeniaReleasePackageOfOneHundred) {
  const auto records = ReadAll(ImportKind::kOcds, "ocds/armenia/releases/6.json");
  ASSERT_EQ(records.size(), 100u);
  for (const auto& r : records) EXPECT_TRUE(r.error.ok()) << r.locator << " " << r.error.ToString();
  EXPECT_EQ(records[3].locator, "6.json#/releases/3");
  EXPECT_EQ(ByPublicId(records).size(), 100u);
  EXPECT_EQ(records[0].notice->title.language.code(), "hy");
  EXPECT_EQ(records[0].notice->buyer, "Constitutional Court RA");
}

TEST(OcdsReader, NswUnspscWithLeadingSpaceAndAmendments) {
  const auto records = ReadAll(ImportKind::kOcds, "ocds/australia-nsw/releases/0.json");
  ASSERT_EQ(records.size(), 1u);
  ASSERT_TRUE(records[0].notice) << records[0].error.ToString();
  const Notice& n = *records[0].notice;
  EXPECT_EQ(n.title.text, "Belmont Hospital Theatre Refurbishment");
  EXPECT_FALSE(n.unspsc.empty());
  EXPECT_EQ(n.amendments.size(), 2u);
  EXPECT_EQ(n.title.language, Language::English());
  EXPECT_EQ(n.procurement_method, "selective");
  EXPECT_EQ(n.type, NoticeType::kOther);  // "selective" alone does not say RFQ, ITB or RFP
}

TEST(OcdsReader, ColombiaOcds10ReleaseTakesTheCodeFromItemId) {
  const auto records =
      ReadAll(ImportKind::kOcds, "ocds/colombia/releases/ocds-k50g02-11-11-452228-59adb46f998eb5950cf4516b.json");
  ASSERT_EQ(records.size(), 1u);
  ASSERT_TRUE(records[0].notice) << records[0].error.ToString();
  const Notice& n = *records[0].notice;
  EXPECT_EQ(n.public_id, "ocds-k50g02-11-11-452228");
  EXPECT_EQ(n.unspsc, std::vector<UnspscCode>{*UnspscCode::Parse("78000000")});
  EXPECT_EQ(n.deadline, *Timestamp::FromRfc3339("2011-03-10T05:00:00Z"));
  EXPECT_EQ(n.countries, std::vector<std::string>{"CO"});
  EXPECT_EQ(n.status, NoticeStatus::kComplete);
  EXPECT_EQ(n.title.language, Language::Spanish());
  EXPECT_EQ(records[0].locator, "ocds-k50g02-11-11-452228-59adb46f998eb5950cf4516b.json:1");
}

TEST(OcdsReader, RecordPackageUsesCompiledRelease) {
  const auto records = ReadAll(ImportKind::kOcds, "ocds/fictional-example-1.1/record/ocds-213czf-000-00001.json");
  ASSERT_EQ(records.size(), 1u);
  ASSERT_TRUE(records[0].notice) << records[0].error.ToString();
  EXPECT_EQ(records[0].locator, "ocds-213czf-000-00001.json#/records/0");
  const Notice& n = *records[0].notice;
  EXPECT_EQ(n.public_id, "ocds-213czf-000-00001");
  EXPECT_FALSE(n.title.text.empty());
  EXPECT_TRUE(n.estimated_value.has_value());
}

TEST(OcdsReader, RecordWithoutCompiledReleaseIsCompiledInDateOrder) {
  const auto records = ReadText(R"({"records":[{"ocid":"o-1","releases":[
      {"ocid":"o-1","id":"2","date":"2020-02-01T00:00:00Z","tag":["tenderUpdate"],
       "tender":{"title":"New title","status":"active"}},
      {"ocid":"o-1","id":"1","date":"2020-01-01T00:00:00Z","tag":["tender"],
       "tender":{"title":"Old title","description":"Kept","status":"planned",
                 "value":{"amount":1234.5,"currency":"USD"}}},
      {"url":"http://example.org/linked.json","date":"2020-03-01T00:00:00Z"}]}]})");
  ASSERT_EQ(records.size(), 1u);
  ASSERT_TRUE(records[0].notice) << records[0].error.ToString();
  const Notice& n = *records[0].notice;
  EXPECT_EQ(n.title.text, "New title");
  EXPECT_EQ(n.description.text, "Kept");
  EXPECT_EQ(n.status, NoticeStatus::kActive);
  EXPECT_EQ(n.estimated_value, (Money{123450, "USD"}));
  EXPECT_EQ(n.updated, *Timestamp::FromRfc3339("2020-02-01T00:00:00Z"));
  EXPECT_EQ(n.published, *Timestamp::FromRfc3339("2020-01-01T00:00:00Z"));
}

TEST(OcdsReader, JsonLinesOfReleasesAndPackages) {
  const auto records = ReadText(
      "{\"ocid\":\"a\",\"tender\":{\"title\":\"A\"}}\n"
      "{\"releases\":[{\"ocid\":\"b\"},{\"ocid\":\"c\",\"tender\":{\"value\":{\"amount\":1,\"currency\":\"XXY\"}}}]}\n",
      7);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].locator, "t.json:1");
  EXPECT_EQ(records[1].locator, "t.json:2#/releases/0");
  EXPECT_EQ(records[2].locator, "t.json:2#/releases/1");
  EXPECT_FALSE(records[2].error.ok());
  EXPECT_EQ(records[2].error.field(), "/tender/value/currency");
}

struct BadRelease {
  std::string json, field;
};

TEST(OcdsReader, BadReleasesNameTheField) {
  const BadRelease cases[] = {
      {R"({"releases":[{"tender":{}}]})", "/ocid"},
      {R"({"releases":[{"ocid":"x","tender":{"tenderPeriod":{"endDate":"soon"}}}]})", "/tender/tenderPeriod/endDate"},
      {R"({"releases":[{"ocid":"x","date":"2020-13-45"}]})", "/date"},
      {R"({"releases":[{"ocid":"x","tender":{"value":{"amount":"ten","currency":"USD"}}}]})", "/tender/value/amount"},
      {R"({"releases":[{"ocid":"x","tender":{"value":{"amount":1.005,"currency":"USD"}}}]})", ""},
      {R"({"releases":[17]})", ""},
  };
  for (const auto& c : cases) {
    const auto records = ReadText(c.json);
    ASSERT_EQ(records.size(), 1u) << c.json;
    if (c.field.empty() && c.json.find("1.005") != std::string::npos) {
      EXPECT_TRUE(records[0].error.ok()) << "amounts are rounded to the minor unit";
      continue;
    }
    EXPECT_FALSE(records[0].error.ok()) << c.json;
    EXPECT_EQ(records[0].error.field(), c.field) << c.json;
    EXPECT_EQ(records[0].locator, "t.json#/releases/0");
  }
}

}  // namespace
}  // namespace tb::notices::importers
