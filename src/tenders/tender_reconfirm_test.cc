// A substantive amendment asks every bidder to re-confirm (issue #6 item 2, docs/bids.md
// "Re-confirmation"): bidders are read from the bids by the server and told in their own
// language; the officer's answer is the same whatever the number of bidders (ET-03).
#include <gtest/gtest.h>

#include "tenders/testing/service_fixture.h"

namespace tb::tenders::testing {
namespace {

class TenderReconfirmTest : public TenderServiceTest {
 protected:
  // A bid row as the bid store writes it (tender-schema contract, migration 7).
  void AddBid(const Tender& t, OrganisationId supplier, const std::string& bid,
              bool withdrawn = false) {
    auto tx = db().Begin(storage::TxMode::kWrite);
    ASSERT_TRUE(tx.ok());
    auto s = (*tx)->Prepare(
        "INSERT INTO bids (tender_id, bid_id, supplier_id, ref_salt, latest_version, withdrawn, "
        "created_at_us) VALUES (?, ?, ?, ?, 1, ?, 0)");
    ASSERT_TRUE(s.ok());
    const std::vector<std::uint8_t> salt(32, 7);
    (*s)->BindInt64(1, t.id.value)
        .BindText(2, bid)
        .BindInt64(3, supplier.value)
        .BindBlob(4, salt)
        .BindInt64(5, withdrawn ? 1 : 0);
    ASSERT_TRUE((*s)->Run().ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  void SetLanguage(UserId user, const std::string& language) {
    auto tx = db().Begin(storage::TxMode::kWrite);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)
                    ->Execute("UPDATE users SET language = '" + language +
                              "' WHERE id = " + std::to_string(user.value))
                    .ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  std::vector<auth::MailMessage> MailsTo(const std::string& to) {
    std::vector<auth::MailMessage> out;
    for (const auth::MailMessage& m : mailer_.messages()) {
      if (m.to == to) out.push_back(m);
    }
    return out;
  }

  std::vector<std::string> NotificationKinds(OrganisationId supplier) {
    std::vector<std::string> kinds;
    for (const Notification& n :
         store_->NotificationsFor(SupplierId{supplier.value}, 200).value_or({})) {
      kinds.push_back(n.kind + ":" + n.reference);
    }
    std::sort(kinds.begin(), kinds.end());
    return kinds;
  }

  static AmendmentRequest ItemsChange() {
    nlohmann::json items = EditableJson(SampleTender())["items"];
    items[0]["quantity"] = 75;
    return {{{"items", items}}, "More units", false};
  }
};

TEST_P(TenderReconfirmTest, BiddersAreAskedToReconfirmInTheirLanguage) {
  const Tender t = Published(10);
  ASSERT_TRUE(service_->ExpressInterest(supplier_a_, t.ocid, {}).ok());
  ASSERT_TRUE(service_->ExpressInterest(supplier_c_, t.ocid, {}).ok());
  AddBid(t, p_.supplier_a, "bid-a");
  AddBid(t, p_.supplier_b, "bid-b");
  AddBid(t, p_.supplier_c, "bid-c", /*withdrawn=*/true);
  SetLanguage(p_.supplier_user_b, "fr");

  // A non-substantive amendment asks nothing of bidders.
  ASSERT_TRUE(
      service_->Amend(officer_, t.ocid, {{{"title", "Laptops (13 inch)"}}, "typo", false}).ok());
  EXPECT_TRUE(MailsTo("b@beta.test").empty());

  Result<Amendment> amended = service_->Amend(officer_, t.ocid, ItemsChange());
  ASSERT_TRUE(amended.ok()) << amended.status().ToString();
  ASSERT_TRUE(amended->substantive);
  EXPECT_EQ(NotificationKinds(p_.supplier_a),
            (std::vector<std::string>{"amendment:1", "amendment:2", "reconfirm:2"}));
  EXPECT_EQ(NotificationKinds(p_.supplier_b), (std::vector<std::string>{"reconfirm:2"}))
      << "a bidder that never registered interest is still told";
  EXPECT_EQ(NotificationKinds(p_.supplier_c),
            (std::vector<std::string>{"amendment:1", "amendment:2"}))
      << "a withdrawn bid needs no re-confirmation";

  const std::vector<auth::MailMessage> to_b = MailsTo("b@beta.test");
  ASSERT_EQ(to_b.size(), 1u);
  EXPECT_NE(to_b[0].subject.find("Veuillez reconfirmer"), std::string::npos) << to_b[0].subject;
  EXPECT_NE(to_b[0].text.find("modificatif 2"), std::string::npos) << to_b[0].text;
  EXPECT_NE(to_b[0].text.find("/tenders/" + t.ocid), std::string::npos);
  // Supplier A is interested and a bidder: one mail for amendment 2, the re-confirmation.
  std::vector<auth::MailMessage> to_a = MailsTo("a@alpha.test");
  ASSERT_EQ(to_a.size(), 2u);
  EXPECT_NE(to_a[1].subject.find("Please re-confirm your bid"), std::string::npos);
  for (const auth::MailMessage& m : mailer_.messages()) {
    EXPECT_EQ(m.text.find("bid-b"), std::string::npos) << "no bid or bidder named in any mail";
    EXPECT_EQ(m.text.find("Beta"), std::string::npos);
  }
}

// ET-03: the officer's answer to an amendment is identical with no bidders and with two.
TEST_P(TenderReconfirmTest, TheOfficersAnswerDoesNotDependOnTheBidders) {
  const Tender lonely = Published(10);
  const Tender popular = Published(10);
  ASSERT_EQ(lonely.deadline, popular.deadline);
  AddBid(popular, p_.supplier_a, "bid-a");
  AddBid(popular, p_.supplier_b, "bid-b");

  Result<Amendment> none = service_->Amend(officer_, lonely.ocid, ItemsChange());
  Result<Amendment> two = service_->Amend(officer_, popular.ocid, ItemsChange());
  ASSERT_TRUE(none.ok() && two.ok());
  Amendment normalised = *two;
  normalised.tender = none->tender;
  EXPECT_EQ(normalised, *none);
  EXPECT_EQ(MailsTo("a@alpha.test").size(), 1u) << "the bidders were told all the same";

  Result<TenderView> seen_lonely = service_->Get(officer_, lonely.ocid);
  Result<TenderView> seen_popular = service_->Get(officer_, popular.ocid);
  ASSERT_TRUE(seen_lonely.ok() && seen_popular.ok());
  EXPECT_EQ(seen_lonely->tender.reconfirm_after, seen_popular->tender.reconfirm_after);
  EXPECT_EQ(seen_lonely->tender.amendment_count, seen_popular->tender.amendment_count);
}

TB_INSTANTIATE_BACKENDS(TenderReconfirmTest);

}  // namespace
}  // namespace tb::tenders::testing
