#pragma once

#include "matching/alert_store.h"
#include "storage/database.h"

namespace tb::storage {

// matching::AlertStore over the portable Database interface (schema: migration 10).
// Thread-safe; `db` must outlive it.
class SqlAlertStore final : public matching::AlertStore {
 public:
  explicit SqlAlertStore(Database& db) : db_(db) {}

  Result<matching::AlertSettings> GetSettings(UserId user) override;
  Result<matching::AlertSettings> PutSettings(const matching::AlertSettings& settings,
                                              Timestamp at) override;
  Result<std::vector<matching::AlertSettings>> AllSettings() override;
  Status SetLastDigest(UserId user, Timestamp period_end) override;

  Result<matching::SavedSearch> CreateSavedSearch(const matching::SavedSearch& search,
                                                  int max_per_user) override;
  Result<std::vector<matching::SavedSearch>> SavedSearchesOf(UserId user) override;
  Result<std::vector<matching::SavedSearch>> AllSavedSearches() override;
  Result<std::optional<matching::SavedSearch>> SavedSearchByToken(std::string_view token) override;
  Status DeleteSavedSearch(UserId user, std::int64_t id) override;

  Status SaveNotice(UserId user, NoticeId notice, Timestamp at) override;
  Status UnsaveNotice(UserId user, NoticeId notice) override;
  Result<std::vector<matching::SavedNotice>> SavedNoticesOf(UserId user) override;
  Result<std::vector<UserId>> UsersFollowing(NoticeId notice) override;

  Result<matching::UserTokens> TokensOf(UserId user, const matching::UserTokens& if_missing) override;
  Result<UserId> UserByCalendarToken(std::string_view token) override;
  Result<UserId> UserByUnsubscribeToken(std::string_view token) override;

  Result<std::int64_t> ProjectionSeq() override;
  Result<std::vector<matching::Alert>> CommitBatch(std::int64_t expected_seq, std::int64_t new_seq,
                                                   std::span<const matching::Alert> alerts,
                                                   std::span<const UserId> email_now,
                                                   Timestamp at) override;
  Result<std::vector<matching::Alert>> AddAlerts(std::span<const matching::Alert> alerts,
                                                 std::span<const UserId> email_now,
                                                 Timestamp at) override;

  Result<matching::InboxPage> Inbox(UserId user, bool unread_only, int limit,
                                    std::int64_t before) override;
  Result<std::vector<matching::Alert>> AlertsByIds(std::span<const std::int64_t> ids) override;
  Status MarkRead(UserId user, std::int64_t id, Timestamp at) override;
  Status MarkAllRead(UserId user, Timestamp at) override;
  Result<std::vector<UserId>> InvitedUsers(NoticeId notice) override;

  Result<std::optional<matching::Delivery>> CreateDigest(UserId user, std::string_view kind,
                                                         Timestamp until, Timestamp at) override;
  Result<std::vector<matching::Delivery>> DueDeliveries(Timestamp now, int limit) override;
  Result<bool> ClaimDelivery(std::int64_t id, Timestamp now, Timestamp lease_until) override;
  Status MarkDeliverySent(std::int64_t id, Timestamp at) override;
  Status MarkDeliveryFailed(std::int64_t id, int attempts, Timestamp retry_at,
                            std::string_view error) override;
  Result<std::vector<matching::Delivery>> DeliveriesOf(UserId user) override;

 private:
  Database& db_;
};

}  // namespace tb::storage
