// GET /api/v1/organisations/{id}/members against the real server (docs/accounts.md): an
// owner sees its members with their roles and its pending invitations; everyone else, for
// any other organisation or one that does not exist, gets one identical 404 (AS-14); a role
// change shows in the next listing.
#include <map>

#include "accounts_client.h"

namespace tb::api_test {
namespace {

using nlohmann::json;

class MembersApiTest : public AccountsApiTest {
 protected:
  static void SetUpTestSuite() { StartServer(); }

  std::string MembersPath(const std::string& id) {
    return "/api/v1/organisations/" + id + "/members";
  }
};

TEST_F(MembersApiTest, OwnerSeesMembersRolesAndPendingInvitations) {
  Account owner = Supplier("owner@alpha.example", "Acacia Trading");
  const std::string path = MembersPath(std::to_string(owner.organisation));
  auto invited =
      Send("POST", "/api/v1/organisations/" + std::to_string(owner.organisation) + "/invitations",
           owner, json({{"email", "Clerk@Alpha.example"}, {"roles", {"supplier_user"}}}).dump());
  ASSERT_TRUE(invited && invited->status == 201) << (invited ? invited->body : "no answer");

  auto r = Send("GET", path, owner);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json body = Body(r);
  EXPECT_EQ(body["organisation"]["id"], owner.organisation);
  EXPECT_EQ(body["organisation"]["name"], "Acacia Trading");
  EXPECT_EQ(body["organisation"]["kind"], "supplier");
  ASSERT_EQ(body["members"].size(), 1u);
  const json& me = body["members"][0];
  EXPECT_EQ(me["user_id"], owner.user);
  EXPECT_EQ(me["email"], "owner@alpha.example");
  EXPECT_EQ(me["owner"], true);
  EXPECT_EQ(me["roles"], json({"supplier_user"}));
  EXPECT_EQ(me["mfa_enrolled"], false);
  EXPECT_FALSE(me.contains("password_hash"));
  ASSERT_EQ(body["invitations"].size(), 1u);
  EXPECT_EQ(body["invitations"][0]["email"], "clerk@alpha.example");
  EXPECT_EQ(body["invitations"][0]["roles"], json({"supplier_user"}));
  EXPECT_EQ(body["invitations"][0]["invited_by"], owner.user);
  EXPECT_EQ(r->body.find("token"), std::string::npos) << "no invitation token or hash";

  // The invitee accepts: a member now, no longer pending.
  const std::string token = TokenMailedTo("clerk@alpha.example");
  ASSERT_FALSE(token.empty());
  auto accepted = Public("/api/v1/auth/invitations/accept", {{"token", token},
                                                             {"password", kAccountPassword},
                                                             {"display_name", "Clerk"},
                                                             {"language", "fr"}});
  ASSERT_TRUE(accepted && accepted->status == 204) << (accepted ? accepted->body : "");
  const json after = Body(Send("GET", path, owner));
  ASSERT_EQ(after["members"].size(), 2u);
  EXPECT_EQ(after["members"][1]["display_name"], "Clerk");
  EXPECT_EQ(after["members"][1]["owner"], false);
  EXPECT_TRUE(after["invitations"].empty());

  // A role change (fresh log-in: within the step-up window) shows in the next listing.
  const std::string clerk_id = std::to_string(after["members"][1]["user_id"].get<std::int64_t>());
  auto changed = Send("POST",
                      "/api/v1/organisations/" + std::to_string(owner.organisation) + "/members/" +
                          clerk_id + "/roles",
                      owner, json({{"roles", json::array()}}).dump());
  ASSERT_TRUE(changed && changed->status == 200) << (changed ? changed->body : "");
  EXPECT_EQ(Body(Send("GET", path, owner))["members"][1]["roles"], json::array());
}

TEST_F(MembersApiTest, EveryoneElseGetsTheSameNotFound) {
  Account a = Supplier("a@alpha.example", "Alpha Trading");
  Account b = Supplier("b@baobab.example", "Baobab SECRET-B Ltd");
  Account officer = Officer("officer@undp.example");
  Account staff = Officer("staff@centre.example");
  // A plain (non-owner) member of A.
  ASSERT_TRUE(
      Send("POST", "/api/v1/organisations/" + std::to_string(a.organisation) + "/invitations", a,
           json({{"email", "a-clerk@alpha.example"}, {"roles", {"supplier_user"}}}).dump()));
  ASSERT_EQ(
      Public("/api/v1/auth/invitations/accept", {{"token", TokenMailedTo("a-clerk@alpha.example")},
                                                 {"password", kAccountPassword},
                                                 {"display_name", "Clerk"}})
          ->status,
      204);
  const Account clerk = LogIn("a-clerk@alpha.example");

  const std::int64_t max_org =
      std::max({a.organisation, b.organisation, officer.organisation, staff.organisation});
  struct Case {
    const Account* who;
    std::string id;
    std::string kind;
  };
  const std::vector<Case> cases = {
      {&a, std::to_string(b.organisation), "other company"},
      {&a, std::to_string(officer.organisation), "other tenant"},
      {&a, std::to_string(staff.organisation), "other tenant"},
      {&a, std::to_string(max_org + 1), "nonexistent"},
      {&a, "0", "nonexistent"},
      {&a, "-1", "nonexistent"},
      {&a, "abc", "nonexistent"},
      {&a, "9223372036854775808", "nonexistent"},
      {&clerk, std::to_string(a.organisation), "own company, not owner"},
      {&clerk, std::to_string(max_org + 1), "nonexistent"},
      {&officer, std::to_string(a.organisation), "officer on a supplier"},
      {&officer, std::to_string(max_org + 1), "nonexistent"},
      {&staff, std::to_string(b.organisation), "staff on a supplier"},
      {&staff, std::to_string(max_org + 1), "nonexistent"},
  };
  std::map<std::string, json> answer_of;  // per account: the one answer for all of its cases
  for (const Case& c : cases) {
    SCOPED_TRACE(c.who->email + " on " + c.id + " (" + c.kind + ")");
    auto r = Send("GET", MembersPath(c.id), *c.who);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << r->body;
    EXPECT_EQ(r->body.find("SECRET-B"), std::string::npos);
    EXPECT_EQ(r->body.find("@"), std::string::npos) << "no member e-mail in the answer";
    json shape = json::parse(r->body, nullptr, false);
    ASSERT_TRUE(shape.is_object());
    shape.erase("instance");
    auto [it, first] = answer_of.emplace(c.who->email, shape);
    if (!first) EXPECT_EQ(shape, it->second);
  }
  // And the same answer for every account too.
  for (const auto& [email, shape] : answer_of) EXPECT_EQ(shape, answer_of.begin()->second) << email;

  // Unauthenticated: 401; an API token: refused by the route (no scope), whatever the id.
  auto anonymous = client_->Get(MembersPath(std::to_string(a.organisation)).c_str());
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  AddApiToken(a, {"profile:read"});
  for (const std::string& id : {std::to_string(a.organisation), std::to_string(b.organisation),
                                std::to_string(max_org + 1)}) {
    auto r = Send("GET", MembersPath(id), a, "", "", {}, true);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << id << " " << r->body;
    EXPECT_EQ(Code(r), "forbidden");
  }
  // The owner itself still reads its own.
  auto own = Send("GET", MembersPath(std::to_string(a.organisation)), a);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  EXPECT_EQ(Body(own)["members"].size(), 2u);
}

}  // namespace
}  // namespace tb::api_test
