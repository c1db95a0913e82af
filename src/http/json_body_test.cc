#include "http/json_body.h"

#include <gtest/gtest.h>

#include "http/testing/requests.h"

namespace tb::http {
namespace {

constexpr BodyField kCompany[] = {
    {"name", FieldType::kString, true},
    {"country", FieldType::kString, true},
};
constexpr BodyField kSignUp[] = {
    {"email", FieldType::kString, true},  {"password", FieldType::kString, true},
    {"display_name", FieldType::kString}, {"company", FieldType::kObject, true, kCompany},
    {"roles", FieldType::kStringArray},   {"remember", FieldType::kBoolean},
    {"count", FieldType::kInteger},
};

struct Outcome {
  int status = 0;  // 0: accepted
  std::string code;
  std::string field;
};

Outcome Read(std::string_view body, std::string content_type = "application/json") {
  Request request = testing::MakeRequest("POST", "/api/v1/auth/signup");
  if (!content_type.empty()) request.headers.emplace_back("content-type", content_type);
  request.body = body;
  nlohmann::json parsed;
  std::optional<Response> problem = ReadJsonBody(request, kSignUp, parsed);
  if (!problem) return {};
  const auto json = nlohmann::json::parse(problem->body);
  return {problem->status, json.value("code", ""), json.value("field", "")};
}

constexpr std::string_view kValid =
    R"({"email":"a@b.org","password":"p","company":{"name":"Acme","country":"KE"}})";

TEST(ReadJsonBody, AcceptsAValidBodyAndKeepsItsValues) {
  Request request = testing::MakeRequest("POST", "/x", {{"content-type", "application/json"}});
  request.body = kValid;
  nlohmann::json parsed;
  EXPECT_FALSE(ReadJsonBody(request, kSignUp, parsed).has_value());
  EXPECT_EQ(parsed["company"]["country"], "KE");
}

// AS-21: the body's type is checked before anything is parsed.
TEST(ReadJsonBody, WrongOrMissingContentTypeIs415) {
  for (const char* type : {"", "text/plain", "multipart/form-data; boundary=x",
                           "application/x-www-form-urlencoded", "application/jsonx"}) {
    SCOPED_TRACE(type);
    const Outcome outcome = Read(kValid, type);
    EXPECT_EQ(outcome.status, 415);
    EXPECT_EQ(outcome.code, "unsupported_media_type");
  }
  EXPECT_EQ(Read(kValid, "Application/JSON; charset=utf-8").status, 0);
}

TEST(ReadJsonBody, MalformedBodiesAre400) {
  for (const char* body :
       {"", "{", "[]", "\"text\"", "null", "{\"email\":}", R"({"email":"a","email":"b"})"}) {
    SCOPED_TRACE(body);
    const Outcome outcome = Read(body);
    EXPECT_EQ(outcome.status, 400);
    EXPECT_EQ(outcome.code, "malformed_json");
  }
}

// AS-20: every server-owned field injected into the body is refused by name, nested
// objects included.
TEST(ReadJsonBody, UnknownFieldsAre400NamingTheField) {
  struct Row {
    const char* body;
    const char* field;
  };
  const Row rows[] = {
      {R"({"email":"a@b.org","password":"p","company":{"name":"A","country":"KE"},)"
       R"("role":"administrator"})",
       "role"},
      {R"({"status":"verified","email":"a@b.org","password":"p",)"
       R"("company":{"name":"A","country":"KE"}})",
       "status"},
      {R"({"email":"a@b.org","password":"p",)"
       R"("company":{"name":"A","country":"KE","organisation_id":1}})",
       "company.organisation_id"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.body);
    const Outcome outcome = Read(row.body);
    EXPECT_EQ(outcome.status, 400);
    EXPECT_EQ(outcome.code, "unknown_field");
    EXPECT_EQ(outcome.field, row.field);
  }
}

TEST(ReadJsonBody, MissingOrMistypedFieldsAre422NamingTheField) {
  struct Row {
    const char* body;
    const char* field;
  };
  const Row rows[] = {
      {R"({"password":"p","company":{"name":"A","country":"KE"}})", "email"},
      {R"({"email":"a","password":"p","company":{"name":"A"}})", "company.country"},
      {R"({"email":1,"password":"p","company":{"name":"A","country":"KE"}})", "email"},
      {R"({"email":null,"password":"p","company":{"name":"A","country":"KE"}})", "email"},
      {R"({"email":"a","password":"p","company":"Acme"})", "company"},
      {R"({"email":"a","password":"p","company":{"name":"A","country":"KE"},"roles":["a",1]})",
       "roles"},
      {R"({"email":"a","password":"p","company":{"name":"A","country":"KE"},"remember":"yes"})",
       "remember"},
      {R"({"email":"a","password":"p","company":{"name":"A","country":"KE"},"count":1.5})",
       "count"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.body);
    const Outcome outcome = Read(row.body);
    EXPECT_EQ(outcome.status, 422);
    EXPECT_EQ(outcome.code, "invalid_argument");
    EXPECT_EQ(outcome.field, row.field);
  }
}

}  // namespace
}  // namespace tb::http
