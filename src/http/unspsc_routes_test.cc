#include <gtest/gtest.h>

#include "http/testing/api_fixture.h"

namespace tb::http {
namespace {

class UnspscRoutesTest : public testing::ApiTest {
 protected:
  void SetUp() override {
    std::vector<notices::UnspscEntry> entries = {
        {*UnspscCode::Parse("43"), {{"en", "Information Technology"}, {"fr", "Technologie"}}},
        {*UnspscCode::Parse("4321"), {{"en", "Computer Equipment"}}},
        {*UnspscCode::Parse("432115"), {{"en", "Computers"}, {"zh", "电脑"}}},
        {*UnspscCode::Parse("43211503"), {{"en", "Notebook computers"}, {"es", "Portátiles"}}},
    };
    ASSERT_TRUE(unspsc.UpsertBatch(entries).ok());
  }
};

TEST_F(UnspscRoutesTest, GetsACodeWithLevelTitlesAndParent) {
  Response r = Get("/api/v1/unspsc/43211503");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = Json(r);
  EXPECT_EQ(body["code"], "43211503");
  EXPECT_EQ(body["level"], "commodity");
  EXPECT_EQ(body["titles"]["es"], "Portátiles");
  EXPECT_EQ(body["parent"], "43211500");

  const auto segment = Json(Get("/api/v1/unspsc/43000000"));
  EXPECT_EQ(segment["level"], "segment");
  EXPECT_TRUE(segment["parent"].is_null());
}

TEST_F(UnspscRoutesTest, UnknownCodeIs404AndMalformedIs422) {
  EXPECT_EQ(Get("/api/v1/unspsc/44000000").status, 404);
  Response bad = Get("/api/v1/unspsc/4x");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(Json(bad)["field"], "code");
}

TEST_F(UnspscRoutesTest, FindsByTitlePrefixInALanguage) {
  Response r = Get("/api/v1/unspsc", "prefix=comp&lang=en");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto items = Json(r)["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["code"], "43210000");

  const auto fr = Json(Get("/api/v1/unspsc", "prefix=tech&lang=fr"))["items"];
  ASSERT_EQ(fr.size(), 1u);
  EXPECT_EQ(fr[0]["code"], "43000000");
  EXPECT_EQ(Json(Get("/api/v1/unspsc", "prefix=comp&limit=1"))["items"].size(), 1u);
}

TEST_F(UnspscRoutesTest, BatchLookUpReturnsKnownCodes) {
  Response r = Get("/api/v1/unspsc", "codes=43211503,43211500,99000000&codes=43");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto items = Json(r)["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["code"], "43000000");
}

TEST_F(UnspscRoutesTest, RefusesBadLookUps) {
  struct Row {
    const char* query;
    int status;
    const char* field;
  };
  std::string many = "codes=";
  for (int i = 0; i < 201; ++i) many += "43211503,";
  const Row rows[] = {
      {"", 422, "prefix"},
      {"prefix=comp&lang=de", 422, "lang"},
      {"prefix=comp&limit=51", 422, "limit"},
      {"prefix=comp&codes=43", 422, "codes"},
      {"codes=abc", 422, "codes"},
      {many.c_str(), 422, "codes"},
      {"prefx=comp", 400, "prefx"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.query).substr(0, 40));
    Response r = Get("/api/v1/unspsc", row.query);
    EXPECT_EQ(r.status, row.status);
    EXPECT_EQ(Json(r)["field"], row.field);
  }
}

}  // namespace
}  // namespace tb::http
