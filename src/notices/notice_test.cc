#include "notices/notice.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "notices/notice_json.h"

namespace tb::notices {
namespace {

Notice SampleNotice() {
  Notice n;
  n.public_id = "ocds-abc-001";
  n.reference = "RFQ/2024/50941";
  n.title = {"Supply of solar water pumps", Language::English()};
  n.description = {"Pumps for irrigation", Language::English()};
  n.buyer = "FAO";
  n.type = NoticeType::kRequestForQuotation;
  n.published = *Timestamp::FromRfc3339("2024-03-01T00:00:00Z");
  n.deadline = *Timestamp::FromRfc3339("2024-03-20T21:00:00Z");
  n.deadline_time_zone = "America/New_York";
  n.countries = {"YE", "ET"};
  n.unspsc = {*UnspscCode::Parse("40151500"), *UnspscCode::Parse("40")};
  n.lots = {{"1", "Pumps", "", Money{150000, "USD"}, "active"}};
  n.estimated_value = Money{1234550, "USD"};
  n.documents = {{"d1", "Notice", "https://www.ungm.org/Public/Notice/1", "tenderNotice", "", Language::English(), std::nullopt}};
  n.contact = {"Procurement unit", "proc@example.org", "", "", ""};
  n.source = "ungm";
  n.source_url = "https://www.ungm.org/Public/Notice/1";
  n.amendments = {{"a1", *Timestamp::FromRfc3339("2024-03-05T00:00:00Z"), "extension", ""}};
  Normalize(n);
  return n;
}

TEST(NoticeJson, RoundTripsEveryField) {
  const Notice original = SampleNotice();
  Result<Notice> back = NoticeFromJsonString(NoticeToJsonString(original));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, original);
}

TEST(NoticeJson, NamesThePointerOfABadField) {
  nlohmann::json j = SampleNotice();
  j["unspsc"][1] = "43x";
  Result<Notice> r = NoticeFromJson(j);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "/unspsc/1");
  j = SampleNotice();
  j["estimated_value"]["currency"] = "ZZZ";
  EXPECT_EQ(NoticeFromJson(j).status().field(), "/estimated_value/currency");
  EXPECT_FALSE(NoticeFromJsonString("{not json").ok());
}

TEST(Notice, NormalizeSortsAndDeduplicates) {
  Notice n = SampleNotice();
  n.countries = {"ye", "ET", "YE", ""};
  Normalize(n);
  EXPECT_EQ(n.countries, (std::vector<std::string>{"ET", "YE"}));
  EXPECT_EQ(n.unspsc.front().ToString(), "40000000");
}

TEST(Notice, FingerprintIgnoresIdAndSeesContent) {
  Notice a = SampleNotice();
  Notice b = a;
  b.id = NoticeId{42};
  EXPECT_EQ(Fingerprint(a), Fingerprint(b));
  b.title.text += " (amended)";
  EXPECT_NE(Fingerprint(a), Fingerprint(b));
}

TEST(Notice, MergeLetsNewerFieldsWinAndUnitesCodes) {
  Notice current = SampleNotice();
  Notice incoming;
  incoming.public_id = current.public_id;
  incoming.deadline = *Timestamp::FromRfc3339("2024-03-27T21:00:00Z");
  incoming.unspsc = {*UnspscCode::Parse("26111600")};
  incoming.status = NoticeStatus::kActive;
  incoming.amendments = {{"a2", std::nullopt, "second extension", ""}};
  const Notice merged = Merge(current, incoming);
  EXPECT_EQ(merged.title, current.title) << "an empty incoming title keeps the stored one";
  EXPECT_EQ(merged.deadline, incoming.deadline);
  EXPECT_EQ(merged.unspsc.size(), 3u);
  EXPECT_EQ(merged.amendments.size(), 2u);
  EXPECT_EQ(Merge(merged, incoming), merged) << "merging the same record twice changes nothing";
}

}  // namespace
}  // namespace tb::notices
