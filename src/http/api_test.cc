#include "http/api.h"
#include "http/response_filters.h"

#include <gtest/gtest.h>

#include "http/testing/api_fixture.h"

namespace tb::http {
namespace {

using testing::MakeNotice;

class PipelineTest : public testing::ApiTest {
 protected:
  void SetUp() override {
    for (int i = 1; i <= 30; ++i) {
      notices.Add(MakeNotice("ungm-" + std::to_string(i), "UNDP",
                             "A notice with a long enough title to make pages big " +
                                 std::to_string(i)));
    }
  }
};

void ExpectSecurityHeaders(const Response& r) {
  for (const char* name : {"Content-Security-Policy", "X-Content-Type-Options",
                           "Referrer-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy",
                           "Permissions-Policy", "X-Request-Id"}) {
    EXPECT_NE(r.Header(name), nullptr) << name << " missing on a " << r.status;
  }
}

TEST_F(PipelineTest, EveryResponseCarriesSecurityHeadersAndARequestId) {
  ExpectSecurityHeaders(Get("/api/v1/notices"));
  ExpectSecurityHeaders(Get("/api/v1/notices/999"));
  ExpectSecurityHeaders(Get("/api/v1/nothing"));
  ExpectSecurityHeaders(Get("/index.html"));
  ExpectSecurityHeaders(Call("DELETE", "/api/v1/notices"));
  Response a = Get("/api/v1/health"), b = Get("/api/v1/health");
  EXPECT_NE(*a.Header("X-Request-Id"), *b.Header("X-Request-Id"));
}

TEST_F(PipelineTest, KeepsAWellFormedIncomingRequestIdOnly) {
  EXPECT_EQ(*Get("/api/v1/health", "", {{"x-request-id", "abc-123"}}).Header("X-Request-Id"),
            "abc-123");
  EXPECT_NE(*Get("/api/v1/health", "", {{"x-request-id", "a b\r\nx"}}).Header("X-Request-Id"),
            "a b\r\nx");
}

TEST_F(PipelineTest, EtagAndIfNoneMatchGive304) {
  Response first = Get("/api/v1/notices/1");
  ASSERT_EQ(first.status, 200);
  ASSERT_NE(first.Header("ETag"), nullptr);
  Response second = Get("/api/v1/notices/1", "", {{"if-none-match", *first.Header("ETag")}});
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());
  EXPECT_NE(*Get("/api/v1/notices/2").Header("ETag"), *first.Header("ETag"));
}

TEST_F(PipelineTest, GzipsLargeListsForClientsThatAccept) {
  Response r = Get("/api/v1/notices", "limit=30", {{"accept-encoding", "gzip, br"}});
  ASSERT_EQ(r.status, 200);
  ASSERT_NE(r.Header("Content-Encoding"), nullptr);
  Result<std::string> plain = GzipDecompress(r.body);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(nlohmann::json::parse(*plain)["items"].size(), 30u);
}

TEST_F(PipelineTest, UnknownApiRouteIs404AndWrongMethodIs405WithAllow) {
  Response missing = Get("/api/v1/nothing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Json(missing)["code"], "not_found");

  Response wrong = Call("DELETE", "/api/v1/notices/1");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(*wrong.Header("Allow"), "GET");
  EXPECT_EQ(Json(wrong)["code"], "method_not_allowed");
}

TEST_F(PipelineTest, OversizedBodiesAre413) {
  options.max_body_bytes = 10;
  const std::string body(11, 'x');
  EXPECT_EQ(Call("POST", "/api/v1/notices", "", {}, body).status, 413);
  EXPECT_EQ(Call("POST", "/somewhere", "", {}, body).status, 413);
}

TEST_F(PipelineTest, ABugBecomesA500ProblemNamingTheRequestId) {
  notices.throw_on_get = true;
  Response r = Get("/api/v1/notices/1", "", {{"x-request-id", "req-42"}});
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(Json(r)["code"], "internal");
  EXPECT_NE(Json(r)["detail"].get<std::string>().find("req-42"), std::string::npos);
  EXPECT_EQ(Json(r)["detail"].get<std::string>().find("fake store bug"), std::string::npos)
      << "internal detail must stay in the log";
}

TEST_F(PipelineTest, ServesOpenApiAsJson) {
  Response r = Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Json(r)["openapi"], "3.1.0");
}

TEST(AccessLogLine, HasTheFieldsAndNoQueryOrHeaders) {
  Request request{.method = "GET",
                  .path = "/api/v1/notices",
                  .query = "token=secret",
                  .headers = {{"authorization", "Bearer secret"}},
                  .body = {},
                  .remote = "127.0.0.1:5000",
                  .request_id = "r-1"};
  const std::string line =
      AccessLogLine(request, 200, 1234, 56, Timestamp::FromSeconds(1'700'000'000));
  const auto json = nlohmann::json::parse(line);
  EXPECT_EQ(json["request_id"], "r-1");
  EXPECT_EQ(json["method"], "GET");
  EXPECT_EQ(json["path"], "/api/v1/notices");
  EXPECT_EQ(json["status"], 200);
  EXPECT_EQ(json["bytes"], 1234);
  EXPECT_EQ(json["duration_us"], 56);
  EXPECT_EQ(json["remote"], "127.0.0.1:5000");
  EXPECT_EQ(json["time"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(line.find("secret"), std::string::npos);
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace tb::http
