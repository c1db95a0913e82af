#include <gtest/gtest.h>

#include <string>

#include "search/internal/cursor.h"
#include "search/internal/query_builder.h"
#include "search/search_index.h"
#include "search/testing/notice_builder.h"

namespace tb::search {
namespace {

using testing::MakeNotice;
using testing::TempDir;

// Arbitrary user text must never fail or throw: it is answered as words.
TEST(QueryParsingTest, MalformedQueriesNeverFail) {
  TempDir dir("tb-search-malformed");
  auto index = OpenXapianSearchIndex({dir.path(), nullptr});
  ASSERT_TRUE(index.ok());
  std::vector<IndexChange> changes{
      IndexChange::Upsert(1, MakeNotice(1, "Water purification tablets", "en", "UNICEF", {"47101500"}, {"BI"})),
      IndexChange::Upsert(2, MakeNotice(2, "Supply of laptops", "en", "UNDP", {"43211503"}, {"KE"}))};
  ASSERT_TRUE((*index)->Apply(changes).ok());

  std::string ten_kb;
  while (ten_kb.size() < 10 * 1024) ten_kb += "water tablets AND (supply OR \"laptops ";
  const std::string nul_bytes("water\0tablets", 13);
  struct Case {
    std::string query;
    bool expect_water_hit;  // the notice about water should still be found
  };
  const std::vector<Case> cases = {
      {"\"water purification", true},  // unterminated phrase
      {"\"unterminated water", false},
      {"AND OR NOT", false},
      {"((", false},
      {"))water((", true},
      {"agency:", false},
      {"agency: water", true},
      {"country:ZZ water", false},
      {"code:notacode water", true},
      {"status:whenever water", true},
      {"water \xF0\x9F\x98\x80\xF0\x9F\x92\xA7", true},  // emoji
      {"\xF0\x9F\x92\xA7", false},
      {ten_kb, false},
      {nul_bytes, true},
      {"water \xC3\x28 \xFF\xFE tablets", true},  // invalid UTF-8
      {"water AND", true},
      {"NOT", false},
      {"-", false},
      {"\"\"", false},
      {"water NEAR/x tablets", false},
      {"title:", false},
      {"*water*", false},
      {"water +", true},
      {"+water -", true},
      {"\x01\x02water\x7f", true},
  };
  for (const Case& c : cases) {
    SearchRequest r;
    r.query = c.query;
    r.now = Timestamp::FromSeconds(1'700'000'000);
    auto response = (*index)->Search(r);
    ASSERT_TRUE(response.ok()) << c.query.substr(0, 60) << ": " << response.status().ToString();
    bool water = false;
    for (const Hit& h : response->hits) water = water || h.id.value == 1;
    if (c.expect_water_hit) {
      EXPECT_TRUE(water) << "query: " << c.query.substr(0, 60);
    }
    if (c.query.size() > kMaxQueryBytes) {
      EXPECT_TRUE(response->query_truncated);
    }
  }
}

TEST(QueryParsingTest, SplitsFieldFiltersOutOfTheText) {
  struct Case {
    std::string query;
    std::string text;
    std::vector<std::string> filters;  // "field=value" or "-field=value"
  };
  const std::vector<Case> cases = {
      {"solar agency:UNDP", "solar", {"agency=UNDP"}},
      {"solar AND agency:UNDP", "solar", {"agency=UNDP"}},
      {"agency:\"UN Women\" gender", "gender", {"agency=\"UN Women\""}},
      {"-country:KE water", "water", {"-country=KE"}},
      {"water NOT type:rfq", "water", {"-type=rfq"}},
      {"water NOT wells", "water NOT wells", {}},
      {"Code:4321 laptops", "laptops", {"code=4321"}},
      {"http://example.org water", "http://example.org water", {}},
      {"agency:", "", {"agency="}},
      {"title:solar", "title:solar", {}},
  };
  for (const Case& c : cases) {
    internal::SplitQuery split = internal::SplitFieldFilters(c.query);
    EXPECT_EQ(split.text, c.text) << c.query;
    std::vector<std::string> filters;
    for (const auto& f : split.filters) filters.push_back((f.exclude ? "-" : "") + f.field + "=" + f.value);
    EXPECT_EQ(filters, c.filters) << c.query;
  }
}

TEST(QueryParsingTest, CursorRoundTrips) {
  internal::Cursor relevance;
  relevance.offset = 40;
  relevance.weight = 3.14159265358979;
  relevance.docid = 77;
  auto back = internal::DecodeCursor(internal::EncodeCursor(relevance));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->sort, SortOrder::kRelevance);
  EXPECT_EQ(back->offset, 40);
  EXPECT_EQ(back->weight, relevance.weight);  // exact: hex float
  EXPECT_EQ(back->docid, 77u);

  internal::Cursor deadline;
  deadline.sort = SortOrder::kDeadline;
  deadline.value = std::string("\x00\xff~.", 4);
  deadline.docid = 9;
  back = internal::DecodeCursor(internal::EncodeCursor(deadline));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->sort, SortOrder::kDeadline);
  EXPECT_EQ(back->value, deadline.value);
  EXPECT_EQ(back->docid, 9u);

  for (const std::string& bad : std::vector<std::string>{"", "c1", "c1zz", "c2" + internal::EncodeCursor(deadline).substr(2), "c1727e31"}) {
    EXPECT_FALSE(internal::DecodeCursor(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace tb::search
