// AlertService over the SQL alert and notice stores (both engines), with a directory of two
// suppliers, a saved-search runner that matches on the query's words, and a recording mailer:
// profile alerts reach the matching company only, once per notice version; amendments reach
// followers whatever their filters; saved searches, digests, retries, invitations, feeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "auth/testing/recording.h"
#include "matching/alert_service.h"
#include "notices/notice_store.h"
#include "storage/sql_alert_store.h"
#include "storage/storage.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

using namespace matching;  // NOLINT: the test reads as the domain does

const Timestamp kNow = *Timestamp::FromRfc3339("2026-11-20T10:00:00Z");
constexpr std::int64_t kLaptopCo = 11, kBuilderCo = 12, kDraftCo = 13;
constexpr std::int64_t kAna = 101, kBo = 102, kCy = 103;  // users of laptop co, builder co, none

UnspscCode Code(const char* text) { return *UnspscCode::Parse(text); }

class FakeDirectory final : public AlertDirectory {
 public:
  FakeDirectory() {
    suppliers_.push_back(Make(kLaptopCo, "Laptop Co", {"43211500"}, "laptops notebooks computers", true));
    suppliers_.push_back(Make(kBuilderCo, "Builder Co", {"72101500"}, "building construction works", true));
    suppliers_.push_back(Make(kDraftCo, "Draft Co", {"43211500"}, "laptops", false));
  }
  Result<std::vector<MatchableSupplier>> Suppliers() override {
    ++reads;
    return suppliers_;
  }
  int reads = 0;  // how often the service read the register (rebuilt its matcher)
  Result<std::vector<Recipient>> MembersOf(OrganisationId org) override {
    if (org.value == kLaptopCo) return std::vector<Recipient>{{UserId{kAna}, "ana@laptop.example", "fr"}};
    if (org.value == kBuilderCo) return std::vector<Recipient>{{UserId{kBo}, "bo@builder.example", "en"}};
    return std::vector<Recipient>{};
  }
  Result<std::optional<Recipient>> FindUser(UserId user) override {
    if (user.value == kAna) return std::optional<Recipient>({UserId{kAna}, "ana@laptop.example", "fr"});
    if (user.value == kBo) return std::optional<Recipient>({UserId{kBo}, "bo@builder.example", "en"});
    if (user.value == kCy) return std::optional<Recipient>({UserId{kCy}, "cy@example.org", "ar"});
    return std::optional<Recipient>();
  }
  Result<std::map<UnspscCode, std::string>> CodeTitles(std::span<const UnspscCode> codes) override {
    std::map<UnspscCode, std::string> out;
    for (UnspscCode c : codes) {
      if (c.ToString() == "43211500") out[c] = "Computers";
    }
    return out;
  }
  Result<std::optional<SupplierId>> SupplierOf(UserId user) override {
    if (user.value == kAna) return std::optional<SupplierId>(SupplierId{kLaptopCo});
    if (user.value == kBo) return std::optional<SupplierId>(SupplierId{kBuilderCo});
    return std::optional<SupplierId>();
  }

 private:
  static MatchableSupplier Make(std::int64_t id, std::string name, std::vector<std::string> codes,
                                std::string text, bool listed) {
    MatchableSupplier s;
    s.profile.id = id;
    for (const std::string& c : codes) s.profile.codes.push_back(*UnspscCode::Parse(c));
    s.profile.text = name + " " + text;
    s.profile.countries = {"CN"};
    s.organisation = OrganisationId{id};
    s.name = std::move(name);
    s.country = "CN";
    s.listed = listed;
    return s;
  }
  std::vector<MatchableSupplier> suppliers_;
};

// Matches "q=<word>" against the notice titles through the notice store.
class TitleRunner final : public SavedSearchRunner {
 public:
  explicit TitleRunner(notices::NoticeStore& notices) : notices_(notices) {}
  Result<std::vector<NoticeId>> Matching(std::string_view query, std::span<const NoticeId> among,
                                         Timestamp) override {
    if (!query.starts_with("q=")) return Status::InvalidArgument("q is required");
    const std::string word(query.substr(2));
    std::vector<NoticeId> out;
    for (NoticeId id : among) {
      Result<notices::Notice> n = notices_.Get(id);
      if (n.ok() && n->title.text.find(word) != std::string::npos) out.push_back(id);
    }
    return out;
  }
  Result<std::vector<NoticeId>> Newest(std::string_view query, int, Timestamp now) override {
    std::vector<NoticeId> all;
    for (std::int64_t id = 1; id < 20; ++id) all.push_back(NoticeId{id});
    return Matching(query, all, now);
  }

 private:
  notices::NoticeStore& notices_;
};

// Fails the first `failures` sends, then records.
class FlakyMailer final : public auth::Mailer {
 public:
  Status Send(const auth::MailMessage& m) override {
    if (failures > 0) {
      --failures;
      return Status::Unavailable("smtp: connection refused");
    }
    return inner.Send(m);
  }
  int failures = 0;
  auth::testing::RecordingMailer inner;
};

class AlertServiceTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    notices_ = MakeNoticeStore(db(), clock_);
    store_ = std::make_unique<SqlAlertStore>(db());
    runner_ = std::make_unique<TitleRunner>(*notices_);
    service_ = std::make_unique<AlertService>(*store_, *notices_, directory_, *runner_, mailer_, clock_);
  }

  NoticeId Import(notices::Notice n) {
    auto outcome = notices_->UpsertBatch(std::vector{n}, testing::MergeLikeImporter);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    return notices_->GetByPublicId(n.public_id)->id;
  }

  notices::Notice LaptopNotice() {
    notices::Notice n = testing::SimpleNotice("ungm-1");
    n.title = {"Supply of laptops for district offices", Language::English()};
    n.unspsc = {Code("43211503")};
    n.deadline = kNow + std::chrono::hours(24 * 14);
    return n;
  }

  // Runs the projection over `ids` from where it is.
  ProjectionReport Project(std::vector<NoticeId> ids) {
    const std::int64_t seq = *service_->ProjectionSeq();
    Result<ProjectionReport> r = service_->Project(seq, seq + 1, ids);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ProjectionReport{};
  }

  std::vector<Alert> InboxOf(std::int64_t user) {
    return store_->Inbox(UserId{user}, false, 100, 0)->items;
  }

  FakeClock clock_{kNow};
  FakeDirectory directory_;
  FlakyMailer mailer_;
  std::unique_ptr<notices::NoticeStore> notices_;
  std::unique_ptr<SqlAlertStore> store_;
  std::unique_ptr<TitleRunner> runner_;
  std::unique_ptr<AlertService> service_;
};

TEST_P(AlertServiceTest, ProfileAlertsReachTheMatchingCompanyOnceAndAreEmailed) {
  const NoticeId id = Import(LaptopNotice());
  EXPECT_EQ(Project({id}).alerts, 1);
  std::vector<Alert> ana = InboxOf(kAna);
  ASSERT_EQ(ana.size(), 1u);
  EXPECT_EQ(ana[0].reason, AlertReason::kProfile);
  EXPECT_GT(ana[0].score, 0);
  EXPECT_LE(ana[0].score, 1);  // a share of the best possible score
  EXPECT_NE(ana[0].explanation_json.find("43211503"), std::string::npos) << ana[0].explanation_json;
  EXPECT_NE(ana[0].explanation_json.find("\"title\":\"Computers\""), std::string::npos);
  EXPECT_TRUE(InboxOf(kBo).empty());

  // The same notice version again: nothing new.
  EXPECT_EQ(Project({id}).alerts, 0);

  ASSERT_EQ(*service_->DeliverDue(), 1);
  const std::vector<auth::MailMessage> sent = mailer_.inner.messages();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].to, "ana@laptop.example");
  EXPECT_NE(sent[0].subject.find("Nouveaux avis"), std::string::npos);  // Ana reads French
  EXPECT_NE(sent[0].text.find("Supply of laptops"), std::string::npos);
  EXPECT_NE(sent[0].html.find("Supply of laptops"), std::string::npos);
  EXPECT_NE(sent[0].list_unsubscribe.find("/unsubscribe?token="), std::string::npos);
  EXPECT_EQ(*service_->DeliverDue(), 0);  // sent once
}

TEST_P(AlertServiceTest, AnAwardOnTenderBridgeRebuildsTheMatcherForTheWinnersHistory) {
  Project({Import(LaptopNotice())});
  ASSERT_EQ(directory_.reads, 1);

  notices::Notice imported_award = LaptopNotice();
  imported_award.public_id = "ungm-complete";
  imported_award.status = notices::NoticeStatus::kComplete;
  Project({Import(imported_award)});
  EXPECT_EQ(directory_.reads, 1) << "another publisher's award is not a supplier's history";

  notices::Notice awarded = LaptopNotice();
  awarded.public_id = "ocds-tbrdg1-000001";
  awarded.source = "tenderbridge";
  awarded.status = notices::NoticeStatus::kComplete;
  Project({Import(awarded)});
  EXPECT_EQ(directory_.reads, 1) << "this batch still ranks with the matcher it started with";
  notices::Notice next = LaptopNotice();
  next.public_id = "ungm-2";
  Project({Import(next)});
  EXPECT_EQ(directory_.reads, 2) << "the next batch reads the winners' new history";
}

TEST_P(AlertServiceTest, AmendmentsReachFollowersWhateverTheirFilters) {
  const NoticeId id = Import(LaptopNotice());
  Project({id});
  ASSERT_TRUE(service_->SaveNotice(UserId{kCy}, id).ok());
  AlertSettings narrow;
  narrow.agencies = {"UNICEF"};  // would exclude this UNDP notice
  ASSERT_TRUE(service_->UpdateSettings(UserId{kAna}, narrow).ok());

  notices::Notice amended = LaptopNotice();
  amended.description = {"Quantity raised to 120 laptops.", Language::English()};
  Import(amended);
  Project({id});
  std::vector<Alert> ana = InboxOf(kAna);
  ASSERT_EQ(ana.size(), 2u);
  EXPECT_EQ(ana[0].reason, AlertReason::kAmendment);
  EXPECT_EQ(ana[0].notice_version, 2);
  std::vector<Alert> cy = InboxOf(kCy);
  ASSERT_EQ(cy.size(), 1u);
  EXPECT_EQ(cy[0].reason, AlertReason::kAmendment);
}

TEST_P(AlertServiceTest, FiltersNarrowProfileAlerts) {
  AlertSettings narrow;
  narrow.agencies = {"UNICEF"};
  ASSERT_TRUE(service_->UpdateSettings(UserId{kAna}, narrow).ok());
  Project({Import(LaptopNotice())});
  EXPECT_TRUE(InboxOf(kAna).empty());

  AlertSettings bad;
  bad.countries = {"Kenya"};
  Result<AlertSettings> refused = service_->UpdateSettings(UserId{kAna}, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "/countries");
}

TEST_P(AlertServiceTest, SavedSearchesAlertTheirOwnerAndClosedNoticesAlertNobody) {
  ASSERT_TRUE(service_->SaveSearch(UserId{kCy}, "Laptops", "q=laptops").ok());
  EXPECT_EQ(service_->SaveSearch(UserId{kCy}, "", "q=x").status().field(), "/name");
  EXPECT_EQ(service_->SaveSearch(UserId{kCy}, "Bad", "nonsense").status().field(), "/query");

  notices::Notice closed = LaptopNotice();
  closed.public_id = "ungm-2";
  closed.deadline = kNow - std::chrono::hours(1);
  const NoticeId closed_id = Import(closed);
  const NoticeId open_id = Import(LaptopNotice());
  Project({closed_id, open_id});
  std::vector<Alert> cy = InboxOf(kCy);
  ASSERT_EQ(cy.size(), 1u);
  EXPECT_EQ(cy[0].reason, AlertReason::kSavedSearch);
  EXPECT_EQ(cy[0].notice, open_id);
  EXPECT_EQ(InboxOf(kAna).size(), 1u);  // the open one only

  auto [items, page] = *service_->Inbox(UserId{kCy}, false, 10, 0);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].saved_search_name, "Laptops");
  ASSERT_TRUE(items[0].notice.has_value());

  const std::string feed_token = (*service_->SavedSearches(UserId{kCy}))[0].feed_token;
  Result<std::string> feed = service_->AtomFeed(feed_token);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_NE(feed->find("<title>Supply of laptops for district offices</title>"), std::string::npos);
  EXPECT_EQ(service_->AtomFeed("not-a-token").status().code(), StatusCode::kNotFound);
}

TEST_P(AlertServiceTest, FailedSendsAreRetriedWithBackOffAndNeverLost) {
  mailer_.failures = 2;
  Project({Import(LaptopNotice())});
  EXPECT_EQ(*service_->DeliverDue(), 0);
  std::vector<Delivery> d = *store_->DeliveriesOf(UserId{kAna});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].attempts, 1);
  EXPECT_EQ(d[0].next_attempt_at, kNow + std::chrono::minutes(1));
  EXPECT_EQ(*service_->DeliverDue(), 0);  // not due yet
  clock_.Advance(std::chrono::minutes(1));
  EXPECT_EQ(*service_->DeliverDue(), 0);  // second failure: two minutes now
  EXPECT_EQ(store_->DeliveriesOf(UserId{kAna})->at(0).next_attempt_at,
            clock_.Now() + std::chrono::minutes(2));
  clock_.Advance(std::chrono::minutes(2));
  EXPECT_EQ(*service_->DeliverDue(), 1);
  EXPECT_EQ(mailer_.inner.messages().size(), 1u);
}

TEST_P(AlertServiceTest, DailyDigestsCollectTheDaysAlerts) {
  AlertSettings daily;
  daily.frequency = AlertFrequency::kDaily;
  ASSERT_TRUE(service_->UpdateSettings(UserId{kAna}, daily).ok());
  Project({Import(LaptopNotice())});
  EXPECT_EQ(*service_->DeliverDue(), 0);  // nothing instant
  // kNow is 10:00 UTC: the period that started at 07:00 today is due now, and holds nothing
  // (the alert came after 07:00); tomorrow's 07:00 period carries it.
  EXPECT_EQ(*service_->RunDigests(), 0);
  clock_.Set(*Timestamp::FromRfc3339("2026-11-21T07:00:01Z"));
  EXPECT_EQ(*service_->RunDigests(), 1);
  EXPECT_EQ(*service_->RunDigests(), 0);  // once per period
  EXPECT_EQ(*service_->DeliverDue(), 1);
  EXPECT_NE(mailer_.inner.messages().at(0).subject.find("quotidien"), std::string::npos);
}

TEST_P(AlertServiceTest, BuyersSeeListedSuppliersAndInviteThem) {
  const NoticeId id = Import(LaptopNotice());
  Result<std::vector<RecommendedSupplier>> recs = service_->RecommendedSuppliers(id, 10);
  ASSERT_TRUE(recs.ok()) << recs.status().ToString();
  ASSERT_FALSE(recs->empty());
  EXPECT_EQ((*recs)[0].supplier.profile.id, kLaptopCo);
  EXPECT_TRUE(std::ranges::none_of(*recs, [](const RecommendedSupplier& r) {
    return r.supplier.profile.id == kDraftCo;  // drafts are not shown to buyers
  }));
  EXPECT_FALSE((*recs)[0].invited);

  EXPECT_EQ(*service_->Invite(id, std::vector{SupplierId{kLaptopCo}}), 1);
  EXPECT_EQ(*service_->Invite(id, std::vector{SupplierId{kLaptopCo}}), 0);  // counted once
  EXPECT_EQ(service_->Invite(id, std::vector{SupplierId{kDraftCo}}).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE((*service_->RecommendedSuppliers(id, 10))[0].invited);
  std::vector<Alert> ana = InboxOf(kAna);
  ASSERT_EQ(ana.size(), 1u);
  EXPECT_EQ(ana[0].reason, AlertReason::kInvitation);
  EXPECT_EQ(*service_->DeliverDue(), 1);
}

TEST_P(AlertServiceTest, ForYouRanksOpenNoticesForTheCompany) {
  const NoticeId laptops = Import(LaptopNotice());
  notices::Notice works = testing::SimpleNotice("ungm-3");
  works.title = {"Rehabilitation works of a school", Language::English()};
  works.unspsc = {Code("72101500")};
  works.deadline = kNow + std::chrono::hours(48);
  Import(works);
  Result<std::vector<RecommendedNotice>> mine = service_->Recommendations(UserId{kAna}, 10);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_FALSE(mine->empty());
  EXPECT_EQ((*mine)[0].notice->id, laptops);
  EXPECT_FALSE((*mine)[0].explanation.codes.empty());
  EXPECT_EQ(service_->Recommendations(UserId{kCy}, 10).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_P(AlertServiceTest, CalendarAndUnsubscribeWorkByToken) {
  const NoticeId id = Import(LaptopNotice());
  ASSERT_TRUE(service_->SaveNotice(UserId{kCy}, id).ok());
  EXPECT_EQ(service_->SaveNotice(UserId{kCy}, NoticeId{999}).code(), StatusCode::kNotFound);
  UserTokens tokens = *service_->Tokens(UserId{kCy});
  Result<std::string> ics = service_->Calendar(tokens.calendar);
  ASSERT_TRUE(ics.ok()) << ics.status().ToString();
  EXPECT_NE(ics->find("BEGIN:VEVENT"), std::string::npos);
  EXPECT_NE(ics->find("SUMMARY:Supply of laptops"), std::string::npos);
  ASSERT_TRUE(service_->Unsubscribe(tokens.unsubscribe).ok());
  EXPECT_FALSE(service_->Settings(UserId{kCy})->email);
  EXPECT_EQ(service_->Unsubscribe("nope").code(), StatusCode::kNotFound);
}

TB_INSTANTIATE_BACKENDS(AlertServiceTest);

}  // namespace
}  // namespace tb::storage
