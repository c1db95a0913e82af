#include "tenders/opening.h"

#include <gtest/gtest.h>

namespace tb::tenders {
namespace {

const Timestamp kDeadline = Timestamp::FromSeconds(1'800'000'000);

ShareGateFacts OpenableSingle() {
  ShareGateFacts facts;
  facts.state = "closed";
  facts.deadline = kDeadline;
  facts.now = kDeadline + std::chrono::seconds(1);
  facts.kind = EnvelopeKind::kSingle;
  facts.mode = EnvelopeMode::kSingle;
  facts.key_registered = true;
  facts.is_opening_member = true;
  return facts;
}

TEST(ShareGate, AdmitsAMemberAfterTheDeadline) {
  EXPECT_TRUE(CheckShareGate(OpenableSingle()).ok());
  ShareGateFacts published = OpenableSingle();
  published.state = "published";  // the closing job has not run yet
  EXPECT_TRUE(CheckShareGate(published).ok());
}

// ET-06 / CR-04: the refusals, each for its own reason.
TEST(ShareGate, RefusesEachForbiddenCase) {
  struct Case {
    const char* name;
    void (*change)(ShareGateFacts&);
    StatusCode code;
  };
  const Case cases[] = {
      {"before the deadline",
       [](ShareGateFacts& f) { f.now = kDeadline - std::chrono::microseconds(1); },
       StatusCode::kFailedPrecondition},
      {"at the deadline is allowed", [](ShareGateFacts& f) { f.now = kDeadline; }, StatusCode::kOk},
      {"not a member", [](ShareGateFacts& f) { f.is_opening_member = false; },
       StatusCode::kPermissionDenied},
      {"the creator", [](ShareGateFacts& f) { f.is_creator = true; },
       StatusCode::kPermissionDenied},
      {"an evaluator", [](ShareGateFacts& f) { f.is_evaluator = true; },
       StatusCode::kPermissionDenied},
      {"a second share", [](ShareGateFacts& f) { f.already_submitted = true; },
       StatusCode::kFailedPrecondition},
      {"already opened", [](ShareGateFacts& f) { f.already_opened = true; },
       StatusCode::kFailedPrecondition},
      {"cancelled", [](ShareGateFacts& f) { f.state = "cancelled"; },
       StatusCode::kFailedPrecondition},
      {"no key", [](ShareGateFacts& f) { f.key_registered = false; },
       StatusCode::kFailedPrecondition},
      {"wrong envelope", [](ShareGateFacts& f) { f.kind = EnvelopeKind::kTechnical; },
       StatusCode::kFailedPrecondition},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ShareGateFacts facts = OpenableSingle();
    c.change(facts);
    EXPECT_EQ(CheckShareGate(facts).code(), c.code) << CheckShareGate(facts).message();
  }
}

TEST(ShareGate, FinancialOpensOnlyAfterTheTechnicalEvaluationMarkedEveryBid) {
  ShareGateFacts facts = OpenableSingle();
  facts.mode = EnvelopeMode::kTwo;
  facts.kind = EnvelopeKind::kFinancial;
  facts.state = "opened";
  EXPECT_EQ(CheckShareGate(facts).code(), StatusCode::kFailedPrecondition)
      << "no technical opening";
  facts.technical_opened = true;
  EXPECT_EQ(CheckShareGate(facts).code(), StatusCode::kFailedPrecondition) << "bids not marked";
  facts.qualification_complete = true;
  EXPECT_TRUE(CheckShareGate(facts).ok());
  facts.kind = EnvelopeKind::kTechnical;
  EXPECT_EQ(CheckShareGate(facts).code(), StatusCode::kFailedPrecondition)
      << "the technical envelope does not open again in state 'opened'";
}

TEST(OpeningRecord, JsonIsStableAndNamesEveryBid) {
  OpeningRecord record;
  record.ocid = "ocds-tbrdg1-000001";
  record.kind = EnvelopeKind::kSingle;
  record.opened_at = kDeadline;
  record.members = {UserId{3}, UserId{5}};
  OpenedBid bid;
  bid.bid_id = "b1";
  bid.supplier = OrganisationId{9};
  bid.supplier_name = "Acme";
  bid.version = 3;
  bid.receipt_time = kDeadline - std::chrono::seconds(5);
  bid.decrypted = true;
  bid.price = Money{123456, "USD"};
  record.bids.push_back(bid);
  const std::string json = RecordJson(record);
  EXPECT_EQ(json, RecordJson(record));
  EXPECT_NE(json.find("\"supplier_name\":\"Acme\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"amount_minor\":123456"), std::string::npos);
  EXPECT_NE(json.find("\"members\":[3,5]"), std::string::npos);
}

// Bids left sealed as not re-confirmed appear in the canonical record (so its hash covers
// them); a record without any keeps the form, and the hash, it had before exclusions existed.
TEST(OpeningRecord, ExcludedBidsAreInTheRecordOnlyWhenThereAreAny) {
  OpeningRecord record;
  record.ocid = "ocds-x-1";
  record.opened_at = kDeadline;
  const std::string without = RecordJson(record);
  EXPECT_EQ(without.find("excluded"), std::string::npos) << without;
  UnconfirmedBid excluded;
  excluded.bid_id = "late-one";
  excluded.supplier = OrganisationId{4};
  excluded.supplier_name = "Globex";
  excluded.version = 1;
  excluded.receipt_time = kDeadline - std::chrono::hours(30);
  excluded.envelope_sha256 = std::string(64, 'e');
  excluded.reason = "not re-confirmed after amendment 2";
  record.excluded.push_back(excluded);
  const std::string with = RecordJson(record);
  EXPECT_NE(with, without);
  EXPECT_NE(with.find("\"excluded\":[{"), std::string::npos) << with;
  EXPECT_NE(with.find("\"reason\":\"not re-confirmed after amendment 2\""), std::string::npos);
  EXPECT_NE(with.find("\"envelope_sha256\":\"" + std::string(64, 'e') + "\""), std::string::npos);
}

}  // namespace
}  // namespace tb::tenders
