// Membership management against the real server (docs/accounts.md "Membership management"):
// DELETE /organisations/{id}/invitations/{invitation}, DELETE /organisations/{id}/members/{user},
// POST /organisations/{id}/owner. A removed member's existing session and API token lose the
// company at once; a revoked link is refused like an unknown one; the last owner cannot
// leave; others' organisations answer as nonexistent ones (AS-14); bodies are strict (AS-20).
#include <map>

#include "accounts_client.h"

namespace tb::api_test {
namespace {

using nlohmann::json;

class MembershipChangesApiTest : public AccountsApiTest {
 protected:
  static void SetUpTestSuite() { StartServer(); }

  static std::string OrgPath(std::int64_t organisation) {
    return "/api/v1/organisations/" + std::to_string(organisation);
  }

  // Invites `email` into the owner's company; returns the invitation id and its token.
  std::pair<std::int64_t, std::string> Invite(const Account& owner, const std::string& email) {
    auto r = Send("POST", OrgPath(owner.organisation) + "/invitations", owner,
                  json({{"email", email}, {"roles", {"supplier_user"}}}).dump());
    EXPECT_TRUE(r && r->status == 201) << (r ? r->body : "no answer");
    return {Body(r).value("id", std::int64_t{0}), TokenMailedTo(email)};
  }

  // An owner's company with a clerk who joined through an invitation, both signed in.
  std::pair<Account, Account> CompanyWithClerk(const std::string& owner_email,
                                               const std::string& clerk_email,
                                               const std::string& company) {
    Account owner = Supplier(owner_email, company);
    const std::string token = Invite(owner, clerk_email).second;
    auto accepted =
        Public("/api/v1/auth/invitations/accept",
               {{"token", token}, {"password", kAccountPassword}, {"display_name", "Clerk"}});
    EXPECT_TRUE(accepted && accepted->status == 204) << (accepted ? accepted->body : "");
    return {owner, LogIn(clerk_email)};
  }

  // The problem body without its per-request parts, to compare two answers.
  static json Shape(const httplib::Result& r) {
    json body = Body(r);
    if (body.is_object()) body.erase("instance");
    return body;
  }
};

TEST_F(MembershipChangesApiTest, ARemovedMembersSessionAndTokenLoseTheCompanyAtOnce) {
  auto [owner, clerk] =
      CompanyWithClerk("owner@acacia.example", "clerk@acacia.example", "Acacia Trading");
  AddApiToken(clerk, {"profile:read"});
  const std::string profile =
      "/api/v1/suppliers/" + std::to_string(owner.organisation) + "/profile";
  auto before = Send("GET", profile, clerk);
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200) << before->body;
  ASSERT_EQ(Send("GET", profile, clerk, "", "", {}, true)->status, 200);

  auto removed =
      Send("DELETE", OrgPath(owner.organisation) + "/members/" + std::to_string(clerk.user), owner);
  ASSERT_TRUE(removed);
  ASSERT_EQ(removed->status, 204) << removed->body;

  // The same cookie and token, right after: the company's private routes are closed. The clerk
  // now holds no role anywhere, so the route itself refuses (403 forbidden, AS-13).
  for (bool bearer : {false, true}) {
    for (const std::string& path :
         {profile, "/api/v1/suppliers/" + std::to_string(owner.organisation) + "/readiness"}) {
      auto r = Send("GET", path, clerk, "", "", {}, bearer);
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, 403) << (bearer ? "token " : "session ") << path << " " << r->body;
      EXPECT_EQ(Code(r), "forbidden");
    }
  }
  const json session = Body(Send("GET", "/api/v1/auth/session", clerk));
  EXPECT_TRUE(session["user"].is_object()) << "still signed in, as a user of no company";
  EXPECT_TRUE(session["memberships"].empty()) << session.dump();

  const json members = Body(Send("GET", OrgPath(owner.organisation) + "/members", owner));
  EXPECT_EQ(members["members"].size(), 1u);
  auto again =
      Send("DELETE", OrgPath(owner.organisation) + "/members/" + std::to_string(clerk.user), owner);
  EXPECT_EQ(again->status, 404);
}

// A clerk with a company of its own keeps that one: the removal takes exactly the rights of
// the membership, and the other company's data answers as nonexistent (AS-14).
TEST_F(MembershipChangesApiTest, ARemovedMemberKeepsItsOtherCompanyOnly) {
  Account owner = Supplier("owner@bamboo.example", "Bamboo Trading");
  Account clerk = Supplier("clerk@kapok.example", "Kapok Imports");
  const std::string token = Invite(owner, "clerk@kapok.example").second;
  auto accepted = Public("/api/v1/auth/invitations/accept", {{"token", token}});
  ASSERT_TRUE(accepted && accepted->status == 204) << (accepted ? accepted->body : "");
  AddApiToken(clerk, {"profile:read"});
  const auto profile = [](std::int64_t id) {
    return "/api/v1/suppliers/" + std::to_string(id) + "/profile";
  };
  for (bool bearer : {false, true}) {
    ASSERT_EQ(Send("GET", profile(owner.organisation), clerk, "", "", {}, bearer)->status, 200);
  }

  auto removed =
      Send("DELETE", OrgPath(owner.organisation) + "/members/" + std::to_string(clerk.user), owner);
  ASSERT_TRUE(removed);
  ASSERT_EQ(removed->status, 204) << removed->body;

  const std::int64_t nowhere = std::max(owner.organisation, clerk.organisation) + 1000;
  for (bool bearer : {false, true}) {
    SCOPED_TRACE(bearer ? "API token" : "session");
    auto gone = Send("GET", profile(owner.organisation), clerk, "", "", {}, bearer);
    auto missing = Send("GET", profile(nowhere), clerk, "", "", {}, bearer);
    ASSERT_TRUE(gone && missing);
    EXPECT_EQ(gone->status, 404) << gone->body;
    EXPECT_EQ(Shape(gone), Shape(missing));
    EXPECT_EQ(Send("GET", profile(clerk.organisation), clerk, "", "", {}, bearer)->status, 200)
        << "its own company stays";
  }
}

TEST_F(MembershipChangesApiTest, ARevokedInvitationIsRefusedLikeAnUnknownToken) {
  Account owner = Supplier("owner@baobab.example", "Baobab Ltd");
  const auto [id, token] = Invite(owner, "late@baobab.example");
  ASSERT_FALSE(token.empty());
  auto revoked =
      Send("DELETE", OrgPath(owner.organisation) + "/invitations/" + std::to_string(id), owner);
  ASSERT_TRUE(revoked);
  ASSERT_EQ(revoked->status, 204) << revoked->body;
  EXPECT_TRUE(
      Body(Send("GET", OrgPath(owner.organisation) + "/members", owner))["invitations"].empty());

  const json fields = {{"password", kAccountPassword}, {"display_name", "Late"}};
  json with_revoked = fields;
  with_revoked["token"] = token;
  json with_unknown = fields;
  with_unknown["token"] = std::string(token.size(), 'A');
  auto refused = Public("/api/v1/auth/invitations/accept", with_revoked);
  auto unknown = Public("/api/v1/auth/invitations/accept", with_unknown);
  ASSERT_TRUE(refused && unknown);
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(Code(refused), "invalid_token");
  EXPECT_EQ(Shape(refused), Shape(unknown));

  auto twice =
      Send("DELETE", OrgPath(owner.organisation) + "/invitations/" + std::to_string(id), owner);
  EXPECT_EQ(twice->status, 404);
}

TEST_F(MembershipChangesApiTest, TheLastOwnerCannotLeaveButAMemberCan) {
  auto [owner, clerk] =
      CompanyWithClerk("owner@cedar.example", "clerk@cedar.example", "Cedar Works");
  auto last =
      Send("DELETE", OrgPath(owner.organisation) + "/members/" + std::to_string(owner.user), owner);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->status, 409) << last->body;
  EXPECT_TRUE(last->get_header_value("Content-Type").starts_with("application/problem+json"))
      << last->get_header_value("Content-Type");
  EXPECT_EQ(Code(last), "last_owner");
  EXPECT_NE(Body(last).value("detail", "").find("transfer ownership"), std::string::npos);

  auto left =
      Send("DELETE", OrgPath(owner.organisation) + "/members/" + std::to_string(clerk.user), clerk);
  ASSERT_TRUE(left);
  EXPECT_EQ(left->status, 204) << left->body;
  EXPECT_EQ(Body(Send("GET", OrgPath(owner.organisation) + "/members", owner))["members"].size(),
            1u);
}

TEST_F(MembershipChangesApiTest, AMemberWhoIsNotOwnerCannotRemoveRevokeOrTransfer) {
  auto [owner, clerk] =
      CompanyWithClerk("owner@dune.example", "clerk@dune.example", "Dune Supplies");
  const std::int64_t invitation = Invite(owner, "third@dune.example").first;
  const std::string base = OrgPath(owner.organisation);
  const std::vector<std::array<std::string, 3>> attempts = {
      {"DELETE", base + "/members/" + std::to_string(owner.user), ""},
      {"DELETE", base + "/invitations/" + std::to_string(invitation), ""},
      {"POST", base + "/owner", json({{"user_id", clerk.user}}).dump()},
  };
  for (const auto& [method, path, body] : attempts) {
    auto r = Send(method, path, clerk, body);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 403) << path << " " << r->body;
    EXPECT_EQ(Code(r), "forbidden") << path;
  }
  const json after = Body(Send("GET", base + "/members", owner));
  EXPECT_EQ(after["members"].size(), 2u);
  EXPECT_EQ(after["members"][0]["owner"], true);
  EXPECT_EQ(after["invitations"].size(), 1u);

  // API tokens never reach these routes (no scope), even the owner's.
  AddApiToken(owner, {"profile:read"});
  auto by_token =
      Send("DELETE", base + "/members/" + std::to_string(clerk.user), owner, "", "", {}, true);
  EXPECT_EQ(by_token->status, 403);
}

TEST_F(MembershipChangesApiTest, OthersOrganisationsAnswerExactlyAsNonexistentOnes) {
  auto [owner, clerk] =
      CompanyWithClerk("owner@elm.example", "clerk@elm.example", "Elm SECRET-E Ltd");
  const std::int64_t invitation = Invite(owner, "pending@elm.example").first;
  Account rival = Supplier("rival@fig.example", "Fig Trading");
  Account officer = Officer("officer@undp.example");
  const std::int64_t nowhere =
      std::max({owner.organisation, rival.organisation, officer.organisation}) + 1000;

  struct Case {
    std::string method;
    std::string suffix;
    std::string body;
  };
  const std::vector<Case> cases = {
      {"DELETE", "/members/" + std::to_string(clerk.user), ""},
      {"DELETE", "/members/" + std::to_string(owner.user), ""},
      {"DELETE", "/invitations/" + std::to_string(invitation), ""},
      {"POST", "/owner", json({{"user_id", rival.user}}).dump()},
  };
  std::map<std::string, json> answer_of;  // one answer per (who, case) for both organisations
  for (const Account* who : {&rival, &officer}) {
    for (const Case& c : cases) {
      SCOPED_TRACE(who->email + " " + c.method + " " + c.suffix);
      auto existing = Send(c.method, OrgPath(owner.organisation) + c.suffix, *who, c.body);
      auto missing = Send(c.method, OrgPath(nowhere) + c.suffix, *who, c.body);
      ASSERT_TRUE(existing && missing);
      EXPECT_EQ(existing->status, 404) << existing->body;
      EXPECT_EQ(Shape(existing), Shape(missing));
      EXPECT_EQ(existing->body.find("SECRET-E"), std::string::npos);
      answer_of.emplace(who->email + c.suffix, Shape(existing));
    }
  }
  for (const auto& [key, shape] : answer_of) EXPECT_EQ(shape, answer_of.begin()->second) << key;
  const json after = Body(Send("GET", OrgPath(owner.organisation) + "/members", owner));
  EXPECT_EQ(after["members"].size(), 2u) << "nothing changed";
  EXPECT_EQ(after["invitations"].size(), 1u);
}

TEST_F(MembershipChangesApiTest, OwnershipMovesToAMemberAndTheOldOwnerStays) {
  auto [owner, clerk] =
      CompanyWithClerk("owner@grove.example", "clerk@grove.example", "Grove Partners");
  const std::string path = OrgPath(owner.organisation) + "/owner";
  auto unknown_field =
      Send("POST", path, owner, json({{"user_id", clerk.user}, {"owner", true}}).dump());
  ASSERT_TRUE(unknown_field);
  EXPECT_EQ(unknown_field->status, 400);
  EXPECT_EQ(Code(unknown_field), "unknown_field");
  EXPECT_EQ(Body(unknown_field).value("field", ""), "owner");
  Account stranger = Supplier("stranger@grove.example", "Stranger Co");
  auto not_member = Send("POST", path, owner, json({{"user_id", stranger.user}}).dump());
  ASSERT_TRUE(not_member);
  EXPECT_EQ(not_member->status, 404);
  EXPECT_EQ(Body(not_member).value("field", ""), "user_id");

  auto moved = Send("POST", path, owner, json({{"user_id", clerk.user}}).dump());
  ASSERT_TRUE(moved);
  ASSERT_EQ(moved->status, 200) << moved->body;
  EXPECT_EQ(Body(moved)["owner"], clerk.user);

  const json session = Body(Send("GET", "/api/v1/auth/session", owner));
  ASSERT_EQ(session["memberships"].size(), 1u);
  EXPECT_EQ(session["memberships"][0]["owner"], false);
  EXPECT_EQ(session["memberships"][0]["roles"], json({"supplier_user"}));
  EXPECT_EQ(Send("GET", OrgPath(owner.organisation) + "/members", owner)->status, 404)
      << "the old owner no longer manages the company";
  const json members = Body(Send("GET", OrgPath(owner.organisation) + "/members", clerk));
  ASSERT_EQ(members["members"].size(), 2u);
  EXPECT_EQ(members["members"][1]["owner"], true);
  // No longer the last owner, the old owner may leave.
  EXPECT_EQ(
      Send("DELETE", OrgPath(owner.organisation) + "/members/" + std::to_string(owner.user), owner)
          ->status,
      204);
}

// The step-up (AS-12) on a server whose clock the test moves: 16 minutes after logging in,
// removal and transfer ask for the password again; leaving does not.
class MembershipStepUpApiTest : public MembershipChangesApiTest {
 protected:
  static constexpr const char* kAdminToken = "membership-step-up-admin-token-0123456789";
  static void SetUpTestSuite() { StartServer({"--test-clock", "--admin-token", kAdminToken}); }

  void MoveClockBy(std::chrono::minutes minutes) {
    const std::time_t at = std::time(nullptr) + std::chrono::seconds(minutes).count();
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&at));
    auto r = client_->Post("/api/v1/test/clock",
                           {{"Authorization", std::string("Bearer ") + kAdminToken}},
                           json({{"now", text}}).dump(), "application/json");
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
  }
};

TEST_F(MembershipStepUpApiTest, RemovalAndTransferNeedARecentPasswordButLeavingDoesNot) {
  auto [owner, first] =
      CompanyWithClerk("owner@hazel.example", "first@hazel.example", "Hazel Goods");
  const std::string token = Invite(owner, "second@hazel.example").second;
  ASSERT_EQ(Public("/api/v1/auth/invitations/accept",
                   {{"token", token}, {"password", kAccountPassword}, {"display_name", "Second"}})
                ->status,
            204);
  const Account second = LogIn("second@hazel.example");
  MoveClockBy(std::chrono::minutes(16));

  const std::string base = OrgPath(owner.organisation);
  auto removal = Send("DELETE", base + "/members/" + std::to_string(second.user), owner);
  ASSERT_TRUE(removal);
  EXPECT_EQ(removal->status, 403) << removal->body;
  EXPECT_EQ(Code(removal), "reauthentication_required");
  auto transfer = Send("POST", base + "/owner", owner, json({{"user_id", second.user}}).dump());
  ASSERT_TRUE(transfer);
  EXPECT_EQ(Code(transfer), "reauthentication_required");

  auto left = Send("DELETE", base + "/members/" + std::to_string(first.user), first);
  ASSERT_TRUE(left);
  EXPECT_EQ(left->status, 204) << "leaving needs no step-up: " << left->body;

  auto confirmed = Send("POST", "/api/v1/auth/reauthenticate", owner,
                        json({{"password", kAccountPassword}}).dump());
  ASSERT_TRUE(confirmed);
  ASSERT_EQ(confirmed->status, 204) << confirmed->body;
  auto again = Send("DELETE", base + "/members/" + std::to_string(second.user), owner);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 204) << again->body;
  EXPECT_EQ(Body(Send("GET", base + "/members", owner))["members"].size(), 1u);
}

}  // namespace
}  // namespace tb::api_test
