#include "http/query.h"

#include <gtest/gtest.h>

namespace tb::http {
namespace {

TEST(ParseQuery, DecodesAndKeepsRepeatedNames) {
  Result<QueryParams> params = ParseQuery("buyer=UNDP&buyer=UNICEF%20Kenya&q=a+b&flag&&x=%2B");
  ASSERT_TRUE(params.ok());
  const QueryParams expected = {
      {"buyer", "UNDP"}, {"buyer", "UNICEF Kenya"}, {"q", "a b"}, {"flag", ""}, {"x", "+"}};
  EXPECT_EQ(*params, expected);
}

TEST(ParseQuery, RefusesBrokenEscapes) {
  for (const char* query : {"a=%", "a=%4", "a=%zz", "%g1=b", "a=%00"}) {
    SCOPED_TRACE(query);
    EXPECT_EQ(ParseQuery(query).status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(CheckKnownParams, NamesTheUnknownParameter) {
  QueryParams params = {{"buyer", "UNDP"}, {"buyr", "UNDP"}};
  Status status = CheckKnownParams(params, NoticeListParamNames());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.field(), "buyr");
  EXPECT_TRUE(CheckKnownParams({{"limit", "5"}}, NoticeListParamNames()).ok());
}

TEST(ParseNoticeListQuery, AcceptsGoodValues) {
  Result<NoticeListQuery> q = ParseNoticeListQuery({
      {"buyer", "UNDP"}, {"buyer", "UNICEF"}, {"type", "rfq"}, {"type", "itb"},
      {"country", "ke"}, {"unspsc", "43211500"}, {"unspsc", "72"}, {"status", "active"},
      {"open", "true"}, {"published_from", "2024-03-01"},
      {"published_to", "2024-04-01T00:00:00Z"}, {"source", "ungm"}, {"order", "deadline"},
      {"limit", "100"}, {"cursor", "abc"}, {"deadline_from", ""}});
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->filter.buyers, (std::vector<std::string>{"UNDP", "UNICEF"}));
  EXPECT_EQ(q->filter.types.size(), 2u);
  EXPECT_EQ(q->filter.countries, std::vector<std::string>{"KE"});
  EXPECT_EQ(q->filter.unspsc_prefixes, (std::vector<std::string>{"432115", "72"}));
  EXPECT_EQ(q->filter.statuses, std::vector<notices::NoticeStatus>{notices::NoticeStatus::kActive});
  EXPECT_EQ(q->filter.open, true);
  EXPECT_EQ(q->filter.published_from, Timestamp::FromRfc3339("2024-03-01T00:00:00Z").value());
  EXPECT_TRUE(q->filter.published_to.has_value());
  EXPECT_FALSE(q->filter.deadline_from.has_value()) << "an empty value does not filter";
  EXPECT_EQ(q->filter.source, "ungm");
  EXPECT_EQ(q->order, notices::NoticeOrder::kDeadline);
  EXPECT_EQ(q->page.limit, 100);
  EXPECT_EQ(q->page.cursor, "abc");
}

TEST(ParseNoticeListQuery, DefaultsToNewestTwentyPerPage) {
  Result<NoticeListQuery> q = ParseNoticeListQuery({});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->order, notices::NoticeOrder::kNewest);
  EXPECT_EQ(q->page.limit, kDefaultPageSize);
  EXPECT_TRUE(q->page.cursor.empty());
}

TEST(ParseNoticeListQuery, RefusesBadValuesNamingTheField) {
  struct Row {
    const char* name;
    const char* value;
  };
  const Row rows[] = {
      {"type", "tender"},        {"type", "RFQ "},          {"country", "KEN"},
      {"country", "K1"},         {"unspsc", "4"},           {"unspsc", "abc"},
      {"unspsc", "05000000"},    {"status", "open"},        {"open", "yes"},
      {"open", "1"},             {"published_from", "yesterday"},
      {"published_to", "2024-13-01"}, {"deadline_from", "2024-02-30"},
      {"deadline_to", "12:00"},  {"source", "UNGM!"},       {"order", "oldest"},
      {"limit", "0"},            {"limit", "101"},          {"limit", "ten"},
      {"limit", "5x"},           {"limit", "-1"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.name) + "=" + row.value);
    Result<NoticeListQuery> q = ParseNoticeListQuery({{row.name, row.value}});
    ASSERT_FALSE(q.ok());
    EXPECT_EQ(q.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(q.status().field(), row.name);
  }
}

TEST(ParseNoticeListQuery, RefusesSingleValuedParametersGivenTwice) {
  for (const char* name : {"limit", "order", "open", "cursor", "source", "published_from"}) {
    SCOPED_TRACE(name);
    Result<NoticeListQuery> q = ParseNoticeListQuery({{name, "x"}, {name, "y"}});
    ASSERT_FALSE(q.ok());
    EXPECT_EQ(q.status().field(), name);
  }
}

TEST(ParseNoticeListQuery, RefusesRangesEndingBeforeTheyStart) {
  Result<NoticeListQuery> q = ParseNoticeListQuery(
      {{"deadline_from", "2024-05-01"}, {"deadline_to", "2024-04-01"}});
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.status().field(), "deadline_to");
}

TEST(ParseInt, Table) {
  EXPECT_EQ(ParseInt("7", 1, 10, "n").value(), 7);
  EXPECT_FALSE(ParseInt("", 1, 10, "n").ok());
  EXPECT_FALSE(ParseInt("+7", 1, 10, "n").ok());
  EXPECT_FALSE(ParseInt("99999999999", 1, 10, "n").ok());
}

}  // namespace
}  // namespace tb::http
