// The tender model: field checks, the JSON form, deadlines in the agency's zone (ET-13) and
// the committee rules checked at assignment (ET-06).
#include "tenders/tender.h"

#include <gtest/gtest.h>

#include "crypto/sealing.h"
#include "tenders/committee.h"
#include "tenders/tender_json.h"
#include "tenders/testing/tender_fixtures.h"

namespace tb::tenders {
namespace {

using nlohmann::json;

TEST(Tender, TheSampleIsCompleteAndOcidsArePadded) {
  Tender t = testing::SampleTender();
  t.deadline = Timestamp::FromSeconds(1'800'000'000);
  EXPECT_TRUE(ValidateComplete(t).ok()) << ValidateComplete(t).ToString();
  EXPECT_EQ(OcidFor(TenderId{42}), "ocds-tbrdg1-000042");
  EXPECT_EQ(OcidFor(TenderId{1234567}), "ocds-tbrdg1-1234567");
}

TEST(Tender, FieldChecksNameTheField) {
  struct Case {
    std::string name;
    void (*change)(Tender&);
    std::string field;
  } cases[] = {
      {"unknown currency", [](Tender& t) { t.currency = "XXY"; }, "currency"},
      {"item without lot", [](Tender& t) { t.items[1].lot_id = ""; }, "items/1/lot_id"},
      {"unknown lot", [](Tender& t) { t.items[0].lot_id = "9"; }, "items/0/lot_id"},
      {"bad UNSPSC", [](Tender& t) { t.items[0].unspsc = "4321150"; }, "items/0/unspsc"},
      {"zero quantity", [](Tender& t) { t.items[1].quantity = 0; }, "items/1/quantity"},
      {"duplicate item", [](Tender& t) { t.items[1].id = "1"; }, "items/1/id"},
      {"document URL", [](Tender& t) { t.documents[0].url = "javascript:alert(1)"; },
       "documents/0/url"},
      {"country", [](Tender& t) { t.countries = {"Kenya"}; }, "countries/0"},
      {"weights", [](Tender& t) { t.evaluation.financial_weight = 20; },
       "evaluation/financial_weight"},
      {"criterion weight", [](Tender& t) { t.evaluation.criteria[1].weight = 0; },
       "evaluation/criteria/1/weight"},
      {"security amount", [](Tender& t) { t.bid_security.amount.reset(); }, "bid_security/amount"},
      {"security currency",
       [](Tender& t) {
         t.bid_security.amount = Money{5, "EUR"};
       },
       "bid_security/amount"},
      {"zone", [](Tender& t) { t.time_zone = "Mars/Olympus"; }, "time_zone"},
      {"threshold", [](Tender& t) { t.opening_threshold = 1; }, "opening_threshold"},
      {"category", [](Tender& t) { t.main_category = "food"; }, "main_category"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Tender t = testing::SampleTender();
    c.change(t);
    const Status status = ValidateDraft(t);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(status.field(), c.field) << status.message();
  }
}

TEST(Tender, CompletenessIsCheckedOnlyForPublication) {
  Tender t;
  EXPECT_TRUE(ValidateDraft(t).ok()) << "an empty draft is a valid draft";
  EXPECT_EQ(ValidateComplete(t).field(), "title");
  t = testing::SampleTender();
  EXPECT_EQ(ValidateComplete(t).field(), "deadline");
  t.deadline = Timestamp::FromSeconds(1'800'000'000);
  t.evaluation.criteria.clear();
  EXPECT_EQ(ValidateComplete(t).field(), "evaluation/criteria");
}

// ET-13: a local time in a DST gap or overlap is refused with field "deadline"; elsewhere the
// local time converts to one UTC instant and back exactly.
TEST(Tender, DeadlinesAreLocalTimesInTheAgencysZone) {
  struct Case {
    std::string local, zone;
    bool ok;
    std::string utc_or_field;
  } cases[] = {
      {"2026-03-29T02:30", "Europe/Paris", false, "deadline"},      // gap: 02:00 -> 03:00
      {"2026-10-25T02:30", "Europe/Paris", false, "deadline"},      // overlap: twice
      {"2026-03-08T02:30", "America/New_York", false, "deadline"},  // gap
      {"2026-11-01T01:30", "America/New_York", false, "deadline"},  // overlap
      {"2026-03-29T03:30", "Europe/Paris", true, "2026-03-29T01:30:00Z"},
      {"2026-10-25T03:30:15", "Europe/Paris", true, "2026-10-25T02:30:15Z"},
      {"2026-12-01 17:00", "America/New_York", true, "2026-12-01T22:00:00Z"},
      {"2026-12-01T17:00", "Africa/Nairobi", true, "2026-12-01T14:00:00Z"},
      {"2026-12-01T17:00", "Europe/Atlantis", false, "time_zone"},
      {"2026-12-01T17:00Z", "Europe/Paris", false, "deadline"},
      {"2026-02-30T17:00", "Europe/Paris", false, "deadline"},
      {"tomorrow", "Europe/Paris", false, "deadline"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.local + " " + c.zone);
    Result<Timestamp> utc = DeadlineFromLocal(c.local, c.zone);
    ASSERT_EQ(utc.ok(), c.ok) << (utc.ok() ? utc->ToRfc3339() : utc.status().ToString());
    if (c.ok) {
      EXPECT_EQ(utc->ToRfc3339(), c.utc_or_field);
      std::string local = c.local;
      local[10] = 'T';
      if (local.size() == 16) local += ":00";
      EXPECT_EQ(LocalDeadlineText(*utc, c.zone).value_or(""), local) << "round trip";
    } else {
      EXPECT_EQ(utc.status().field(), c.utc_or_field) << utc.status().message();
    }
  }
}

TEST(TenderJson, EditableFormRoundTripsAndRefusesUnknownFields) {
  Tender t = testing::SampleTender();
  t.deadline = DeadlineFromLocal("2027-02-01T17:00", "Africa/Nairobi").value();
  const json body = EditableJson(t);
  EXPECT_EQ(body["deadline"], "2027-02-01T17:00:00");
  EXPECT_EQ(body["estimated_value"], "40000.00");
  Tender back;
  ASSERT_TRUE(ApplyEditableJson(body, back).ok());
  EXPECT_EQ(EditableJson(back), body);
  EXPECT_EQ(back.deadline, t.deadline);

  json extra = body;
  extra["state"] = "published";  // a server-owned field (mass assignment)
  Status refused = ApplyEditableJson(extra, back);
  EXPECT_TRUE(IsUnknownField(refused));
  EXPECT_EQ(refused.field(), "state");
  extra = body;
  extra["items"][0]["price"] = 1;
  EXPECT_EQ(ApplyEditableJson(extra, back).field(), "items/0/price");
  extra = body;
  extra["estimated_value"] = 40000;
  EXPECT_EQ(ApplyEditableJson(extra, back).field(), "estimated_value") << "amounts are text";
  extra = body;
  extra["deadline"] = "2027-02-01T14:00:00Z";  // an instant is taken as it is
  ASSERT_TRUE(ApplyEditableJson(extra, back).ok());
  EXPECT_EQ(back.deadline, t.deadline);
  extra["deadline"] = "2026-03-29T02:30";
  extra["time_zone"] = "Europe/Paris";
  EXPECT_EQ(ApplyEditableJson(extra, back).field(), "deadline") << "ET-13 through the API form";
  EXPECT_EQ(back.deadline, t.deadline) << "a refused body changes nothing";
}

class CommitteeRules : public ::testing::Test {
 protected:
  const UserId creator{1}, m1{11}, m2{12}, m3{13}, m4{14}, e1{21}, both{31};
  CommitteeEligibility eligible{{m1, m2, m3, m4, both}, {e1, both}};
};

// ET-06 at assignment: the creator or an evaluator never sits on the opening committee.
TEST_F(CommitteeRules, RefusesConflictsAtAssignment) {
  struct Case {
    std::string name;
    CommitteeAssignment a;
    std::string field;
  } cases[] = {
      {"creator opens", {{m1, creator, m2}, {}, 2}, "opening/1"},
      {"evaluator opens", {{m1, m2, both}, {both}, 2}, "evaluators/0"},
      {"listed twice", {{m1, m2, m1}, {}, 2}, "opening/2"},
      {"no committee role", {{m1, m2, e1}, {}, 2}, "opening/2"},
      {"no evaluator role", {{m1, m2, m3}, {m4}, 2}, "evaluators/0"},
      {"too few", {{m1, m2}, {}, 2}, "opening"},
      {"k = n", {{m1, m2, m3}, {}, 3}, "threshold"},
      {"k = 1", {{m1, m2, m3}, {}, 1}, "threshold"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Status status = CheckCommittee(c.a, creator, 3, eligible);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(status.field(), c.field) << status.message();
  }
  EXPECT_TRUE(CheckCommittee({{m1, m2, m3, m4}, {e1}, 3}, creator, 3, eligible).ok());
  EXPECT_TRUE(CheckCommittee({{}, {e1, both}, 2}, creator, 3, eligible).ok())
      << "evaluators alone (the opening committee comes later)";
}

TEST_F(CommitteeRules, AKeyNeedsOneShareOfTheRightSizePerOpeningMember) {
  const std::vector<UserId> opening = {m1, m2, m3};
  EnvelopeKey key;
  key.envelope = Envelope::kSingle;
  key.public_key.fill(9);
  key.threshold = 2;
  for (UserId u : opening) key.shares.push_back({u, std::vector<std::uint8_t>(81, 1)});
  EXPECT_TRUE(CheckEnvelopeKey(key, EnvelopeMode::kSingle, opening, 2).ok());
  EXPECT_EQ(CheckEnvelopeKey(key, EnvelopeMode::kTwo, opening, 2).field(), "envelope");
  EXPECT_EQ(CheckEnvelopeKey(key, EnvelopeMode::kSingle, opening, 3).field(), "threshold");
  EnvelopeKey missing = key;
  missing.shares.pop_back();
  EXPECT_EQ(CheckEnvelopeKey(missing, EnvelopeMode::kSingle, opening, 2).field(), "shares");
  EnvelopeKey stranger = key;
  stranger.shares[2].user = m4;
  EXPECT_EQ(CheckEnvelopeKey(stranger, EnvelopeMode::kSingle, opening, 2).field(),
            "shares/2/user_id");
  EnvelopeKey twice = key;
  twice.shares[2].user = m1;
  EXPECT_EQ(CheckEnvelopeKey(twice, EnvelopeMode::kSingle, opening, 2).field(), "shares/2/user_id");
  EnvelopeKey short_share = key;
  short_share.shares[1].sealed_share.resize(33);
  EXPECT_EQ(CheckEnvelopeKey(short_share, EnvelopeMode::kSingle, opening, 2).field(),
            "shares/1/sealed_share");
  EnvelopeKey zero = key;
  zero.public_key.fill(0);
  EXPECT_EQ(CheckEnvelopeKey(zero, EnvelopeMode::kSingle, opening, 2).field(), "public_key");
  EXPECT_EQ(crypto::KeyFingerprint(key.public_key).size(), 64u);
}

}  // namespace
}  // namespace tb::tenders
