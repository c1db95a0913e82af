#include <gtest/gtest.h>

#include <sstream>

#include "notices/testing/read_all.h"

namespace tb::notices::importers {
namespace {

using testing::ByPublicId;
using testing::ReadAll;

struct FileCase {
  ImportKind kind;
  std::string path;
  std::size_t records;
  std::size_t rejected;
};

TEST(RealFiles, EveryRowIsReadWithRealCounts) {
  const FileCase cases[] = {
      {ImportKind::kSecop, "secop-colombia/secop2-procesos-2025-12_2026-04.csv", 1594, 0},
      {ImportKind::kSecop, "secop-colombia/secop1-procesos-2026-01_2026-04.csv", 6644, 0},
      {ImportKind::kAustender, "austender/austender-cn-fy2023-24.csv", 40627, 0},
      {ImportKind::kUnspsc, "unspsc/ungm-unspsc-2026-04.csv", 13307, 0},  // 13,317 rows less 10 groups
      {ImportKind::kUnspsc, "unspsc/unspsc-v7-multilingual.csv", 20789, 0},
  };
  for (const FileCase& c : cases) {
    SCOPED_TRACE(c.path);
    Status fatal;
    const auto records = ReadAll(c.kind, c.path, &fatal);
    ASSERT_TRUE(fatal.ok()) << fatal.ToString();
    EXPECT_EQ(records.size(), c.records);
    std::size_t rejected = 0;
    for (const auto& r : records) {
      if (!r.error.ok()) {
        ++rejected;
        ADD_FAILURE() << r.locator << " " << r.error.ToString();
        if (rejected > 5) break;
      }
    }
    EXPECT_EQ(rejected, c.rejected);
  }
}

TEST(SecopReader, Secop2ProcessMapsToANotice) {
  const auto notices = ByPublicId(ReadAll(ImportKind::kSecop, "secop-colombia/secop2-procesos-2025-12_2026-04.csv"));
  const Notice& n = notices.at("CO1.REQ.9480685");
  EXPECT_EQ(n.buyer, "ALCALDIA DE FLORIDABLANCA");
  EXPECT_EQ(n.unspsc, std::vector<UnspscCode>{*UnspscCode::Parse("72101500")});
  EXPECT_EQ(n.estimated_value, (Money{30581394100, "COP"}));
  EXPECT_EQ(n.countries, std::vector<std::string>{"CO"});
  EXPECT_EQ(n.type, NoticeType::kExpressionOfInterest);
  EXPECT_EQ(n.main_category, "works");
  // 2025-12-31 00:00 in Bogotá (UTC-5) is 05:00 UTC.
  EXPECT_EQ(n.deadline, *Timestamp::FromRfc3339("2025-12-31T05:00:00Z"));
  EXPECT_EQ(n.deadline_time_zone, "America/Bogota");
  EXPECT_EQ(n.title.language, Language::Spanish());
  EXPECT_TRUE(n.source_url.starts_with("https://community.secop.gov.co/"));
}

TEST(SecopReader, Secop1ProcessMapsToANotice) {
  const auto notices = ByPublicId(ReadAll(ImportKind::kSecop, "secop-colombia/secop1-procesos-2026-01_2026-04.csv"));
  const Notice& n = notices.at("26-21-53393");
  EXPECT_EQ(n.reference, "LP-004-2026");
  EXPECT_EQ(n.unspsc, std::vector<UnspscCode>{*UnspscCode::Parse("72121400")});
  EXPECT_EQ(n.estimated_value, (Money{425655251400, "COP"}));
  EXPECT_EQ(n.type, NoticeType::kInvitationToBid);
  EXPECT_EQ(n.published, *Timestamp::FromRfc3339("2026-01-19T00:00:00Z"));
}

TEST(AustenderReader, ContractNoticeMapsToANotice) {
  const auto records = ReadAll(ImportKind::kAustender, "austender/austender-cn-fy2023-24.csv");
  const auto notices = ByPublicId(records);
  EXPECT_EQ(notices.size(), 40627u);  // contract_id is unique
  const Notice& n = notices.at("CN3980558");
  EXPECT_EQ(n.title.text, "ICT Contractor Services");
  EXPECT_EQ(n.buyer, "Department of the Prime Minister and Cabinet");
  EXPECT_EQ(n.estimated_value, (Money{34420320, "AUD"}));
  EXPECT_EQ(n.unspsc, std::vector<UnspscCode>{*UnspscCode::Parse("80111600")});
  EXPECT_EQ(n.status, NoticeStatus::kComplete);
  EXPECT_EQ(n.countries, std::vector<std::string>{"AU"});
}

TEST(UnspscReader, UngmTreeAndMultilingualTitles) {
  const auto tree = ReadAll(ImportKind::kUnspsc, "unspsc/ungm-unspsc-2026-04.csv");
  ASSERT_FALSE(tree.empty());
  EXPECT_EQ(tree[0].entry->titles.at("en"), "Live Plant and Animal Material and Accessories and Supplies");
  const auto v7 = ReadAll(ImportKind::kUnspsc, "unspsc/unspsc-v7-multilingual.csv");
  ASSERT_FALSE(v7.empty());
  EXPECT_EQ(v7[1].entry->code, *UnspscCode::Parse("10100000"));
  EXPECT_EQ(v7[1].entry->titles.at("fr"), "Animaux vivants");
  EXPECT_EQ(v7[1].entry->titles.at("zh"), "活动物");
  EXPECT_EQ(v7[1].entry->titles.size(), 7u);
}

TEST(Readers, WrongHeadersAreRefusedWholesale) {
  for (ImportKind kind : {ImportKind::kSecop, ImportKind::kAustender, ImportKind::kUnspsc, ImportKind::kUngm}) {
    std::istringstream in("a,b,c\n1,2,3\n");
    auto reader = MakeReader(kind, in, "x.csv");
    ASSERT_TRUE(reader.ok());
    ReadRecord record;
    auto more = (*reader)->Next(record);
    ASSERT_FALSE(more.ok()) << ImportKindName(kind);
    EXPECT_NE(more.status().message().find("x.csv:1"), std::string::npos) << more.status().message();
  }
}

}  // namespace
}  // namespace tb::notices::importers
