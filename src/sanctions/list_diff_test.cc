#include "sanctions/list_diff.h"

#include <gtest/gtest.h>

#include "sanctions/list_reader.h"
#include "sanctions/testing/list_files.h"

namespace tb::sanctions {
namespace {

TEST(ListDiff, Between2017And2024MatchesTheSourceNote) {
  auto old_list = ReadConsolidatedList(testing::ReadListFile(testing::k2017));
  auto new_list = ReadConsolidatedList(testing::ReadListFile(testing::k2024));
  ASSERT_TRUE(old_list.ok() && new_list.ok());
  const ListDiff diff = DiffLists(old_list->entries, new_list->entries);
  // SOURCE.md: 719 entries in both, 156 added and 302 removed from 2017 to 2024.
  EXPECT_EQ(diff.added.size(), 156u);
  EXPECT_EQ(diff.removed.size(), 302u);
  EXPECT_LE(diff.changed.size(), 719u);
  EXPECT_GT(diff.changed.size(), 0u);
  EXPECT_TRUE(DiffLists(new_list->entries, new_list->entries).empty());
}

TEST(ListDiff, SeesAChangedVersionOrName) {
  ListedEntry a;
  a.data_id = "1";
  a.version_num = 1;
  a.names = {{ListedName::Source::kPrimary, "A", ""}};
  ListedEntry b = a;
  b.version_num = 2;
  EXPECT_EQ(DiffLists({a}, {b}).changed, std::vector<std::string>{"1"});
  b = a;
  b.names.push_back({ListedName::Source::kAlias, "B", "Good"});
  EXPECT_EQ(DiffLists({a}, {b}).changed, std::vector<std::string>{"1"});
}

TEST(ListDiff, EntryJsonRoundTrips) {
  auto list = ReadConsolidatedList(testing::SmallList());
  ASSERT_TRUE(list.ok());
  for (const ListedEntry& e : list->entries) {
    Result<ListedEntry> back = EntryFromJson(EntryToJson(e));
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, e);
  }
  EXPECT_FALSE(EntryFromJson("{\"data_id\": 1}").ok());
  EXPECT_FALSE(EntryFromJson("not json").ok());
}

}  // namespace
}  // namespace tb::sanctions
