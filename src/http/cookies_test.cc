#include "http/cookies.h"

#include <gtest/gtest.h>

#include "http/testing/requests.h"

namespace tb::http {
namespace {

TEST(ParseCookieHeader, Table) {
  struct Row {
    const char* header;
    std::vector<std::pair<std::string, std::string>> cookies;
  };
  const Row rows[] = {
      {"a=1", {{"a", "1"}}},
      {"a=1; b=2", {{"a", "1"}, {"b", "2"}}},
      {"a=1;b=2;", {{"a", "1"}, {"b", "2"}}},
      {"  a = 1 ;  b=\"quoted\"", {{"a", "1"}, {"b", "quoted"}}},
      {"novalue; c=3", {{"c", "3"}}},
      {"=nameless; d=", {{"d", ""}}},
      {"e=x=y", {{"e", "x=y"}}},
      {"", {}},
      {";;;", {}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.header);
    EXPECT_EQ(ParseCookieHeader(row.header), row.cookies);
  }
}

TEST(FindCookie, FindsTheSessionAcrossSeveralCookieHeaders) {
  const Request request = testing::MakeRequest(
      "GET", "/", {{"cookie", "theme=dark"}, {"cookie", "__Host-tb_session=abc; x=1"}});
  EXPECT_EQ(FindCookie(request, kSessionCookieName), "abc");
  EXPECT_EQ(FindCookie(request, "missing"), std::nullopt);
}

TEST(FindCookie, DoesNotAcceptALookAlikeName) {
  const Request request =
      testing::MakeRequest("GET", "/", {{"cookie", "tb_session=forged; __host-tb_session=x"}});
  EXPECT_EQ(FindCookie(request, kSessionCookieName), std::nullopt);
}

// AS-11: the four attributes, and the __Host- prefix that requires Secure, Path=/ and no
// Domain.
TEST(SessionSetCookie, HasEveryAttributeAS11) {
  const std::string value = SessionSetCookie("AbC-123_x");
  EXPECT_EQ(value, "__Host-tb_session=AbC-123_x; Path=/; Secure; HttpOnly; SameSite=Lax");
  EXPECT_EQ(value.find("Domain"), std::string::npos);
}

TEST(SessionSetCookie, DropsBytesThatCouldInjectAttributesOrHeaders) {
  const std::string value = SessionSetCookie("a;b\r\nSet-Cookie: x=y, \"z\"");
  EXPECT_EQ(value.find('\r'), std::string::npos);
  EXPECT_EQ(value.find('\n'), std::string::npos);
  EXPECT_EQ(value.substr(0, value.find(';')), "__Host-tb_session=abSet-Cookie:x=yz");
}

TEST(ClearedSessionSetCookie, ExpiresTheCookieWithTheSameAttributes) {
  EXPECT_EQ(ClearedSessionSetCookie(),
            "__Host-tb_session=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0");
}

}  // namespace
}  // namespace tb::http
