#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "matching/alert_store.h"
#include "matching/relevance.h"
#include "notices/notice.h"

namespace tb::auth {
class Mailer;
}
namespace tb::notices {
class NoticeStore;
}

namespace tb::matching {

class CodePredictor;

// Who reads a company's alerts, and where to write to them.
struct Recipient {
  UserId user;
  std::string email;
  std::string language;  // "en", "fr", "es", "zh", "ar", "ru"
};

// A supplier as the ranker and the buyer panel see it.
struct MatchableSupplier {
  SupplierProfile profile;  // profile.id is the supplier id
  OrganisationId organisation;
  std::string name;
  std::string country;
  // Shown to buyers: the profile was submitted or registered (never a draft).
  bool listed = false;
};

// The registry joined for alerts (suppliers, their members, users): app/ implements it over
// the supplier, screening and auth stores, which matching/ does not know.
class AlertDirectory {
 public:
  virtual ~AlertDirectory() = default;
  virtual Result<std::vector<MatchableSupplier>> Suppliers() = 0;
  virtual Result<std::vector<Recipient>> MembersOf(OrganisationId organisation) = 0;
  virtual Result<std::optional<Recipient>> FindUser(UserId user) = 0;
  // The supplier company the user belongs to, if any.
  virtual Result<std::optional<SupplierId>> SupplierOf(UserId user) = 0;
  // English titles of the codes that have one (for the "why" chips).
  virtual Result<std::map<UnspscCode, std::string>> CodeTitles(std::span<const UnspscCode> codes) = 0;
};

// Runs a saved search (its URL query string) through the search engine: app/ wires the
// node's search index, which the alert projection keeps caught up before asking.
class SavedSearchRunner {
 public:
  virtual ~SavedSearchRunner() = default;
  // Which of `among` the search finds now.
  virtual Result<std::vector<NoticeId>> Matching(std::string_view query,
                                                 std::span<const NoticeId> among, Timestamp now) = 0;
  // The search's newest matches, newest first (the Atom feed).
  virtual Result<std::vector<NoticeId>> Newest(std::string_view query, int limit, Timestamp now) = 0;
};

// An inbox item with what the inbox shows of its notice.
struct InboxItem {
  Alert alert;
  std::optional<notices::Notice> notice;  // empty when the notice was deleted since
  std::string saved_search_name;
};

struct RecommendedNotice {
  std::shared_ptr<const notices::Notice> notice;
  double score = 0;
  Explanation explanation;
};

struct RecommendedSupplier {
  MatchableSupplier supplier;
  double score = 0;
  Explanation explanation;
  bool invited = false;
};

struct AlertServiceOptions {
  int profile_alerts_per_notice = 20;  // issue #5: at most 20 alerts per notice by profile
  double min_profile_score = 0.0;      // learned cut (docs/matching.md); 0 keeps the top N
  int max_saved_searches = 50;
  std::string public_base_url = "http://127.0.0.1:8080";  // links in e-mails and feeds
  int max_delivery_batch = 100;
};

struct ProjectionReport {
  std::int64_t notices = 0;  // notices looked at
  std::int64_t alerts = 0;   // alerts stored
};

// Alerts (issue #5 items 4-5, docs/alerts.md): settings, saved searches and notices, the
// inbox, the alert projection step, e-mail delivery with retries, digests, feeds, and the
// buyer's recommended suppliers and invitations. Thread-safe; everything passed in must
// outlive it.
class AlertService {
 public:
  AlertService(AlertStore& store, notices::NoticeStore& notices, AlertDirectory& directory,
               SavedSearchRunner& searches, auth::Mailer& mailer, const Clock& clock,
               AlertServiceOptions options = {});
  ~AlertService();

  // The code predictor used for notices without codes below segment level; optional.
  void SetCodePredictor(const CodePredictor* predictor);
  void SetWeights(RankerWeights weights);
  // The origin links in e-mails and feeds start with (the server's once it has bound a port).
  void SetPublicBaseUrl(std::string url);

  // docs/alerts.md's "explanation" object, with the codes' English titles.
  std::string ExplanationJson(const Explanation& explanation);

  // Settings and lists of the signed-in user. Validation errors are InvalidArgument with the
  // JSON pointer of the field ("/frequency").
  Result<AlertSettings> Settings(UserId user);
  Result<AlertSettings> UpdateSettings(UserId user, AlertSettings settings);
  Result<std::vector<SavedSearch>> SavedSearches(UserId user);
  Result<SavedSearch> SaveSearch(UserId user, std::string name, std::string query);
  Status DeleteSavedSearch(UserId user, std::int64_t id);
  Result<std::vector<std::pair<SavedNotice, std::optional<notices::Notice>>>> SavedNotices(
      UserId user);
  Status SaveNotice(UserId user, NoticeId notice);  // NotFound for a notice that does not exist
  Status UnsaveNotice(UserId user, NoticeId notice);
  Result<UserTokens> Tokens(UserId user);

  Result<std::pair<std::vector<InboxItem>, InboxPage>> Inbox(UserId user, bool unread_only,
                                                             int limit, std::int64_t before);
  Status MarkRead(UserId user, std::int64_t alert);
  Status MarkAllRead(UserId user);

  // "For you": open notices ranked for the user's company. PermissionDenied without one.
  Result<std::vector<RecommendedNotice>> Recommendations(UserId user, int limit);
  // The buyer panel: listed suppliers ranked for the notice, with the invited ones marked.
  Result<std::vector<RecommendedSupplier>> RecommendedSuppliers(NoticeId notice, int limit);
  // Sends the notice to the suppliers' members (reason "invitation"); returns how many
  // suppliers were newly invited. NotFound for an unknown notice or supplier.
  Result<int> Invite(NoticeId notice, std::span<const SupplierId> suppliers);

  // The projection step: the notices changed in (expected_seq, new_seq] become alerts, stored
  // together with the new position. FailedPrecondition when another node moved it first.
  Result<ProjectionReport> Project(std::int64_t expected_seq, std::int64_t new_seq,
                                   std::span<const NoticeId> changed);
  Result<std::int64_t> ProjectionSeq();

  // Creates the daily and weekly digests that are due, then sends every due e-mail; a failed
  // send is retried with back-off (1 min, doubling, at most 6 h), never dropped.
  Result<int> RunDigests();
  Result<int> DeliverDue();
  // Drops the cached supplier matcher, so the next use rebuilds it (a profile changed).
  void InvalidateSuppliers();

  // Public feeds and the unsubscribe link; NotFound for an unknown token.
  Result<std::string> AtomFeed(std::string_view token);
  Result<std::string> Calendar(std::string_view token);
  Status Unsubscribe(std::string_view token);

 private:
  struct Matcher;
  Result<std::shared_ptr<const Matcher>> CurrentMatcher();
  NoticeFacts FactsOf(const notices::Notice& notice) const;
  // FactsOf through a cache keyed by (notice, version): "For you" re-ranks the same open
  // notices on every visit, and predicting codes is the costly part.
  NoticeFacts CachedFactsOf(const notices::Notice& notice);
  std::string BaseUrl() const;
  // A learned score as the share of the highest score the weights allow for this supplier
  // (each feature is at most 1; features the profile has no data for, such as award history
  // the registry does not hold, are left out), so clients can show it as "match 80 %".
  double ScoreShare(double score, const SupplierProfile& supplier) const;
  Status SendDelivery(const Delivery& delivery);

  AlertStore& store_;
  notices::NoticeStore& notices_;
  AlertDirectory& directory_;
  SavedSearchRunner& searches_;
  auth::Mailer& mailer_;
  const Clock& clock_;
  const AlertServiceOptions options_;
  const CodePredictor* predictor_ = nullptr;

  mutable std::mutex mu_;  // guards predictor_, matcher_ and weights_
  std::shared_ptr<const Matcher> matcher_;
  RankerWeights weights_;
  std::string base_url_;

  std::mutex facts_mu_;
  std::unordered_map<std::int64_t, std::pair<std::int64_t, NoticeFacts>> facts_;  // by notice id
};

}  // namespace tb::matching
