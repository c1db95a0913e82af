// SqlAlertStore (migration 10) on both engines: settings defaults and round trip, saved
// searches with the per-user limit, saved notices and followers, one alert per user, notice
// and version (and one invitation per user and notice), the projection's compare-and-set,
// instant deliveries and digests, claims and retries, the inbox's pages.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/sql_alert_store.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

using namespace matching;  // NOLINT: the test reads as the domain does

const Timestamp kNow = Timestamp::FromSeconds(1'800'000'000);
Timestamp At(int seconds) { return Timestamp::FromSeconds(1'800'000'000 + seconds); }

Alert MakeAlert(std::int64_t user, std::int64_t notice, std::int64_t version,
                AlertReason reason = AlertReason::kProfile) {
  Alert a;
  a.user = UserId{user};
  a.notice = NoticeId{notice};
  a.notice_version = version;
  a.reason = reason;
  a.score = 0.5;
  a.explanation_json = R"({"codes":[]})";
  a.created_at = kNow;
  return a;
}

class AlertStoreTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = std::make_unique<SqlAlertStore>(db());
  }
  std::unique_ptr<SqlAlertStore> store_;
};

TEST_P(AlertStoreTest, SettingsStartAsDefaultsAndRoundTrip) {
  Result<AlertSettings> defaults = store_->GetSettings(UserId{7});
  ASSERT_TRUE(defaults.ok()) << defaults.status().ToString();
  EXPECT_EQ(defaults->frequency, AlertFrequency::kInstant);
  EXPECT_TRUE(defaults->email);
  EXPECT_FALSE(defaults->updated_at.has_value());

  AlertSettings s;
  s.user = UserId{7};
  s.frequency = AlertFrequency::kWeekly;
  s.email = false;
  s.use_profile = false;
  s.agencies = {"UNDP", "UNICEF"};
  s.countries = {"KE"};
  s.value_currency = "USD";
  s.value_max_minor = 5'000'000;
  s.sustainable_only = true;
  Result<AlertSettings> stored = store_->PutSettings(s, kNow);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  s.updated_at = kNow;
  EXPECT_EQ(*stored, s);
  ASSERT_TRUE(store_->SetLastDigest(UserId{7}, At(60)).ok());
  EXPECT_EQ(store_->GetSettings(UserId{7})->last_digest_at, At(60));
  EXPECT_EQ(store_->GetSettings(UserId{7})->frequency, AlertFrequency::kWeekly);  // kept
  EXPECT_EQ(store_->AllSettings()->size(), 1u);
}

TEST_P(AlertStoreTest, SavedSearchesAreLimitedPerUserAndPrivate) {
  for (int i = 0; i < 3; ++i) {
    SavedSearch s{0, UserId{1}, "s" + std::to_string(i), "q=solar", "tok" + std::to_string(i), kNow};
    ASSERT_TRUE(store_->CreateSavedSearch(s, 3).ok());
  }
  SavedSearch extra{0, UserId{1}, "extra", "q=x", "tok-extra", kNow};
  Result<SavedSearch> refused = store_->CreateSavedSearch(extra, 3);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);

  std::vector<SavedSearch> mine = *store_->SavedSearchesOf(UserId{1});
  ASSERT_EQ(mine.size(), 3u);
  EXPECT_EQ(store_->SavedSearchByToken("tok1")->value().name, "s1");
  EXPECT_FALSE(store_->SavedSearchByToken("nope")->has_value());
  // Another user's id answers like a missing one.
  EXPECT_EQ(store_->DeleteSavedSearch(UserId{2}, mine[0].id).code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->DeleteSavedSearch(UserId{1}, mine[0].id).ok());
  EXPECT_EQ(store_->DeleteSavedSearch(UserId{1}, mine[0].id).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->AllSavedSearches()->size(), 2u);
}

TEST_P(AlertStoreTest, FollowersAreSaversAndAlertedUsers) {
  ASSERT_TRUE(store_->SaveNotice(UserId{1}, NoticeId{10}, kNow).ok());
  ASSERT_TRUE(store_->SaveNotice(UserId{1}, NoticeId{10}, kNow).ok());  // idempotent
  ASSERT_TRUE(store_->AddAlerts(std::vector{MakeAlert(2, 10, 1)}, {}, kNow).ok());
  ASSERT_TRUE(store_->AddAlerts(std::vector{MakeAlert(3, 11, 1)}, {}, kNow).ok());
  EXPECT_EQ(*store_->UsersFollowing(NoticeId{10}), (std::vector<UserId>{UserId{1}, UserId{2}}));
  EXPECT_EQ(store_->SavedNoticesOf(UserId{1})->size(), 1u);
  ASSERT_TRUE(store_->UnsaveNotice(UserId{1}, NoticeId{10}).ok());
  EXPECT_EQ(*store_->UsersFollowing(NoticeId{10}), (std::vector<UserId>{UserId{2}}));
}

TEST_P(AlertStoreTest, OneAlertPerUserNoticeAndVersion) {
  std::vector<Alert> batch = {MakeAlert(1, 10, 1, AlertReason::kSavedSearch), MakeAlert(1, 10, 1),
                              MakeAlert(1, 10, 2, AlertReason::kAmendment), MakeAlert(2, 10, 1)};
  Result<std::vector<Alert>> stored = store_->AddAlerts(batch, {}, kNow);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_EQ(stored->size(), 3u);
  EXPECT_EQ((*stored)[0].reason, AlertReason::kSavedSearch);  // the first one wins
  // A re-run stores nothing; invitations are once per user and notice.
  EXPECT_TRUE(store_->AddAlerts(batch, {}, kNow)->empty());
  EXPECT_EQ(store_->AddAlerts(std::vector{MakeAlert(1, 10, 2, AlertReason::kInvitation)}, {}, kNow)->size(), 1u);
  EXPECT_TRUE(store_->AddAlerts(std::vector{MakeAlert(1, 10, 3, AlertReason::kInvitation)}, {}, kNow)->empty());
  EXPECT_EQ(*store_->InvitedUsers(NoticeId{10}), (std::vector<UserId>{UserId{1}}));
}

TEST_P(AlertStoreTest, ProjectionMovesOnlyFromWhereItIs) {
  EXPECT_EQ(*store_->ProjectionSeq(), 0);
  ASSERT_TRUE(store_->CommitBatch(0, 5, std::vector{MakeAlert(1, 10, 1)}, {}, kNow).ok());
  EXPECT_EQ(*store_->ProjectionSeq(), 5);
  // A second node that read from 0 too is refused and stores nothing.
  Result<std::vector<Alert>> late = store_->CommitBatch(0, 5, std::vector{MakeAlert(9, 10, 1)}, {}, kNow);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->Inbox(UserId{9}, false, 10, 0)->items.size(), 0u);
}

TEST_P(AlertStoreTest, ConcurrentProjectionRunsCommitOnce) {
  std::atomic<int> committed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Result<std::vector<Alert>> r =
          store_->CommitBatch(0, 3, std::vector{MakeAlert(1, 10 + t, 1)}, {}, kNow);
      if (r.ok()) committed.fetch_add(1);
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(committed.load(), 1);
  EXPECT_EQ(store_->Inbox(UserId{1}, false, 10, 0)->items.size(), 1u);
}

TEST_P(AlertStoreTest, InstantDeliveriesCarryTheNewAlertsAndRetry) {
  Result<std::vector<Alert>> stored = store_->CommitBatch(
      0, 1, std::vector{MakeAlert(1, 10, 1), MakeAlert(1, 11, 1), MakeAlert(2, 10, 1)},
      std::vector{UserId{1}}, kNow);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  std::vector<Delivery> due = *store_->DueDeliveries(kNow, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].user, UserId{1});
  EXPECT_EQ(due[0].alert_ids.size(), 2u);
  EXPECT_EQ(due[0].kind, "instant");

  // A claim leases it: a second claimer (another node) gets nothing.
  EXPECT_TRUE(*store_->ClaimDelivery(due[0].id, kNow, At(300)));
  EXPECT_FALSE(*store_->ClaimDelivery(due[0].id, kNow, At(300)));
  EXPECT_TRUE(store_->DueDeliveries(At(10), 10)->empty());
  ASSERT_TRUE(store_->MarkDeliveryFailed(due[0].id, 1, At(60), "smtp: connection refused").ok());
  std::vector<Delivery> again = *store_->DueDeliveries(At(60), 10);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 1);
  EXPECT_EQ(again[0].last_error, "smtp: connection refused");
  ASSERT_TRUE(*store_->ClaimDelivery(again[0].id, At(60), At(360)));
  ASSERT_TRUE(store_->MarkDeliverySent(again[0].id, At(61)).ok());
  EXPECT_TRUE(store_->DueDeliveries(At(100000), 10)->empty());
  EXPECT_EQ(store_->DeliveriesOf(UserId{1})->at(0).sent_at, At(61));
}

TEST_P(AlertStoreTest, DigestsCollectWhatWasNotEmailed) {
  ASSERT_TRUE(store_->AddAlerts(std::vector{MakeAlert(1, 10, 1)}, std::vector{UserId{1}}, kNow).ok());
  ASSERT_TRUE(store_->AddAlerts(std::vector{MakeAlert(1, 11, 1), MakeAlert(1, 12, 1)}, {}, kNow).ok());
  Result<std::optional<Delivery>> digest = store_->CreateDigest(UserId{1}, "daily", At(1), At(2));
  ASSERT_TRUE(digest.ok()) << digest.status().ToString();
  ASSERT_TRUE(digest->has_value());
  EXPECT_EQ((*digest)->alert_ids.size(), 2u);  // not the one already e-mailed
  EXPECT_EQ(store_->GetSettings(UserId{1})->last_digest_at, At(1));
  EXPECT_FALSE(store_->CreateDigest(UserId{1}, "daily", At(3), At(4))->has_value());
}

TEST_P(AlertStoreTest, InboxPagesNewestFirstAndMarksRead) {
  std::vector<Alert> alerts;
  for (int n = 0; n < 5; ++n) alerts.push_back(MakeAlert(1, 100 + n, 1));
  ASSERT_TRUE(store_->AddAlerts(alerts, {}, kNow).ok());
  InboxPage first = *store_->Inbox(UserId{1}, false, 2, 0);
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].notice, NoticeId{104});
  EXPECT_EQ(first.unread, 5);
  InboxPage second = *store_->Inbox(UserId{1}, false, 2, first.next_before);
  EXPECT_EQ(second.items[0].notice, NoticeId{102});
  EXPECT_EQ(store_->MarkRead(UserId{2}, first.items[0].id, kNow).code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->MarkRead(UserId{1}, first.items[0].id, kNow).ok());
  EXPECT_EQ(store_->Inbox(UserId{1}, true, 10, 0)->items.size(), 4u);
  ASSERT_TRUE(store_->MarkAllRead(UserId{1}, kNow).ok());
  EXPECT_EQ(store_->Inbox(UserId{1}, false, 10, 0)->unread, 0);
}

TEST_P(AlertStoreTest, TokensAreMadeOnceAndFindTheirUser) {
  UserTokens first = *store_->TokensOf(UserId{4}, {"cal-a", "unsub-a"});
  UserTokens second = *store_->TokensOf(UserId{4}, {"cal-b", "unsub-b"});
  EXPECT_EQ(first.calendar, "cal-a");
  EXPECT_EQ(second.calendar, "cal-a");
  EXPECT_EQ(*store_->UserByCalendarToken("cal-a"), UserId{4});
  EXPECT_EQ(*store_->UserByUnsubscribeToken("unsub-a"), UserId{4});
  EXPECT_EQ(store_->UserByCalendarToken("unsub-a").status().code(), StatusCode::kNotFound);
}

TB_INSTANTIATE_BACKENDS(AlertStoreTest);

}  // namespace
}  // namespace tb::storage
