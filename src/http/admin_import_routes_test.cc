#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "http/testing/requests.h"

#include "http/testing/api_fixture.h"

namespace tb::http {
namespace {

using testing::MakeRequest;

constexpr const char* kToken = "s3cret-token-for-tests";

class AdminImportTest : public testing::ApiTest {
 protected:
  void SetUp() override { options.admin_token = kToken; }

  Response Import(std::string_view body, std::string kind = "ungm", std::string query = "",
                  std::string authorization = std::string("Bearer ") + kToken) {
    HeaderList headers;
    if (!authorization.empty()) headers.emplace_back("authorization", authorization);
    return Call("POST", "/api/v1/admin/imports/" + kind, std::move(query), std::move(headers),
                body);
  }

  static std::string UngmCsv() {
    const char* root = std::getenv("TB_SOURCE_DIR");
    std::ifstream in(std::string(root ? root : ".") + "/data/ungm-notices/ungm-notices-2024-03.csv",
                     std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
};

TEST_F(AdminImportTest, WithoutATokenOrAccountsTheRouteIsUnavailable) {
  options.admin_token.clear();
  accounts_enabled = false;
  Response r = Import("x", "ungm", "", "");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(notices.Count().value(), 0);
}

TEST_F(AdminImportTest, RefusesMissingWrongAndMalformedTokens) {
  for (const std::string& auth :
       {std::string(), std::string("Bearer wrong"), std::string("Bearer ") + kToken + "x",
        std::string("Basic ") + kToken, std::string(kToken), std::string("Bearer ")}) {
    SCOPED_TRACE(auth);
    Response r = Import("x", "ungm", "", auth);
    EXPECT_EQ(r.status, 401);
    const std::string code = Json(r)["code"];
    EXPECT_TRUE(code == "unauthenticated" || code == "invalid_token") << code;
    EXPECT_NE(r.Header("WWW-Authenticate"), nullptr);
  }
  EXPECT_EQ(notices.Count().value(), 0);
}

TEST_F(AdminImportTest, RefusesBadKindsParametersAndBodies) {
  Response kind = Import("x", "excel");
  EXPECT_EQ(kind.status, 422);
  EXPECT_EQ(Json(kind)["field"], "kind");

  Response param = Import("x", "ungm", "keepgoing=true");
  EXPECT_EQ(param.status, 400);
  EXPECT_EQ(Json(param)["field"], "keepgoing");

  Response flag = Import("x", "ungm", "keep_going=yes");
  EXPECT_EQ(flag.status, 422);
  EXPECT_EQ(Json(flag)["field"], "keep_going");

  Response empty = Import("");
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(Json(empty)["field"], "body");
}

TEST_F(AdminImportTest, RefusesBodiesOverTheLimitWith413) {
  options.max_import_bytes = 100;
  Response r = Import(std::string(101, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(Json(r)["code"], "resource_exhausted");
}

TEST_F(AdminImportTest, ImportsAndReportsThenIsIdempotent) {
  const std::string csv = UngmCsv();
  ASSERT_GT(csv.size(), 1000u) << "TB_SOURCE_DIR must point at the checkout";
  Response first = Import(csv);
  ASSERT_EQ(first.status, 200) << first.body;
  const auto report = Json(first);
  EXPECT_GT(report["created"].get<int>(), 0);
  EXPECT_EQ(report["rejected"], 0);
  EXPECT_TRUE(report["rejects"].is_array());
  EXPECT_EQ(notices.Count().value(), report["created"].get<int>());

  const auto again = Json(Import(csv));
  EXPECT_EQ(again["created"], 0);
  EXPECT_EQ(again["updated"], 0);
  EXPECT_GT(again["unchanged"].get<int>(), 0);
}

TEST_F(AdminImportTest, IsSlow) {
  Request post = MakeRequest("POST", "/api/v1/admin/imports/ungm");
  Request get = MakeRequest("GET", "/api/v1/notices");
  EXPECT_TRUE(api().IsSlow(post));
  EXPECT_FALSE(api().IsSlow(get));
}

}  // namespace
}  // namespace tb::http
