// Settings, saved searches and notices, the inbox, feeds and unsubscribe of AlertService.
// The projection, deliveries and digests are in alert_service_projection.cc; the ranker's
// uses (recommendations, the buyer panel, invitations) in alert_service_recommend.cc.
#include "matching/alert_service.h"

#include <algorithm>

#include "core/ics.h"
#include "core/text.h"
#include "crypto/random.h"
#include "matching/alert_mail.h"
#include "matching/internal/alert_support.h"
#include "notices/notice_store.h"

namespace tb::matching {
namespace {

bool IsCountryCode(std::string_view code) {
  return code.size() == 2 && std::ranges::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool IsCurrencyCode(std::string_view code) {
  return code.size() == 3 && std::ranges::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; });
}

Status ValidateSettings(AlertSettings& s) {
  if (s.agencies.size() > 50) {
    return Status::InvalidArgument("at most 50 agencies").WithField("/agencies");
  }
  for (std::string& agency : s.agencies) {
    agency = std::string(text::Trim(agency));
    if (agency.empty() || agency.size() > 200) {
      return Status::InvalidArgument("an agency name must have 1 to 200 characters")
          .WithField("/agencies");
    }
  }
  if (s.countries.size() > 250) {
    return Status::InvalidArgument("at most 250 countries").WithField("/countries");
  }
  for (std::string& country : s.countries) {
    country = text::ToUpperAscii(text::Trim(country));
    if (!IsCountryCode(country)) {
      return Status::InvalidArgument("\"" + country + "\" is not an ISO 3166-1 alpha-2 code")
          .WithField("/countries");
    }
  }
  std::ranges::sort(s.countries);
  s.countries.erase(std::unique(s.countries.begin(), s.countries.end()), s.countries.end());
  s.value_currency = text::ToUpperAscii(text::Trim(s.value_currency));
  const bool bounded = s.value_min_minor.has_value() || s.value_max_minor.has_value();
  if (bounded && !IsCurrencyCode(s.value_currency)) {
    return Status::InvalidArgument("a value range needs an ISO 4217 currency")
        .WithField("/value_currency");
  }
  if (!s.value_currency.empty() && !IsCurrencyCode(s.value_currency)) {
    return Status::InvalidArgument("not an ISO 4217 currency code").WithField("/value_currency");
  }
  if ((s.value_min_minor && *s.value_min_minor < 0) || (s.value_max_minor && *s.value_max_minor < 0)) {
    return Status::InvalidArgument("a value bound cannot be negative").WithField("/value_min_minor");
  }
  if (s.value_min_minor && s.value_max_minor && *s.value_min_minor > *s.value_max_minor) {
    return Status::InvalidArgument("the minimum is above the maximum").WithField("/value_max_minor");
  }
  return Status::Ok();
}

}  // namespace

AlertService::AlertService(AlertStore& store, notices::NoticeStore& notices,
                           AlertDirectory& directory, SavedSearchRunner& searches,
                           auth::Mailer& mailer, const Clock& clock, AlertServiceOptions options)
    : store_(store),
      notices_(notices),
      directory_(directory),
      searches_(searches),
      mailer_(mailer),
      clock_(clock),
      options_(std::move(options)),
      weights_(RankerWeights::Learned()),
      base_url_(options_.public_base_url) {}

void AlertService::SetPublicBaseUrl(std::string url) {
  std::lock_guard lock(mu_);
  base_url_ = std::move(url);
}

double AlertService::ScoreShare(double score, const SupplierProfile& supplier) const {
  auto known = [&](Feature f) {
    switch (f) {
      case Feature::kAgency:
        return !supplier.registered_agencies.empty();
      case Feature::kHistory:
      case Feature::kCodeHistory:
        return !supplier.history.empty();
      case Feature::kAgencyHistory:
      case Feature::kAgencyCodeHistory:
        return !supplier.agency_history.empty();
      case Feature::kSimilarAward:
        return !supplier.history_texts.empty();
      default:
        return true;
    }
  };
  std::lock_guard lock(mu_);
  double best = 0;
  for (int k = 0; k < kFeatureCount; ++k) {
    if (known(static_cast<Feature>(k))) best += std::max(0.0, weights_.weights[k]);
  }
  return best > 0 ? std::clamp(score / best, 0.0, 1.0) : 0.0;
}

std::string AlertService::BaseUrl() const {
  std::lock_guard lock(mu_);
  return base_url_;
}

std::string AlertService::ExplanationJson(const Explanation& explanation) {
  std::vector<UnspscCode> codes;
  for (const CodeReason& r : explanation.codes) codes.push_back(r.supplier_code);
  Result<std::map<UnspscCode, std::string>> titles = directory_.CodeTitles(codes);
  return internal::ExplanationJson(explanation,
                                   titles.ok() ? *titles : std::map<UnspscCode, std::string>{});
}

AlertService::~AlertService() = default;

void AlertService::SetCodePredictor(const CodePredictor* predictor) {
  {
    std::lock_guard lock(mu_);
    predictor_ = predictor;
  }
  std::lock_guard lock(facts_mu_);
  facts_.clear();  // their predicted codes came from the previous predictor
}

void AlertService::SetWeights(RankerWeights weights) {
  std::lock_guard lock(mu_);
  weights_ = weights;
  matcher_.reset();
}

Result<AlertSettings> AlertService::Settings(UserId user) { return store_.GetSettings(user); }

Result<AlertSettings> AlertService::UpdateSettings(UserId user, AlertSettings settings) {
  settings.user = user;
  TB_RETURN_IF_ERROR(ValidateSettings(settings));
  return store_.PutSettings(settings, clock_.Now());
}

Result<std::vector<SavedSearch>> AlertService::SavedSearches(UserId user) {
  return store_.SavedSearchesOf(user);
}

Result<SavedSearch> AlertService::SaveSearch(UserId user, std::string name, std::string query) {
  name = std::string(text::Trim(name));
  if (name.empty() || name.size() > 120) {
    return Status::InvalidArgument("a name must have 1 to 120 characters").WithField("/name");
  }
  if (query.size() > 2000) {
    return Status::InvalidArgument("the query is longer than 2000 characters").WithField("/query");
  }
  if (!query.empty() && query.front() == '?') query.erase(0, 1);
  // The runner parses it the way the search route does; a query it cannot parse is refused
  // now rather than failing at every alert run.
  Result<std::vector<NoticeId>> probe = searches_.Matching(query, {}, clock_.Now());
  if (!probe.ok()) return Status::InvalidArgument(probe.status().message()).WithField("/query");
  SavedSearch search;
  search.user = user;
  search.name = std::move(name);
  search.query = std::move(query);
  search.feed_token = crypto::RandomToken(32);
  search.created_at = clock_.Now();
  Result<SavedSearch> stored = store_.CreateSavedSearch(search, options_.max_saved_searches);
  if (!stored.ok() && stored.status().code() == StatusCode::kFailedPrecondition) {
    return Status::FailedPrecondition(stored.status().message()).WithField("/name");
  }
  return stored;
}

Status AlertService::DeleteSavedSearch(UserId user, std::int64_t id) {
  return store_.DeleteSavedSearch(user, id);
}

Result<std::vector<std::pair<SavedNotice, std::optional<notices::Notice>>>>
AlertService::SavedNotices(UserId user) {
  TB_ASSIGN_OR_RETURN(std::vector<SavedNotice> saved, store_.SavedNoticesOf(user));
  std::vector<std::pair<SavedNotice, std::optional<notices::Notice>>> out;
  for (const SavedNotice& s : saved) {
    Result<notices::Notice> notice = notices_.Get(s.notice);
    if (!notice.ok() && notice.status().code() != StatusCode::kNotFound) return notice.status();
    out.emplace_back(s, notice.ok() ? std::optional<notices::Notice>(std::move(*notice))
                                    : std::nullopt);
  }
  return out;
}

Status AlertService::SaveNotice(UserId user, NoticeId notice) {
  TB_RETURN_IF_ERROR(notices_.Version(notice).status());
  return store_.SaveNotice(user, notice, clock_.Now());
}

Status AlertService::UnsaveNotice(UserId user, NoticeId notice) {
  return store_.UnsaveNotice(user, notice);
}

Result<UserTokens> AlertService::Tokens(UserId user) {
  return store_.TokensOf(user, {crypto::RandomToken(32), crypto::RandomToken(32)});
}

Result<std::pair<std::vector<InboxItem>, InboxPage>> AlertService::Inbox(UserId user,
                                                                         bool unread_only,
                                                                         int limit,
                                                                         std::int64_t before) {
  limit = std::clamp(limit, 1, 100);
  TB_ASSIGN_OR_RETURN(InboxPage page, store_.Inbox(user, unread_only, limit, before));
  std::vector<SavedSearch> searches;
  if (std::ranges::any_of(page.items, [](const Alert& a) { return a.saved_search != 0; })) {
    TB_ASSIGN_OR_RETURN(searches, store_.SavedSearchesOf(user));
  }
  std::vector<InboxItem> items;
  for (const Alert& a : page.items) {
    InboxItem item;
    item.alert = a;
    Result<notices::Notice> notice = notices_.Get(a.notice);
    if (notice.ok()) item.notice = std::move(*notice);
    for (const SavedSearch& s : searches) {
      if (s.id == a.saved_search) item.saved_search_name = s.name;
    }
    items.push_back(std::move(item));
  }
  return std::make_pair(std::move(items), std::move(page));
}

Status AlertService::MarkRead(UserId user, std::int64_t alert) {
  return store_.MarkRead(user, alert, clock_.Now());
}

Status AlertService::MarkAllRead(UserId user) { return store_.MarkAllRead(user, clock_.Now()); }

Result<std::string> AlertService::AtomFeed(std::string_view token) {
  TB_ASSIGN_OR_RETURN(std::optional<SavedSearch> search, store_.SavedSearchByToken(token));
  if (!search) return Status::NotFound("no such feed");
  const Timestamp now = clock_.Now();
  TB_ASSIGN_OR_RETURN(std::vector<NoticeId> ids, searches_.Newest(search->query, 50, now));
  const std::string base = BaseUrl();
  std::string entries;
  Timestamp updated = search->created_at;
  for (NoticeId id : ids) {
    Result<notices::Notice> n = notices_.Get(id);
    if (!n.ok()) continue;
    const Timestamp when = n->updated.value_or(n->published.value_or(search->created_at));
    updated = std::max(updated, when);
    const std::string url = base + "/notices/" + std::to_string(id.value);
    entries += "<entry><id>" + EscapeHtml(url) + "</id><title>" + EscapeHtml(n->title.text) +
               "</title><updated>" + when.ToRfc3339() + "</updated><link href=\"" +
               EscapeHtml(url) + "\"/><author><name>" + EscapeHtml(n->buyer) +
               "</name></author><summary>" + EscapeHtml(n->description.text.substr(0, 500)) +
               "</summary></entry>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>" +
         EscapeHtml(base + "/api/v1/feeds/searches/" + search->feed_token) + "</id><title>" +
         EscapeHtml("TenderBridge: " + search->name) + "</title><updated>" + updated.ToRfc3339() +
         "</updated><link rel=\"alternate\" href=\"" +
         EscapeHtml(base + "/notices?" + search->query) + "\"/>\n" + entries + "</feed>\n";
}

Result<std::string> AlertService::Calendar(std::string_view token) {
  TB_ASSIGN_OR_RETURN(UserId user, store_.UserByCalendarToken(token));
  TB_ASSIGN_OR_RETURN(auto saved, SavedNotices(user));
  std::vector<CalendarEvent> events;
  for (const auto& [s, notice] : saved) {
    if (!notice || !notice->deadline) continue;
    CalendarEvent e;
    e.uid = "notice-" + std::to_string(s.notice.value) + "-deadline@tenderbridge";
    e.start = *notice->deadline;
    e.end = *notice->deadline;
    e.summary = notice->title.text;
    e.description = notice->buyer + "\n" + BaseUrl() + "/notices/" +
                    std::to_string(s.notice.value);
    e.sequence = static_cast<int>(notice->amendments.size());
    events.push_back(std::move(e));
  }
  return WriteCalendar("TenderBridge deadlines", events, clock_.Now());
}

Status AlertService::Unsubscribe(std::string_view token) {
  TB_ASSIGN_OR_RETURN(UserId user, store_.UserByUnsubscribeToken(token));
  TB_ASSIGN_OR_RETURN(AlertSettings settings, store_.GetSettings(user));
  settings.email = false;
  return store_.PutSettings(settings, clock_.Now()).status();
}

}  // namespace tb::matching
