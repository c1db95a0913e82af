#include "http/problem.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tb::http {
namespace {

TEST(Problem, MapsEveryStatusCodeAsStyleSaysSection5) {
  struct Row {
    StatusCode code;
    int http;
  };
  const Row rows[] = {
      {StatusCode::kInvalidArgument, 422},    {StatusCode::kNotFound, 404},
      {StatusCode::kAlreadyExists, 409},      {StatusCode::kFailedPrecondition, 409},
      {StatusCode::kUnauthenticated, 401},    {StatusCode::kPermissionDenied, 403},
      {StatusCode::kResourceExhausted, 413},  {StatusCode::kUnavailable, 503},
      {StatusCode::kInternal, 500},           {StatusCode::kOk, 500},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(StatusCodeName(row.code));
    EXPECT_EQ(HttpStatusFor(row.code), row.http);
  }
}

TEST(Problem, BodyIsRfc9457WithStableCodeAndField) {
  Response r = ProblemResponse(Status::InvalidArgument("limit must be 1..100").WithField("limit"),
                               "/api/v1/notices");
  EXPECT_EQ(r.status, 422);
  ASSERT_NE(r.Header("content-type"), nullptr);
  EXPECT_EQ(*r.Header("content-type"), "application/problem+json; charset=utf-8");
  const auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["type"], "https://tenderbridge.example/problems/invalid_argument");
  EXPECT_EQ(body["title"], "Unprocessable Content");
  EXPECT_EQ(body["status"], 422);
  EXPECT_EQ(body["detail"], "limit must be 1..100");
  EXPECT_EQ(body["code"], "invalid_argument");
  EXPECT_EQ(body["field"], "limit");
  EXPECT_EQ(body["instance"], "/api/v1/notices");
}

TEST(Problem, OverridesStatusAndCodeForHttpLevelProblems) {
  Response r = ProblemResponse(Status::InvalidArgument("unknown parameter").WithField("buyr"),
                               "/x", 400);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(nlohmann::json::parse(r.body)["status"], 400);

  Response m = ProblemResponse(Status::InvalidArgument("no"), "/x", 405, "method_not_allowed");
  const auto body = nlohmann::json::parse(m.body);
  EXPECT_EQ(body["code"], "method_not_allowed");
  EXPECT_FALSE(body.contains("field"));
}

TEST(Problem, InvalidUtf8InDetailDoesNotThrow) {
  Response r = ProblemResponse(Status::NotFound("no notice \xff\xfe"), "/x");
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(nlohmann::json::accept(r.body));
}

}  // namespace
}  // namespace tb::http

namespace tb::http {
namespace {

TEST(Problem, TitlesNameEveryStatusTheRoutesAnswer) {
  for (const auto& [status, title] : std::vector<std::pair<int, std::string>>{
           {406, "Not Acceptable"}, {415, "Unsupported Media Type"}, {409, "Conflict"}}) {
    const Response response = ProblemResponse(Status::InvalidArgument("x"), "/p", status);
    EXPECT_EQ(nlohmann::json::parse(response.body)["title"], title) << status;
  }
}

}  // namespace
}  // namespace tb::http
