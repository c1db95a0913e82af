#include "http/csrf.h"

#include <gtest/gtest.h>

#include "http/testing/requests.h"

namespace tb::http {
namespace {

const std::vector<std::string> kOwn = {"http://127.0.0.1:8080", "http://localhost:8080"};

TEST(IsStateChanging, OnlyTheWritingMethods) {
  for (const char* method : {"POST", "PUT", "PATCH", "DELETE"})
    EXPECT_TRUE(IsStateChanging(method));
  for (const char* method : {"GET", "HEAD", "OPTIONS"}) EXPECT_FALSE(IsStateChanging(method));
}

TEST(IsSameOrigin, Table) {
  struct Row {
    HeaderList headers;
    bool same;
  };
  const Row rows[] = {
      {{{"origin", "http://127.0.0.1:8080"}}, true},
      {{{"origin", "http://localhost:8080"}}, true},
      {{{"origin", "HTTP://LOCALHOST:8080/"}}, true},
      {{{"origin", "http://127.0.0.1:8081"}}, false},
      {{{"origin", "https://127.0.0.1:8080"}}, false},
      {{{"origin", "http://evil.example"}}, false},
      {{{"origin", "http://127.0.0.1:8080.evil.example"}}, false},
      {{{"origin", "null"}}, false},
      // Origin wins over Sec-Fetch-Site when both are present.
      {{{"origin", "http://evil.example"}, {"sec-fetch-site", "same-origin"}}, false},
      {{{"sec-fetch-site", "same-origin"}}, true},
      {{{"sec-fetch-site", "same-site"}}, false},
      {{{"sec-fetch-site", "cross-site"}}, false},
      {{}, false},
  };
  for (const Row& row : rows) {
    const Request request = testing::MakeRequest("POST", "/api/v1/x", row.headers);
    SCOPED_TRACE(row.headers.empty() ? "no headers" : row.headers[0].second);
    EXPECT_EQ(IsSameOrigin(request, kOwn), row.same);
  }
}

TEST(HasForeignOrigin, OnlyAPresentOriginThatIsNotOurs) {
  EXPECT_FALSE(HasForeignOrigin(testing::MakeRequest("POST", "/"), kOwn));
  EXPECT_FALSE(HasForeignOrigin(
      testing::MakeRequest("POST", "/", {{"origin", "http://localhost:8080"}}), kOwn));
  EXPECT_TRUE(HasForeignOrigin(
      testing::MakeRequest("POST", "/", {{"origin", "http://evil.example"}}), kOwn));
  EXPECT_TRUE(HasForeignOrigin(testing::MakeRequest("POST", "/", {{"origin", "null"}}), kOwn));
}

TEST(CsrfTokenMatches, ExactValueOnly) {
  EXPECT_TRUE(CsrfTokenMatches("token-1", "token-1"));
  EXPECT_FALSE(CsrfTokenMatches("token-2", "token-1"));
  EXPECT_FALSE(CsrfTokenMatches("token-1 ", "token-1"));
  EXPECT_FALSE(CsrfTokenMatches("", "token-1"));
  EXPECT_FALSE(CsrfTokenMatches("", "")) << "a session without a token must not match nothing";
}

}  // namespace
}  // namespace tb::http
