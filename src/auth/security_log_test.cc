#include "auth/security_log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tb::auth {
namespace {

// AS-35: CR, LF and ANSI escapes in a user-chosen field cannot forge a line or colour a
// terminal, and the value round-trips through a JSON parser.
TEST(SecurityEventJson, NeutralisesLogInjection) {
  SecurityEvent event;
  event.at = Timestamp::FromSeconds(1'700'000'000);
  event.actor = "public";
  event.action = "login";
  event.object = "email:a\r\nFAKE ENTRY\x1b[31m\"}{\\";
  event.outcome = "failure";
  event.request_id = "r-1";
  event.detail = std::string("nul\0byte", 8) + " c1:\xC2\x85 ls:\xE2\x80\xA8 bad:\xFF";
  const std::string line = SecurityEventJson(event);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.find('\r'), std::string::npos);
  EXPECT_EQ(line.find('\x1b'), std::string::npos);
  EXPECT_EQ(line.find(std::string_view("\xC2\x85", 2)), std::string::npos);
  EXPECT_EQ(line.find(std::string_view("\xE2\x80\xA8", 3)), std::string::npos);
  EXPECT_EQ(line.find('\0'), std::string::npos);

  const nlohmann::json parsed = nlohmann::json::parse(line);
  EXPECT_EQ(parsed.at("object"), "email:a\r\nFAKE ENTRY\x1b[31m\"}{\\");
  EXPECT_EQ(parsed.at("time"), "2023-11-14T22:13:20Z");
  EXPECT_EQ(parsed.at("actor"), "public");
  EXPECT_EQ(parsed.at("action"), "login");
  EXPECT_EQ(parsed.at("outcome"), "failure");
  EXPECT_EQ(parsed.at("request_id"), "r-1");
  EXPECT_EQ(parsed.size(), 8u);
}

TEST(SecurityEventJson, KeepsOrdinaryUnicode) {
  SecurityEvent event;
  event.object = "organisation:Société Générale 中国 شركة";
  const nlohmann::json parsed = nlohmann::json::parse(SecurityEventJson(event));
  EXPECT_EQ(parsed.at("object"), event.object);
}

}  // namespace
}  // namespace tb::auth
