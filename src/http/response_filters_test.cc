#include "http/response_filters.h"

#include <gtest/gtest.h>

#include "http/testing/requests.h"

namespace tb::http {
namespace {

using testing::MakeRequest;

TEST(StrongEtag, IsQuotedStableAndContentDependent) {
  const std::string a = StrongEtag("hello");
  EXPECT_EQ(a, StrongEtag("hello"));
  EXPECT_NE(a, StrongEtag("hello!"));
  ASSERT_EQ(a.size(), 34u);
  EXPECT_EQ(a.front(), '"');
  EXPECT_EQ(a.back(), '"');
}

TEST(IfNoneMatch, Table) {
  const std::string tag = "\"abc\"";
  struct Row {
    const char* header;
    bool match;
  };
  const Row rows[] = {
      {"\"abc\"", true},          {"W/\"abc\"", true},       {"\"x\", \"abc\"", true},
      {" \"abc\" ", true},        {"*", true},               {"\"abc-gzip\"", true},
      {"\"abd\"", false},         {"abc", true},             {"", false},
      {"\"ab\", \"c\"", false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.header);
    EXPECT_EQ(IfNoneMatchMatches(row.header, tag), row.match);
  }
}

TEST(AcceptsGzip, Table) {
  struct Row {
    const char* header;
    bool accepts;
  };
  const Row rows[] = {
      {"gzip", true},           {"gzip, deflate, br", true}, {"br;q=1.0, gzip;q=0.8", true},
      {"GZIP", true},           {"*", true},                 {"gzip;q=0", false},
      {"gzip;q=0.000", false},  {"deflate", false},          {"", false},
      {"identity", false},      {"gzip;q=0.001", true},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.header);
    EXPECT_EQ(AcceptsGzip(row.header), row.accepts);
  }
}

TEST(Gzip, RoundTrips) {
  std::string data;
  for (int i = 0; i < 5000; ++i) data += "notice " + std::to_string(i) + "\n";
  Result<std::string> gz = GzipCompress(data);
  ASSERT_TRUE(gz.ok());
  EXPECT_LT(gz->size(), data.size() / 3);
  EXPECT_EQ(static_cast<unsigned char>((*gz)[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>((*gz)[1]), 0x8b);
  EXPECT_EQ(GzipDecompress(*gz).value(), data);
  EXPECT_EQ(GzipDecompress("not gzip").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(GzipDecompress(gz->substr(0, gz->size() / 2)).status().code(),
            StatusCode::kInvalidArgument);
}

Response JsonOf(std::size_t size) {
  Response r = JsonResponse(std::string(size, 'a'));
  return r;
}

TEST(ApplyConditionalAndEncoding, AnswersNotModifiedForAMatchingTag) {
  Request request = MakeRequest("GET", "/api/v1/x");
  Response first = JsonOf(10);
  ApplyConditionalAndEncoding(request, first);
  ASSERT_NE(first.Header("ETag"), nullptr);

  request.headers = {{"if-none-match", *first.Header("ETag")}};
  Response second = JsonOf(10);
  ApplyConditionalAndEncoding(request, second);
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());
  EXPECT_EQ(second.Header("Content-Type"), nullptr);
  EXPECT_EQ(*second.Header("ETag"), *first.Header("ETag"));

  request.headers = {{"if-none-match", "\"other\""}};
  Response third = JsonOf(10);
  ApplyConditionalAndEncoding(request, third);
  EXPECT_EQ(third.status, 200);
}

TEST(ApplyConditionalAndEncoding, GzipsOnlyLargeBodiesWhenAccepted) {
  Request request = MakeRequest("GET", "/api/v1/x", {{"accept-encoding", "gzip"}});
  Response small = JsonOf(kGzipMinBytes);
  ApplyConditionalAndEncoding(request, small);
  EXPECT_EQ(small.Header("Content-Encoding"), nullptr);
  EXPECT_EQ(*small.Header("Vary"), "Accept-Encoding");

  Response large = JsonOf(kGzipMinBytes + 1);
  ApplyConditionalAndEncoding(request, large);
  ASSERT_NE(large.Header("Content-Encoding"), nullptr);
  EXPECT_EQ(*large.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(GzipDecompress(large.body).value(), std::string(kGzipMinBytes + 1, 'a'));
  EXPECT_TRUE(large.Header("ETag")->ends_with("-gzip\""));

  request.headers.clear();
  Response plain = JsonOf(kGzipMinBytes + 1);
  ApplyConditionalAndEncoding(request, plain);
  EXPECT_EQ(plain.Header("Content-Encoding"), nullptr);
}

TEST(ApplyConditionalAndEncoding, LeavesErrorsAndPostsAlone) {
  Request get = MakeRequest("GET", "/x");
  Response error = JsonOf(2000);
  error.status = 404;
  ApplyConditionalAndEncoding(get, error);
  EXPECT_EQ(error.Header("ETag"), nullptr);

  Request post = MakeRequest("POST", "/x", {{"accept-encoding", "gzip"}});
  Response created = JsonOf(2000);
  ApplyConditionalAndEncoding(post, created);
  EXPECT_EQ(created.Header("ETag"), nullptr);
  EXPECT_EQ(created.Header("Content-Encoding"), nullptr);
}

TEST(AddSecurityHeaders, SetsAllOfThem) {
  Response r;
  AddSecurityHeaders(r, "id-1");
  for (const char* name :
       {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
        "Cross-Origin-Opener-Policy", "Permissions-Policy", "X-Request-Id"}) {
    SCOPED_TRACE(name);
    EXPECT_NE(r.Header(name), nullptr);
  }
  EXPECT_NE(r.Header("content-security-policy")->find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(*r.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(*r.Header("X-Request-Id"), "id-1");
}

}  // namespace
}  // namespace tb::http
