// The alert projection step, e-mail deliveries with retries, and digests of AlertService.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "auth/mailer.h"
#include "matching/alert_mail.h"
#include "matching/alert_service.h"
#include "matching/code_predictor.h"
#include "matching/internal/alert_support.h"
#include "matching/internal/alert_matcher.h"
#include "notices/notice_store.h"
#include "search/notice_facets.h"

namespace tb::matching {
namespace {

constexpr std::int64_t kMinute = 60'000'000;
constexpr std::int64_t kDay = 24 * 60 * kMinute;
constexpr std::int64_t kDigestHour = 7 * 60 * kMinute;  // digests go out at 07:00 UTC

// The start of the digest period that contains `now`: 07:00 UTC today (or yesterday), or on
// the last Monday for weekly digests.
Timestamp PeriodStart(Timestamp now, AlertFrequency frequency) {
  const std::int64_t micros = now.micros();
  std::int64_t day = micros / kDay;
  if (frequency == AlertFrequency::kWeekly) {
    day -= (day + 3) % 7;  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays
    std::int64_t start = day * kDay + kDigestHour;
    if (start > micros) start -= 7 * kDay;
    return Timestamp::FromMicros(start);
  }
  std::int64_t start = day * kDay + kDigestHour;
  if (start > micros) start -= kDay;
  return Timestamp::FromMicros(start);
}

// Retry back-off: 1 minute, doubling, at most 6 hours; a delivery is never given up.
Timestamp RetryAt(Timestamp now, int attempts) {
  std::int64_t delay = kMinute;
  for (int i = 1; i < attempts && delay < 6 * 60 * kMinute; ++i) delay *= 2;
  return Timestamp::FromMicros(now.micros() + std::min<std::int64_t>(delay, 6 * 60 * kMinute));
}


std::string WhyLine(const std::string& explanation_json) {
  const nlohmann::json doc = nlohmann::json::parse(explanation_json, nullptr, false);
  if (!doc.is_object()) return "";
  std::string out;
  for (const nlohmann::json& c : doc.value("codes", nlohmann::json::array())) {
    if (!out.empty()) out += ", ";
    out += c.value("notice_code", "");
    const std::string title = c.value("title", "");
    if (!title.empty()) out += " " + title;
  }
  const std::vector<std::string> terms =
      doc.value("shared_terms", std::vector<std::string>{});
  for (std::size_t i = 0; i < terms.size(); ++i) {
    out += (i == 0 ? (out.empty() ? "" : "; ") : ", ") + terms[i];
  }
  return out;
}

}  // namespace

Result<std::int64_t> AlertService::ProjectionSeq() { return store_.ProjectionSeq(); }

Result<ProjectionReport> AlertService::Project(std::int64_t expected_seq, std::int64_t new_seq,
                                               std::span<const NoticeId> changed) {
  const Timestamp now = clock_.Now();
  ProjectionReport report;
  std::vector<Alert> amendments, searched, profiled;
  std::vector<NoticeId> open_ids;
  std::map<NoticeId, std::int64_t> versions;

  std::unordered_map<std::int64_t, AlertSettings> settings_by_user;
  if (!changed.empty()) {
    TB_ASSIGN_OR_RETURN(std::vector<AlertSettings> all, store_.AllSettings());
    for (AlertSettings& s : all) settings_by_user[s.user.value] = std::move(s);
  }
  auto settings_of = [&](UserId user) {
    auto it = settings_by_user.find(user.value);
    if (it != settings_by_user.end()) return it->second;
    AlertSettings defaults;
    defaults.user = user;
    return defaults;
  };

  std::shared_ptr<const Matcher> matcher;
  if (!changed.empty()) {
    TB_ASSIGN_OR_RETURN(matcher, CurrentMatcher());
  }
  std::unordered_map<std::int64_t, std::vector<Recipient>> members;  // by organisation
  bool awards_changed = false;
  for (NoticeId id : changed) {
    Result<notices::Notice> got = notices_.Get(id);
    if (!got.ok()) {
      if (got.status().code() == StatusCode::kNotFound) continue;  // deleted since
      return got.status();
    }
    const notices::Notice& notice = *got;
    // A TenderBridge tender's notice turns complete when its award is notified: the winner's
    // history (read by the directory) changed, so the next batch ranks with a fresh matcher.
    if (notice.source == "tenderbridge" && notice.status == notices::NoticeStatus::kComplete) {
      awards_changed = true;
    }
    TB_ASSIGN_OR_RETURN(std::int64_t version, notices_.Version(id));
    versions[id] = version;
    ++report.notices;
    auto make = [&](UserId user, AlertReason reason) {
      Alert a;
      a.user = user;
      a.notice = id;
      a.notice_version = version;
      a.reason = reason;
      a.explanation_json = "{}";
      a.created_at = now;
      return a;
    };
    // Amendments reach everyone who saved or was alerted to the notice, whatever the filters.
    if (version > 1) {
      TB_ASSIGN_OR_RETURN(std::vector<UserId> following, store_.UsersFollowing(id));
      for (UserId user : following) amendments.push_back(make(user, AlertReason::kAmendment));
    }
    if (!internal::IsLive(notice, now)) continue;
    open_ids.push_back(id);

    const NoticeFacts facts = FactsOf(notice);
    RankOptions options;
    options.now = now;
    options.limit = options_.profile_alerts_per_notice;
    options.min_score = options_.min_profile_score;
    for (const Recommendation& r : matcher->ranker.Rank(facts, options)) {
      const MatchableSupplier& supplier = matcher->suppliers[r.supplier];
      auto [it, fresh] = members.try_emplace(supplier.organisation.value);
      if (fresh) {
        TB_ASSIGN_OR_RETURN(it->second, directory_.MembersOf(supplier.organisation));
      }
      std::string explanation;
      for (const Recipient& member : it->second) {
        const AlertSettings settings = settings_of(member.user);
        if (!settings.use_profile || !internal::PassesFilters(settings, notice)) continue;
        if (explanation.empty()) {
          explanation = ExplanationJson(
              matcher->ranker.Explain(facts, r.supplier, /*use_notice_codes=*/true));
        }
        Alert a = make(member.user, AlertReason::kProfile);
        a.score = ScoreShare(r.score, supplier.profile);
        a.explanation_json = explanation;
        profiled.push_back(std::move(a));
      }
    }
  }
  if (awards_changed) InvalidateSuppliers();

  if (!open_ids.empty()) {
    TB_ASSIGN_OR_RETURN(std::vector<SavedSearch> searches, store_.AllSavedSearches());
    for (const SavedSearch& search : searches) {
      TB_ASSIGN_OR_RETURN(std::vector<NoticeId> found,
                          searches_.Matching(search.query, open_ids, now));
      for (NoticeId id : found) {
        Alert a;
        a.user = search.user;
        a.notice = id;
        a.notice_version = versions[id];
        a.reason = AlertReason::kSavedSearch;
        a.saved_search = search.id;
        a.explanation_json = "{}";
        a.created_at = now;
        searched.push_back(std::move(a));
      }
    }
  }

  // One alert per user, notice and version: the store keeps the first, so the reason that
  // must always be sent goes first.
  std::vector<Alert> alerts = std::move(amendments);
  alerts.insert(alerts.end(), searched.begin(), searched.end());
  alerts.insert(alerts.end(), profiled.begin(), profiled.end());
  std::set<std::int64_t> email_users;
  for (const Alert& a : alerts) {
    const AlertSettings s = settings_of(a.user);
    if (s.email && s.frequency == AlertFrequency::kInstant) email_users.insert(a.user.value);
  }
  std::vector<UserId> email_now;
  for (std::int64_t u : email_users) email_now.push_back(UserId{u});
  TB_ASSIGN_OR_RETURN(std::vector<Alert> stored,
                      store_.CommitBatch(expected_seq, new_seq, alerts, email_now, now));
  report.alerts = static_cast<std::int64_t>(stored.size());
  return report;
}

Result<int> AlertService::RunDigests() {
  const Timestamp now = clock_.Now();
  TB_ASSIGN_OR_RETURN(std::vector<AlertSettings> all, store_.AllSettings());
  int created = 0;
  for (const AlertSettings& s : all) {
    if (!s.email) continue;
    if (s.frequency != AlertFrequency::kDaily && s.frequency != AlertFrequency::kWeekly) continue;
    const Timestamp start = PeriodStart(now, s.frequency);
    if (s.last_digest_at && *s.last_digest_at >= start) continue;
    const std::string_view kind = s.frequency == AlertFrequency::kDaily ? "daily" : "weekly";
    TB_ASSIGN_OR_RETURN(std::optional<Delivery> d, store_.CreateDigest(s.user, kind, start, now));
    if (d) ++created;
  }
  return created;
}

Result<int> AlertService::DeliverDue() {
  const Timestamp now = clock_.Now();
  TB_ASSIGN_OR_RETURN(std::vector<Delivery> due,
                      store_.DueDeliveries(now, options_.max_delivery_batch));
  int sent = 0;
  for (const Delivery& d : due) {
    // The lease keeps another node (or the next tick) from sending it while this one tries.
    TB_ASSIGN_OR_RETURN(bool claimed,
                        store_.ClaimDelivery(d.id, now, Timestamp::FromMicros(now.micros() + 5 * kMinute)));
    if (!claimed) continue;
    const Status status = SendDelivery(d);
    if (status.ok()) {
      TB_RETURN_IF_ERROR(store_.MarkDeliverySent(d.id, clock_.Now()));
      ++sent;
    } else {
      TB_RETURN_IF_ERROR(store_.MarkDeliveryFailed(d.id, d.attempts + 1,
                                                   RetryAt(clock_.Now(), d.attempts + 1),
                                                   status.message()));
    }
  }
  return sent;
}

Status AlertService::SendDelivery(const Delivery& delivery) {
  TB_ASSIGN_OR_RETURN(std::optional<Recipient> recipient, directory_.FindUser(delivery.user));
  if (!recipient || recipient->email.empty()) return Status::Ok();  // the user is gone
  TB_ASSIGN_OR_RETURN(AlertSettings settings, store_.GetSettings(delivery.user));
  if (!settings.email) return Status::Ok();  // turned off after the alert was queued
  TB_ASSIGN_OR_RETURN(std::vector<Alert> alerts, store_.AlertsByIds(delivery.alert_ids));
  std::vector<SavedSearch> searches;
  if (std::ranges::any_of(alerts, [](const Alert& a) { return a.saved_search != 0; })) {
    TB_ASSIGN_OR_RETURN(searches, store_.SavedSearchesOf(delivery.user));
  }
  std::vector<AlertMailItem> items;
  for (const Alert& a : alerts) {
    Result<notices::Notice> notice = notices_.Get(a.notice);
    if (!notice.ok()) continue;
    AlertMailItem item;
    item.title = notice->title.text;
    item.agency = search::AgencyKey(notice->buyer);
    item.deadline = notice->deadline;
    item.url = BaseUrl() + "/notices/" + std::to_string(a.notice.value);
    item.reason = a.reason;
    for (const SavedSearch& s : searches) {
      if (s.id == a.saved_search) item.saved_search_name = s.name;
    }
    item.why = WhyLine(a.explanation_json);
    items.push_back(std::move(item));
  }
  if (items.empty()) return Status::Ok();
  TB_ASSIGN_OR_RETURN(UserTokens tokens, Tokens(delivery.user));
  const auth::MailMessage mail =
      AlertMail(recipient->language, recipient->email, delivery.kind, items,
                BaseUrl() + "/unsubscribe?token=" + tokens.unsubscribe,
                BaseUrl() + "/settings/alerts");
  return mailer_.Send(mail);
}

}  // namespace tb::matching
