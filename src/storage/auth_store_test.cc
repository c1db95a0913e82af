// The SQL AuthStore on SQLite and PostgreSQL, and the AuthService over it (AS-05: no raw
// token anywhere in the database).
#include <gtest/gtest.h>

#include <thread>

#include "auth/auth_service.h"
#include "auth/policy.h"
#include "auth/testing/recording.h"
#include "crypto/random.h"
#include "storage/database.h"
#include "storage/sql_auth_store.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

using auth::ApiTokenRecord;
using auth::EmailTokenPurpose;
using auth::EmailTokenRecord;
using auth::InvitationRecord;
using auth::Membership;
using auth::OrganisationKind;
using auth::OrganisationRecord;
using auth::Role;
using auth::SessionRecord;
using auth::UserRecord;

const Timestamp kT0 = Timestamp::FromRfc3339("2025-03-01T09:00:00Z").value();

class AuthStoreTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (db_ == nullptr) return;  // skipped
    store_ = std::make_unique<SqlAuthStore>(db());
  }

  static UserRecord User(const std::string& email) {
    UserRecord u;
    u.email = email;
    u.display_name = "Name of " + email;
    u.language = "fr";
    u.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    u.created_at = kT0;
    return u;
  }
  static OrganisationRecord Org(OrganisationKind kind, const std::string& name) {
    return OrganisationRecord{{}, kind, name, "KE", kT0};
  }

  std::unique_ptr<SqlAuthStore> store_;
};

TEST_P(AuthStoreTest, UsersRoundTripAndEmailsAreUnique) {
  UserRecord u = User("ana@example.org");
  u.email_verified_at = kT0 + std::chrono::minutes(1);
  const UserId id = store_->CreateUser(u).value();
  u.id = id;
  EXPECT_EQ(store_->FindUser(id).value(), u);
  EXPECT_EQ(store_->FindUserByEmail("ana@example.org").value(), u);
  EXPECT_EQ(store_->FindUserByEmail("nobody@example.org").value(), std::nullopt);
  EXPECT_EQ(store_->FindUser(UserId{id.value + 100}).value(), std::nullopt);
  EXPECT_EQ(store_->CreateUser(User("ana@example.org")).status().code(),
            StatusCode::kAlreadyExists);

  ASSERT_TRUE(store_->SetPasswordHash(id, "$argon2id$new").ok());
  ASSERT_TRUE(store_->SetEmailVerified(id, kT0 + std::chrono::hours(1)).ok());
  const UserRecord after = store_->FindUser(id).value().value();
  EXPECT_EQ(after.password_hash, "$argon2id$new");
  EXPECT_EQ(after.email_verified_at, kT0 + std::chrono::hours(1));
  EXPECT_EQ(store_->SetPasswordHash(UserId{id.value + 100}, "x").code(), StatusCode::kNotFound);
}

// AS-06 at the store: a step is claimed once, and never one at or before the last.
TEST_P(AuthStoreTest, TotpActivationAndStepClaims) {
  const UserId id = store_->CreateUser(User("t@example.org")).value();
  EXPECT_EQ(store_->ActivateTotp(id, 5).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store_->SetPendingTotpSecret(id, "JBSWY3DPEHPK3PXP").ok());
  ASSERT_TRUE(store_->ActivateTotp(id, 100).ok());
  const UserRecord u = store_->FindUser(id).value().value();
  EXPECT_EQ(u.totp_secret, "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(u.totp_pending_secret, "");
  EXPECT_EQ(u.totp_last_step, 100);
  EXPECT_FALSE(store_->ClaimTotpStep(id, 100).value());
  EXPECT_FALSE(store_->ClaimTotpStep(id, 99).value());
  EXPECT_TRUE(store_->ClaimTotpStep(id, 101).value());
  EXPECT_FALSE(store_->ClaimTotpStep(id, 101).value());
  EXPECT_EQ(store_->ClaimTotpStep(UserId{id.value + 100}, 1).status().code(),
            StatusCode::kNotFound);
}

TEST_P(AuthStoreTest, SignUpWritesUserOrganisationAndOwnershipTogetherOrNothing) {
  const auto created = store_->CreateUserWithOrganisation(
      User("owner@example.org"), Org(OrganisationKind::kSupplier, "Njeri Solar"),
      {Role::kSupplierUser});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const std::vector<Membership> m = store_->MembershipsOf(created->user).value();
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].organisation, created->organisation);
  EXPECT_EQ(m[0].kind, OrganisationKind::kSupplier);
  EXPECT_TRUE(m[0].owner);
  EXPECT_EQ(m[0].roles, std::vector<Role>{Role::kSupplierUser});

  const auto again = store_->CreateUserWithOrganisation(
      User("owner@example.org"), Org(OrganisationKind::kSupplier, "Second Company"),
      {Role::kSupplierUser});
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->FindOrganisationByName(OrganisationKind::kSupplier, "Second Company").value(),
            std::nullopt)
      << "rolled back with the user";
}

TEST_P(AuthStoreTest, OrganisationsAreUniquePerKindAndListByName) {
  const OrganisationId undp =
      store_->CreateOrganisation(Org(OrganisationKind::kAgency, "UNDP")).value();
  ASSERT_TRUE(store_->CreateOrganisation(Org(OrganisationKind::kAgency, "FAO")).ok());
  ASSERT_TRUE(store_->CreateOrganisation(Org(OrganisationKind::kSupplier, "UNDP")).ok())
      << "the same name in another kind";
  EXPECT_EQ(store_->CreateOrganisation(Org(OrganisationKind::kAgency, "UNDP")).status().code(),
            StatusCode::kAlreadyExists);
  OrganisationRecord expected = Org(OrganisationKind::kAgency, "UNDP");
  expected.id = undp;
  EXPECT_EQ(store_->FindOrganisation(undp).value(), expected);
  EXPECT_EQ(store_->FindOrganisationByName(OrganisationKind::kAgency, "UNDP").value(), expected);
  const auto agencies = store_->ListOrganisations(OrganisationKind::kAgency).value();
  ASSERT_EQ(agencies.size(), 2u);
  EXPECT_EQ(agencies[0].name, "FAO");
  EXPECT_EQ(agencies[1].name, "UNDP");
  EXPECT_EQ(store_->ListOrganisations(std::nullopt).value().size(), 3u);
}

TEST_P(AuthStoreTest, MembershipsMergeRolesKeepOwnershipAndReplaceOnSet) {
  const UserId user = store_->CreateUser(User("m@example.org")).value();
  const OrganisationId org =
      store_->CreateOrganisation(Org(OrganisationKind::kAgency, "WFP")).value();
  EXPECT_EQ(store_->SetMembershipRoles(user, org, {}).code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->AddMembership(user, org, true, {Role::kEvaluator}).ok());
  ASSERT_TRUE(
      store_->AddMembership(user, org, false, {Role::kAgencyOfficer, Role::kEvaluator}).ok());
  std::vector<Membership> m = store_->MembershipsOf(user).value();
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].owner) << "false leaves ownership as it was";
  EXPECT_EQ(m[0].roles, (std::vector<Role>{Role::kAgencyOfficer, Role::kEvaluator}));
  ASSERT_TRUE(store_->SetMembershipRoles(user, org, {Role::kCommitteeMember}).ok());
  m = store_->MembershipsOf(user).value();
  EXPECT_EQ(m[0].roles, std::vector<Role>{Role::kCommitteeMember});
  ASSERT_TRUE(store_->SetMembershipRoles(user, org, {}).ok());
  EXPECT_TRUE(store_->MembershipsOf(user).value()[0].roles.empty());
  EXPECT_EQ(store_->AddMembership(UserId{user.value + 100}, org, false, {}).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->AddMembership(user, OrganisationId{org.value + 100}, false, {}).code(),
            StatusCode::kNotFound);
}

TEST_P(AuthStoreTest, SessionsLiveAndDie) {
  const UserId user = store_->CreateUser(User("s@example.org")).value();
  SessionRecord s{0, "hash-1", user, kT0, kT0, kT0, false};
  const std::int64_t id = store_->CreateSession(s).value();
  s.id = id;
  EXPECT_EQ(store_->FindSession("hash-1").value(), s);
  EXPECT_EQ(store_->FindSession("hash-2").value(), std::nullopt);
  EXPECT_EQ(store_->CreateSession(s).status().code(), StatusCode::kAlreadyExists);

  ASSERT_TRUE(store_->TouchSession(id, kT0 + std::chrono::minutes(5)).ok());
  ASSERT_TRUE(store_->MarkSessionAuthenticated(id, kT0 + std::chrono::minutes(6), true).ok());
  const SessionRecord after = store_->FindSession("hash-1").value().value();
  EXPECT_EQ(after.last_seen_at, kT0 + std::chrono::minutes(5));
  EXPECT_EQ(after.authenticated_at, kT0 + std::chrono::minutes(6));
  EXPECT_TRUE(after.mfa_verified);

  ASSERT_TRUE(store_->CreateSession({0, "hash-2", user, kT0, kT0, kT0, false}).ok());
  ASSERT_TRUE(store_
                  ->CreateSession({0, "hash-3", user, kT0 + std::chrono::hours(1),
                                   kT0 + std::chrono::hours(1), kT0, false})
                  .ok());
  // hash-2 idle since kT0; hash-1 touched at +5 min; hash-3 fresh.
  EXPECT_EQ(
      store_->DeleteExpiredSessions(kT0 + std::chrono::minutes(1), kT0 - std::chrono::hours(1))
          .value(),
      1);
  EXPECT_EQ(store_->FindSession("hash-2").value(), std::nullopt);
  ASSERT_TRUE(store_->DeleteSession(id).ok());
  EXPECT_EQ(store_->FindSession("hash-1").value(), std::nullopt);
  ASSERT_TRUE(store_->DeleteSessionsOf(user).ok());
  EXPECT_EQ(store_->FindSession("hash-3").value(), std::nullopt);
}

// AS-05 at the store: consumed at most once, never after expiry, only for its purpose.
TEST_P(AuthStoreTest, EmailTokensAreConsumedOnceBeforeExpiry) {
  const UserId user = store_->CreateUser(User("e@example.org")).value();
  EmailTokenRecord t;
  t.token_hash = "h1";
  t.purpose = EmailTokenPurpose::kPasswordReset;
  t.user = user;
  t.created_at = kT0;
  t.expires_at = kT0 + std::chrono::minutes(10);
  ASSERT_TRUE(store_->CreateEmailToken(t).ok());
  EXPECT_EQ(store_->ConsumeEmailToken("h1", EmailTokenPurpose::kVerifyEmail, kT0).value(),
            std::nullopt)
      << "wrong purpose";
  EXPECT_EQ(store_
                ->ConsumeEmailToken("h1", EmailTokenPurpose::kPasswordReset,
                                    kT0 + std::chrono::minutes(10))
                .value(),
            std::nullopt)
      << "expired at exactly 10 minutes";
  const auto consumed = store_
                            ->ConsumeEmailToken("h1", EmailTokenPurpose::kPasswordReset,
                                                kT0 + std::chrono::minutes(9))
                            .value();
  ASSERT_TRUE(consumed.has_value());
  EXPECT_EQ(consumed->user, user);
  EXPECT_EQ(consumed->used_at, kT0 + std::chrono::minutes(9));
  EXPECT_EQ(store_
                ->ConsumeEmailToken("h1", EmailTokenPurpose::kPasswordReset,
                                    kT0 + std::chrono::minutes(9))
                .value(),
            std::nullopt)
      << "single use";
}

TEST_P(AuthStoreTest, InvitationsOpenUntilAcceptedOrExpired) {
  const UserId inviter = store_->CreateUser(User("boss@example.org")).value();
  const OrganisationId org =
      store_->CreateOrganisation(Org(OrganisationKind::kSupplier, "Co")).value();
  InvitationRecord i{0,
                     "ih",
                     org,
                     "new@example.org",
                     {Role::kSupplierUser},
                     inviter,
                     kT0,
                     kT0 + std::chrono::hours(72),
                     std::nullopt};
  i.id = store_->CreateInvitation(i).value();
  EXPECT_EQ(store_->FindOpenInvitation("ih", kT0).value(), i);
  EXPECT_EQ(store_->FindOpenInvitation("ih", kT0 + std::chrono::hours(72)).value(), std::nullopt);
  EXPECT_TRUE(store_->MarkInvitationAccepted(i.id, kT0).value());
  EXPECT_FALSE(store_->MarkInvitationAccepted(i.id, kT0).value()) << "once";
  EXPECT_EQ(store_->FindOpenInvitation("ih", kT0).value(), std::nullopt);
}

// GET /organisations/{id}/members reads these two: members of one organisation only, with
// their own roles there, and only the invitations still open.
TEST_P(AuthStoreTest, MembersAndOpenInvitationsOfOneOrganisation) {
  const OrganisationId wfp =
      store_->CreateOrganisation(Org(OrganisationKind::kAgency, "WFP")).value();
  const OrganisationId unicef =
      store_->CreateOrganisation(Org(OrganisationKind::kAgency, "UNICEF")).value();
  UserRecord owner = User("owner@example.org");
  owner.totp_secret = "JBSWY3DPEHPK3PXP";
  owner.id = store_->CreateUser(owner).value();
  UserRecord officer = User("officer@example.org");
  officer.id = store_->CreateUser(officer).value();
  const UserId outsider = store_->CreateUser(User("outsider@example.org")).value();
  ASSERT_TRUE(store_->AddMembership(owner.id, wfp, true, {Role::kAgencyOfficer}).ok());
  ASSERT_TRUE(
      store_->AddMembership(officer.id, wfp, false, {Role::kEvaluator, Role::kAgencyOfficer}).ok());
  ASSERT_TRUE(store_->AddMembership(officer.id, unicef, true, {Role::kCommitteeMember}).ok());
  ASSERT_TRUE(store_->AddMembership(outsider, unicef, false, {Role::kAgencyOfficer}).ok());

  const std::vector<auth::OrganisationMemberRecord> members = store_->MembersOf(wfp).value();
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0], (auth::OrganisationMemberRecord{owner, true, {Role::kAgencyOfficer}}));
  EXPECT_EQ(members[1], (auth::OrganisationMemberRecord{
                            officer, false, {Role::kAgencyOfficer, Role::kEvaluator}}))
      << "roles sorted, and none from the other organisation";
  EXPECT_EQ(store_->MembersOf(unicef).value().size(), 2u);
  EXPECT_TRUE(store_->MembersOf(OrganisationId{unicef.value + 100}).value().empty());

  auto invitation = [&](const std::string& hash, OrganisationId org, Timestamp expires) {
    InvitationRecord i{0,        hash, org,     hash + "@example.org", {Role::kEvaluator},
                       owner.id, kT0,  expires, std::nullopt};
    i.id = store_->CreateInvitation(i).value();
    return i;
  };
  const InvitationRecord open = invitation("open", wfp, kT0 + std::chrono::hours(72));
  const InvitationRecord accepted = invitation("accepted", wfp, kT0 + std::chrono::hours(72));
  invitation("expiring", wfp, kT0 + std::chrono::hours(1));
  invitation("elsewhere", unicef, kT0 + std::chrono::hours(72));
  ASSERT_TRUE(store_->MarkInvitationAccepted(accepted.id, kT0).value());

  const Timestamp later = kT0 + std::chrono::hours(1);  // "expiring" expires exactly now
  EXPECT_EQ(store_->OpenInvitationsOf(wfp, later).value(), std::vector<InvitationRecord>{open});
  EXPECT_EQ(store_->OpenInvitationsOf(wfp, kT0).value().size(), 2u);
  EXPECT_TRUE(store_->OpenInvitationsOf(OrganisationId{unicef.value + 100}, kT0).value().empty());
}

// Membership management (DELETE .../invitations/{id}, DELETE .../members/{user}, POST
// .../owner): an organisation never loses its last owner; a revoked invitation is gone.
TEST_P(AuthStoreTest, RevokedInvitationsAreGoneForTheirOrganisationOnly) {
  const UserId inviter = store_->CreateUser(User("boss@example.org")).value();
  const OrganisationId co =
      store_->CreateOrganisation(Org(OrganisationKind::kSupplier, "Co")).value();
  const OrganisationId other =
      store_->CreateOrganisation(Org(OrganisationKind::kSupplier, "Other")).value();
  auto invite = [&](const std::string& hash) {
    InvitationRecord i{0,
                       hash,
                       co,
                       hash + "@example.org",
                       {Role::kSupplierUser},
                       inviter,
                       kT0,
                       kT0 + std::chrono::hours(72),
                       std::nullopt};
    i.id = store_->CreateInvitation(i).value();
    return i;
  };
  const InvitationRecord open = invite("open");
  const InvitationRecord accepted = invite("accepted");
  ASSERT_TRUE(store_->MarkInvitationAccepted(accepted.id, kT0).value());

  EXPECT_FALSE(store_->DeleteInvitation(other, open.id).value()) << "another organisation's";
  EXPECT_FALSE(store_->DeleteInvitation(co, accepted.id).value()) << "already accepted";
  EXPECT_TRUE(store_->DeleteInvitation(co, open.id).value());
  EXPECT_FALSE(store_->DeleteInvitation(co, open.id).value()) << "once";
  EXPECT_EQ(store_->FindOpenInvitation("open", kT0).value(), std::nullopt);
  EXPECT_FALSE(store_->MarkInvitationAccepted(open.id, kT0).value());
  EXPECT_TRUE(store_->OpenInvitationsOf(co, kT0).value().empty());
}

TEST_P(AuthStoreTest, RemovalKeepsTheLastOwnerAndTransferLeavesOneOwner) {
  using Removal = auth::AuthStore::Removal;
  const OrganisationId co =
      store_->CreateOrganisation(Org(OrganisationKind::kSupplier, "Co")).value();
  const OrganisationId other =
      store_->CreateOrganisation(Org(OrganisationKind::kSupplier, "Other")).value();
  const UserId owner = store_->CreateUser(User("owner@example.org")).value();
  const UserId clerk = store_->CreateUser(User("clerk@example.org")).value();
  const UserId outsider = store_->CreateUser(User("outsider@example.org")).value();
  ASSERT_TRUE(store_->AddMembership(owner, co, true, {Role::kSupplierUser}).ok());
  ASSERT_TRUE(store_->AddMembership(clerk, co, false, {Role::kSupplierUser}).ok());
  ASSERT_TRUE(store_->AddMembership(clerk, other, false, {Role::kSupplierUser}).ok());

  EXPECT_EQ(store_->RemoveMembership(owner, co).value(), Removal::kLastOwner);
  EXPECT_EQ(store_->RemoveMembership(outsider, co).value(), Removal::kNotMember);
  EXPECT_EQ(store_->RemoveMembership(owner, OrganisationId{other.value + 100}).value(),
            Removal::kNotMember);
  EXPECT_EQ(store_->MembersOf(co).value().size(), 2u) << "nothing removed";

  EXPECT_FALSE(store_->TransferOwnership(co, outsider).value());
  EXPECT_TRUE(store_->TransferOwnership(co, clerk).value());
  const std::vector<auth::OrganisationMemberRecord> members = store_->MembersOf(co).value();
  ASSERT_EQ(members.size(), 2u);
  EXPECT_FALSE(members[0].owner) << "the old owner stays, without ownership";
  EXPECT_EQ(members[0].roles, std::vector<Role>{Role::kSupplierUser});
  EXPECT_TRUE(members[1].owner);

  EXPECT_EQ(store_->RemoveMembership(clerk, co).value(), Removal::kLastOwner);
  EXPECT_EQ(store_->RemoveMembership(owner, co).value(), Removal::kRemoved);
  const std::vector<Membership> left = store_->MembershipsOf(owner).value();
  EXPECT_TRUE(left.empty());
  // The roles went with the membership: joining again starts from the roles given then.
  ASSERT_TRUE(store_->AddMembership(owner, co, false, {}).ok());
  EXPECT_TRUE(store_->MembershipsOf(owner).value().at(0).roles.empty());
  // Removal from one organisation leaves the clerk's other membership alone.
  ASSERT_TRUE(store_->AddMembership(owner, other, true, {}).ok());
  EXPECT_EQ(store_->RemoveMembership(clerk, other).value(), Removal::kRemoved);
  EXPECT_EQ(store_->MembershipsOf(clerk).value().size(), 1u);
}

// Two owners removing each other at the same time: whatever the interleaving, one wins and
// the other is refused as the last owner (the organisation row lock on PostgreSQL).
TEST_P(AuthStoreTest, ConcurrentRemovalsNeverLeaveAnOrganisationWithoutOwner) {
  using Removal = auth::AuthStore::Removal;
  for (int round = 0; round < 8; ++round) {
    const OrganisationId co =
        store_->CreateOrganisation(Org(OrganisationKind::kSupplier, "Co " + std::to_string(round)))
            .value();
    const std::string n = std::to_string(round);
    const UserId a = store_->CreateUser(User("a" + n + "@example.org")).value();
    const UserId b = store_->CreateUser(User("b" + n + "@example.org")).value();
    ASSERT_TRUE(store_->AddMembership(a, co, true, {}).ok());
    ASSERT_TRUE(store_->AddMembership(b, co, true, {}).ok());
    Result<Removal> removed_a = Status::Internal("not run");
    Result<Removal> removed_b = Status::Internal("not run");
    std::thread first([&] { removed_a = store_->RemoveMembership(a, co); });
    std::thread second([&] { removed_b = store_->RemoveMembership(b, co); });
    first.join();
    second.join();
    ASSERT_TRUE(removed_a.ok()) << removed_a.status().ToString();
    ASSERT_TRUE(removed_b.ok()) << removed_b.status().ToString();
    EXPECT_EQ((*removed_a == Removal::kRemoved) + (*removed_b == Removal::kRemoved), 1);
    EXPECT_EQ((*removed_a == Removal::kLastOwner) + (*removed_b == Removal::kLastOwner), 1);
    const std::vector<auth::OrganisationMemberRecord> left = store_->MembersOf(co).value();
    ASSERT_EQ(left.size(), 1u);
    EXPECT_TRUE(left[0].owner);
  }
}

TEST_P(AuthStoreTest, ApiTokensListRevokeAndTouch) {
  const UserId a = store_->CreateUser(User("a@example.org")).value();
  const UserId b = store_->CreateUser(User("b@example.org")).value();
  ApiTokenRecord t{
      0,           a, "ci", "th", "tbk_AbCd", {"notices:read", "profile:read"}, kT0, std::nullopt,
      std::nullopt};
  t.id = store_->CreateApiToken(t).value();
  EXPECT_EQ(store_->FindApiToken("th").value(), t);
  EXPECT_EQ(store_->ApiTokensOf(a).value(), std::vector<ApiTokenRecord>{t});
  EXPECT_TRUE(store_->ApiTokensOf(b).value().empty());
  ASSERT_TRUE(store_->TouchApiToken(t.id, kT0 + std::chrono::minutes(1)).ok());
  EXPECT_FALSE(store_->RevokeApiToken(b, t.id, kT0).value()) << "not b's token";
  EXPECT_TRUE(store_->RevokeApiToken(a, t.id, kT0 + std::chrono::minutes(2)).value());
  EXPECT_FALSE(store_->RevokeApiToken(a, t.id, kT0 + std::chrono::minutes(3)).value());
  const ApiTokenRecord after = store_->FindApiToken("th").value().value();
  EXPECT_EQ(after.last_used_at, kT0 + std::chrono::minutes(1));
  EXPECT_EQ(after.revoked_at, kT0 + std::chrono::minutes(2));
}

// AS-03 at the store: counts in the window and failures since the last success.
TEST_P(AuthStoreTest, LoginChecksCountWithinTheWindow) {
  const UserId user = store_->CreateUser(User("l@example.org")).value();
  ASSERT_TRUE(store_->RecordLoginCheck(user, kT0, false).ok());
  ASSERT_TRUE(store_->RecordLoginCheck(user, kT0 + std::chrono::seconds(1), true).ok());
  ASSERT_TRUE(store_->RecordLoginCheck(user, kT0 + std::chrono::seconds(2), false).ok());
  ASSERT_TRUE(store_->RecordLoginCheck(user, kT0 + std::chrono::seconds(3), false).ok());
  auth::LoginChecks c = store_->LoginChecksSince(user, kT0).value();
  EXPECT_EQ(c.checks, 4);
  EXPECT_EQ(c.failures_since_success, 2);
  EXPECT_EQ(c.last_failure, kT0 + std::chrono::seconds(3));
  EXPECT_EQ(c.oldest_check, kT0);
  c = store_->LoginChecksSince(user, kT0 + std::chrono::seconds(2)).value();
  EXPECT_EQ(c.checks, 2);
  EXPECT_EQ(c.failures_since_success, 2);
  ASSERT_TRUE(store_->DeleteLoginChecksBefore(kT0 + std::chrono::seconds(3)).ok());
  EXPECT_EQ(store_->LoginChecksSince(user, kT0).value().checks, 1);
  EXPECT_EQ(store_->LoginChecksSince(UserId{user.value + 100}, kT0).value(), auth::LoginChecks{});
}

// Every text value in the auth tables, to look for raw secrets.
std::vector<std::string> AllAuthText(Database& db) {
  std::vector<std::string> out;
  auto tx = db.Begin(TxMode::kRead).value();
  const char* queries[] = {
      "SELECT email || ' ' || password_hash || ' ' || totp_secret || ' ' || totp_pending_secret "
      "FROM users",
      "SELECT token_hash FROM sessions",
      "SELECT token_hash FROM email_tokens",
      "SELECT token_hash || ' ' || email FROM invitations",
      "SELECT token_hash || ' ' || prefix FROM api_tokens",
  };
  for (const char* sql : queries) {
    Statement* s = tx->Prepare(sql).value();
    while (s->Step().value()) out.push_back(s->Text(0));
  }
  return out;
}

// AS-05 (and AS-08 for sessions and API tokens): the service over the SQL store keeps no raw
// token in the database.
TEST_P(AuthStoreTest, ServiceStoresNoRawTokenAnywhere) {
  FakeClock clock(kT0);
  auth::testing::RecordingMailer mailer;
  auth::testing::RecordingSecurityLog log;
  auth::AuthService service(*store_, mailer, log, clock);
  auth::SignUpRequest request;
  request.email = "raw@example.org";
  request.password = "violet tractor on the hill";
  request.display_name = "Raw";
  request.company_name = "Raw Ltd";
  request.company_country = "GH";
  ASSERT_TRUE(service.SignUp(request).ok());
  const std::string verify = mailer.LastTokenFor("raw@example.org");
  ASSERT_TRUE(service.VerifyEmail(verify).ok());
  EXPECT_EQ(auth::AuthProblemCode(service.VerifyEmail(verify)), "invalid_token");
  const auth::LoginResult login =
      service.Login({"raw@example.org", "violet tractor on the hill", ""}).value();
  ASSERT_TRUE(service.RequestPasswordReset("raw@example.org").ok());
  const std::string reset = mailer.LastTokenFor("raw@example.org");
  const auth::NewApiToken api = service.CreateApiToken(login.actor, "ci", {"notices:read"}).value();
  ASSERT_TRUE(service
                  .Invite(login.actor, login.actor.memberships.at(0).organisation,
                          "friend@example.org", {Role::kSupplierUser})
                  .ok());
  const std::string invitation = mailer.LastTokenFor("friend@example.org");
  ASSERT_TRUE(service.ResolveSession(login.session_token).ok());
  ASSERT_TRUE(service.ResolveToken(api.token).ok());

  for (const std::string& secret : {verify, reset, api.token, login.session_token, invitation}) {
    ASSERT_FALSE(secret.empty());
    for (const std::string& text : AllAuthText(db())) {
      EXPECT_EQ(text.find(secret), std::string::npos) << "raw token stored";
    }
  }
  clock.Advance(std::chrono::minutes(10));
  EXPECT_EQ(auth::AuthProblemCode(service.ConfirmPasswordReset(reset, "a new long passphrase")),
            "invalid_token")
      << "expired";
}

TB_INSTANTIATE_BACKENDS(AuthStoreTest);

}  // namespace
}  // namespace tb::storage
