#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"

namespace tb::matching {

// What the alert service keeps (docs/alerts.md): each user's settings, saved searches and
// saved notices, the alerts themselves (the inbox) and the e-mails that carry them. Declared
// here, implemented in storage/ (SQLite and PostgreSQL) and, for tests, in memory.

enum class AlertFrequency { kInstant, kDaily, kWeekly, kOff };
std::string_view AlertFrequencyName(AlertFrequency frequency);
std::optional<AlertFrequency> ParseAlertFrequency(std::string_view name);

struct AlertSettings {
  UserId user;
  AlertFrequency frequency = AlertFrequency::kInstant;
  bool email = true;
  bool use_profile = true;
  std::vector<std::string> agencies;   // short names, any case; empty = all
  std::vector<std::string> countries;  // ISO 3166-1 alpha-2 beneficiary countries; empty = all
  std::string value_currency;          // required when a bound is set
  std::optional<std::int64_t> value_min_minor, value_max_minor;
  bool sustainable_only = false;
  std::optional<Timestamp> updated_at;     // empty: never saved, these are the defaults
  std::optional<Timestamp> last_digest_at;  // the end of the last digest period sent
  bool operator==(const AlertSettings&) const = default;
};

struct SavedSearch {
  std::int64_t id = 0;
  UserId user;
  std::string name;
  std::string query;       // the search page's URL query string
  std::string feed_token;  // the Atom feed's capability token
  Timestamp created_at;
  bool operator==(const SavedSearch&) const = default;
};

struct SavedNotice {
  NoticeId notice;
  Timestamp saved_at;
  bool operator==(const SavedNotice&) const = default;
};

enum class AlertReason { kProfile, kSavedSearch, kAmendment, kInvitation };
std::string_view AlertReasonName(AlertReason reason);
std::optional<AlertReason> ParseAlertReason(std::string_view name);

struct Alert {
  std::int64_t id = 0;  // 0 until stored
  UserId user;
  NoticeId notice;
  std::int64_t notice_version = 0;
  AlertReason reason = AlertReason::kProfile;
  std::int64_t saved_search = 0;  // for kSavedSearch
  double score = 0;
  std::string explanation_json;  // docs/alerts.md "explanation"; "{}" when none
  Timestamp created_at;
  std::optional<Timestamp> read_at;
  bool emailed = false;  // an e-mail delivery carries it (or will)
  bool operator==(const Alert&) const = default;
};

// One e-mail to send: the alerts it carries, and its retry state. Never deleted when sending
// fails: it is retried with back-off until it is sent.
struct Delivery {
  std::int64_t id = 0;
  UserId user;
  std::string kind;  // "instant", "daily", "weekly"
  std::vector<std::int64_t> alert_ids;
  int attempts = 0;
  Timestamp next_attempt_at;
  std::string last_error;
  std::optional<Timestamp> sent_at;
  Timestamp created_at;
  bool operator==(const Delivery&) const = default;
};

// The per-user capability tokens of the deadline calendar and the unsubscribe link.
struct UserTokens {
  std::string calendar;
  std::string unsubscribe;
};

struct InboxPage {
  std::vector<Alert> items;
  std::int64_t next_before = 0;  // 0: no more
  std::int64_t unread = 0;
};

class AlertStore {
 public:
  virtual ~AlertStore() = default;

  // Settings: the stored ones, or the defaults (updated_at empty) for a user who saved none.
  virtual Result<AlertSettings> GetSettings(UserId user) = 0;
  virtual Result<AlertSettings> PutSettings(const AlertSettings& settings, Timestamp at) = 0;
  // Settings of every user who saved any (the others have the defaults).
  virtual Result<std::vector<AlertSettings>> AllSettings() = 0;
  virtual Status SetLastDigest(UserId user, Timestamp period_end) = 0;

  // Saved searches. Create: FailedPrecondition when the user already has `max_per_user`.
  virtual Result<SavedSearch> CreateSavedSearch(const SavedSearch& search, int max_per_user) = 0;
  virtual Result<std::vector<SavedSearch>> SavedSearchesOf(UserId user) = 0;
  virtual Result<std::vector<SavedSearch>> AllSavedSearches() = 0;
  virtual Result<std::optional<SavedSearch>> SavedSearchByToken(std::string_view token) = 0;
  // NotFound when the search does not exist or is another user's.
  virtual Status DeleteSavedSearch(UserId user, std::int64_t id) = 0;

  // Saved notices. Put is idempotent; Delete of a notice that is not saved is not an error.
  virtual Status SaveNotice(UserId user, NoticeId notice, Timestamp at) = 0;
  virtual Status UnsaveNotice(UserId user, NoticeId notice) = 0;
  virtual Result<std::vector<SavedNotice>> SavedNoticesOf(UserId user) = 0;
  // Users who saved the notice or were alerted to any version of it.
  virtual Result<std::vector<UserId>> UsersFollowing(NoticeId notice) = 0;

  // The user's tokens; `if_missing` (fresh random tokens from the caller) are stored and
  // returned the first time. UserBy...Token: NotFound for an unknown token.
  virtual Result<UserTokens> TokensOf(UserId user, const UserTokens& if_missing) = 0;
  virtual Result<UserId> UserByCalendarToken(std::string_view token) = 0;
  virtual Result<UserId> UserByUnsubscribeToken(std::string_view token) = 0;

  // The alert projection's position in the `changes` log (0 before the first run).
  virtual Result<std::int64_t> ProjectionSeq() = 0;
  // Stores a batch's alerts and moves the projection from `expected_seq` to `new_seq`, in one
  // transaction. An alert whose (user, notice, version) is already stored is skipped (an
  // invitation: whose (user, notice)); for every user in `email_now`, the stored alerts become
  // one instant delivery due at `at`. FailedPrecondition, storing nothing, when it is no
  // longer at `expected_seq` (another node ran it). Returns the alerts stored, with ids.
  virtual Result<std::vector<Alert>> CommitBatch(std::int64_t expected_seq, std::int64_t new_seq,
                                                 std::span<const Alert> alerts,
                                                 std::span<const UserId> email_now, Timestamp at) = 0;
  // The same without moving the projection (invitations).
  virtual Result<std::vector<Alert>> AddAlerts(std::span<const Alert> alerts,
                                               std::span<const UserId> email_now, Timestamp at) = 0;

  // Inbox, newest first: alerts with id < `before` (0: from the newest).
  virtual Result<InboxPage> Inbox(UserId user, bool unread_only, int limit, std::int64_t before) = 0;
  virtual Result<std::vector<Alert>> AlertsByIds(std::span<const std::int64_t> ids) = 0;
  virtual Status MarkRead(UserId user, std::int64_t id, Timestamp at) = 0;  // NotFound if not theirs
  virtual Status MarkAllRead(UserId user, Timestamp at) = 0;
  // The users' invitation alerts for the notice (for "invited" in the buyer panel).
  virtual Result<std::vector<UserId>> InvitedUsers(NoticeId notice) = 0;

  // Digests: the user's alerts not yet e-mailed, created before `until`, become one delivery
  // of `kind` due at `at`; returns it, or nullopt when there is nothing to send. The user's
  // last_digest_at becomes `until` either way.
  virtual Result<std::optional<Delivery>> CreateDigest(UserId user, std::string_view kind,
                                                       Timestamp until, Timestamp at) = 0;
  // Deliveries due at `now`, not sent, oldest first.
  virtual Result<std::vector<Delivery>> DueDeliveries(Timestamp now, int limit) = 0;
  // Claims a due delivery for `lease` (moves next_attempt_at to now + lease) so that another
  // node does not send it too; false when it is no longer due (claimed or sent elsewhere).
  virtual Result<bool> ClaimDelivery(std::int64_t id, Timestamp now, Timestamp lease_until) = 0;
  virtual Status MarkDeliverySent(std::int64_t id, Timestamp at) = 0;
  virtual Status MarkDeliveryFailed(std::int64_t id, int attempts, Timestamp retry_at,
                                    std::string_view error) = 0;
  virtual Result<std::vector<Delivery>> DeliveriesOf(UserId user) = 0;
};

}  // namespace tb::matching
