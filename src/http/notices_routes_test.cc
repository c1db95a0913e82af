#include <gtest/gtest.h>

#include "http/testing/api_fixture.h"

namespace tb::http {
namespace {

using testing::MakeNotice;

class NoticesRoutesTest : public testing::ApiTest {
 protected:
  void SetUp() override {
    for (int i = 1; i <= 7; ++i) {
      notices.Add(MakeNotice("ungm-" + std::to_string(i), i % 2 ? "UNDP" : "UNICEF",
                             "Laptops " + std::to_string(i)));
    }
    notices.Add(MakeNotice("ocds-abc/2024 1", "WFP", "Rice"));
  }
};

TEST_F(NoticesRoutesTest, ListsAPageWithTotalAndCursor) {
  Response r = Get("/api/v1/notices", "limit=3");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(*r.Header("Content-Type"), "application/json; charset=utf-8");
  const auto body = Json(r);
  EXPECT_EQ(body["items"].size(), 3u);
  EXPECT_EQ(body["total"], 8);
  EXPECT_TRUE(body["next_cursor"].is_string());
  EXPECT_EQ(body["items"][0]["public_id"], "ungm-1");
}

TEST_F(NoticesRoutesTest, WalksEveryPageOnce) {
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    Response r = Get("/api/v1/notices", "limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = Json(r);
    for (const auto& item : body["items"]) {
      EXPECT_TRUE(seen.insert(item["public_id"].get<std::string>()).second);
    }
    cursor = body["next_cursor"].is_null() ? "" : body["next_cursor"].get<std::string>();
    ASSERT_LT(++pages, 10);
  } while (!cursor.empty());
  EXPECT_EQ(seen.size(), 8u);
  EXPECT_EQ(pages, 3);
}

TEST_F(NoticesRoutesTest, PassesParsedFiltersToTheStore) {
  Response r = Get("/api/v1/notices", "buyer=undp&buyer=WFP&type=rfq&order=deadline");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["total"], 5);
  ASSERT_TRUE(notices.last_filter.has_value());
  EXPECT_EQ(notices.last_filter->buyers, (std::vector<std::string>{"undp", "WFP"}));
  EXPECT_EQ(notices.last_order, notices::NoticeOrder::kDeadline);
}

TEST_F(NoticesRoutesTest, UnknownParameterIs400NamingIt) {
  Response r = Get("/api/v1/notices", "buyr=UNDP");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Json(r)["field"], "buyr");
  EXPECT_FALSE(notices.last_filter.has_value()) << "the store must not be asked";
}

TEST_F(NoticesRoutesTest, BadValueIs422NamingTheField) {
  Response r = Get("/api/v1/notices", "limit=500");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(Json(r)["field"], "limit");
  EXPECT_EQ(Json(r)["code"], "invalid_argument");
}

TEST_F(NoticesRoutesTest, ForeignCursorIs422) {
  Response r = Get("/api/v1/notices", "cursor=forged");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(Json(r)["field"], "cursor");
}

TEST_F(NoticesRoutesTest, GetsByInternalIdWithVersions) {
  Response r = Get("/api/v1/notices/2");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = Json(r);
  EXPECT_EQ(body["id"], 2);
  EXPECT_EQ(body["public_id"], "ungm-2");
  ASSERT_EQ(body["versions"].size(), 1u);
  EXPECT_EQ(body["versions"][0]["version"], 1);
  EXPECT_TRUE(body["versions"][0].contains("recorded_at"));
  EXPECT_TRUE(body["versions"][0]["changed_fields"].is_array());
}

TEST_F(NoticesRoutesTest, GetsByUrlEncodedPublicId) {
  Response r = Get("/api/v1/notices/ocds-abc%2F2024%201");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["buyer"], "WFP");
}

TEST_F(NoticesRoutesTest, UnknownIdIs404Problem) {
  for (const char* path : {"/api/v1/notices/999", "/api/v1/notices/ungm-999"}) {
    SCOPED_TRACE(path);
    Response r = Get(path);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(*r.Header("Content-Type"), "application/problem+json; charset=utf-8");
    EXPECT_EQ(Json(r)["code"], "not_found");
    EXPECT_EQ(Json(r)["instance"], path);
  }
}

TEST_F(NoticesRoutesTest, DatabaseTroubleIs503) {
  notices.fail_with = Status::Unavailable("database is locked");
  EXPECT_EQ(Get("/api/v1/notices").status, 503);
  EXPECT_EQ(Get("/api/v1/notices/1").status, 503);
  EXPECT_EQ(Get("/api/v1/health").status, 503);
}

TEST_F(NoticesRoutesTest, HealthReportsDatabaseAndCount) {
  options.database_kind = "sqlite";
  Response r = Get("/api/v1/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Json(r), nlohmann::json({{"status", "ok"}, {"database", "sqlite"}, {"notices", 8}}));
}

}  // namespace
}  // namespace tb::http
