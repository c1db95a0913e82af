// The ranker's uses in AlertService: the supplier matcher cache, notice facts, "For you",
// the buyer's recommended suppliers and invitations.
#include <algorithm>
#include <map>
#include <set>

#include "matching/alert_service.h"
#include "matching/code_predictor.h"
#include "matching/internal/alert_matcher.h"
#include "matching/internal/alert_support.h"
#include "notices/notice_store.h"
#include "search/notice_facets.h"

namespace tb::matching {
namespace {

// Open notices considered for "For you" (the soonest deadlines first).
constexpr int kRecommendationPool = 500;

bool HasCodeBelowSegment(const notices::Notice& notice) {
  return std::ranges::any_of(notice.unspsc, [](UnspscCode c) {
    return c.level() != UnspscCode::Level::kSegment;
  });
}

}  // namespace

void AlertService::InvalidateSuppliers() {
  std::lock_guard lock(mu_);
  matcher_.reset();
}

Result<std::shared_ptr<const AlertService::Matcher>> AlertService::CurrentMatcher() {
  RankerWeights weights;
  {
    std::lock_guard lock(mu_);
    if (matcher_) return matcher_;
    weights = weights_;
  }
  // Built outside the lock: a slow directory read must not stall the other users.
  TB_ASSIGN_OR_RETURN(std::vector<MatchableSupplier> suppliers, directory_.Suppliers());
  std::vector<SupplierProfile> profiles;
  profiles.reserve(suppliers.size());
  for (const MatchableSupplier& s : suppliers) profiles.push_back(s.profile);
  auto built = std::make_shared<Matcher>(
      Matcher{std::move(suppliers), SupplierMatcher(std::move(profiles), weights), {}});
  for (std::size_t i = 0; i < built->suppliers.size(); ++i) {
    built->by_supplier_id[built->suppliers[i].profile.id] = i;
  }
  std::lock_guard lock(mu_);
  if (!matcher_) matcher_ = built;
  return matcher_;
}

NoticeFacts AlertService::FactsOf(const notices::Notice& notice) const {
  NoticeFacts facts;
  facts.text = notice.title.text + "\n" + notice.description.text;
  for (const notices::Lot& lot : notice.lots) facts.text += "\n" + lot.title;
  facts.agency = search::AgencyKey(notice.buyer);
  facts.codes = notice.unspsc;
  facts.deadline = notice.deadline;
  const CodePredictor* predictor = nullptr;
  {
    std::lock_guard lock(mu_);
    predictor = predictor_;
  }
  // Notices with no code, or only segments, are coded by the predictor (issue #5 item 1).
  if (predictor != nullptr && !HasCodeBelowSegment(notice)) {
    PredictOptions options;
    options.top = 5;
    const Prediction p = predictor->Predict(facts.text, options);
    const std::vector<CodeScore>& best = p.classes.empty() ? p.families : p.classes;
    for (const CodeScore& c : best) facts.predicted_codes.push_back({c.code, c.probability});
  }
  return facts;
}

NoticeFacts AlertService::CachedFactsOf(const notices::Notice& notice) {
  // Version() is served from memory (notices/notice_store.h), so a hit costs no query.
  Result<std::int64_t> version = notices_.Version(notice.id);
  if (!version.ok()) return FactsOf(notice);
  {
    std::lock_guard lock(facts_mu_);
    auto it = facts_.find(notice.id.value);
    if (it != facts_.end() && it->second.first == *version) return it->second.second;
  }
  NoticeFacts facts = FactsOf(notice);
  std::lock_guard lock(facts_mu_);
  constexpr std::size_t kMaxCached = 20'000;  // about the open notices of all UN agencies
  if (facts_.size() >= kMaxCached) facts_.clear();
  facts_[notice.id.value] = {*version, facts};
  return facts;
}

Result<std::vector<RecommendedNotice>> AlertService::Recommendations(UserId user, int limit) {
  limit = std::clamp(limit, 1, 100);
  TB_ASSIGN_OR_RETURN(std::optional<SupplierId> supplier, directory_.SupplierOf(user));
  if (!supplier) {
    return Status::PermissionDenied("recommendations are for the users of a supplier company");
  }
  TB_ASSIGN_OR_RETURN(std::shared_ptr<const Matcher> matcher, CurrentMatcher());
  auto found = matcher->by_supplier_id.find(supplier->value);
  if (found == matcher->by_supplier_id.end()) {
    InvalidateSuppliers();  // a company created since the matcher was built
    TB_ASSIGN_OR_RETURN(matcher, CurrentMatcher());
    found = matcher->by_supplier_id.find(supplier->value);
    if (found == matcher->by_supplier_id.end()) return std::vector<RecommendedNotice>{};
  }
  const std::size_t index = found->second;
  const Timestamp now = clock_.Now();

  notices::NoticeFilter filter;
  filter.open = true;
  std::vector<std::shared_ptr<const notices::Notice>> pool;
  notices::PageRequest page;
  page.limit = 100;
  while (static_cast<int>(pool.size()) < kRecommendationPool) {
    TB_ASSIGN_OR_RETURN(notices::NoticePage got,
                        notices_.List(filter, notices::NoticeOrder::kDeadline, page, now));
    for (notices::Notice& n : got.items) {
      pool.push_back(std::make_shared<const notices::Notice>(std::move(n)));
    }
    if (got.next_cursor.empty()) break;
    page.cursor = got.next_cursor;
  }

  // Scored like Rank() scores suppliers, turned around: the text and history features are
  // divided by their maximum over this supplier's candidate notices.
  struct Scored {
    std::size_t notice;
    NoticeFacts facts;
    FeatureVector features;
  };
  std::vector<Scored> scored;
  FeatureVector max{};
  for (std::size_t i = 0; i < pool.size(); ++i) {
    NoticeFacts facts = CachedFactsOf(*pool[i]);
    if (matcher->ranker.Filter(facts, index, now) != HardFilter::kNone) continue;
    FeatureVector f = matcher->ranker.Features(facts, index, /*use_notice_codes=*/true);
    for (int k = 0; k < kFeatureCount; ++k) max[k] = std::max(max[k], f[k]);
    scored.push_back({i, std::move(facts), f});
  }
  RankerWeights weights;
  {
    std::lock_guard lock(mu_);
    weights = weights_;
  }
  std::vector<std::pair<double, std::size_t>> order;
  for (std::size_t i = 0; i < scored.size(); ++i) {
    FeatureVector& f = scored[i].features;
    for (Feature k : {Feature::kText, Feature::kHistory}) {
      const int at = static_cast<int>(k);
      if (max[at] > 0) f[at] /= max[at];
    }
    // Nothing about the notice relates to the company: not a recommendation.
    const double relatedness = f[static_cast<int>(Feature::kText)] +
                               f[static_cast<int>(Feature::kCodes)] +
                               f[static_cast<int>(Feature::kPredictedCodes)] +
                               f[static_cast<int>(Feature::kHistory)];
    if (relatedness <= 0) continue;
    double score = 0;
    for (int k = 0; k < kFeatureCount; ++k) score += weights.weights[k] * f[k];
    order.emplace_back(score, i);
  }
  std::ranges::sort(order, [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return pool[scored[a.second].notice]->id < pool[scored[b.second].notice]->id;
  });
  std::vector<RecommendedNotice> out;
  for (const auto& [score, i] : order) {
    if (static_cast<int>(out.size()) >= limit) break;
    RecommendedNotice r;
    r.notice = pool[scored[i].notice];
    r.score = ScoreShare(score, matcher->suppliers[index].profile);
    r.explanation = matcher->ranker.Explain(scored[i].facts, index, /*use_notice_codes=*/true);
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<RecommendedSupplier>> AlertService::RecommendedSuppliers(NoticeId notice_id,
                                                                            int limit) {
  limit = std::clamp(limit, 1, 100);
  TB_ASSIGN_OR_RETURN(notices::Notice notice, notices_.Get(notice_id));
  TB_ASSIGN_OR_RETURN(std::shared_ptr<const Matcher> matcher, CurrentMatcher());
  TB_ASSIGN_OR_RETURN(std::vector<UserId> invited_users, store_.InvitedUsers(notice_id));
  const std::set<UserId> invited(invited_users.begin(), invited_users.end());
  const NoticeFacts facts = FactsOf(notice);
  RankOptions options;
  options.now = clock_.Now();
  options.limit = std::max(limit * 4, 50);  // drafts are dropped below
  std::vector<RecommendedSupplier> out;
  for (const Recommendation& r : matcher->ranker.Rank(facts, options)) {
    if (static_cast<int>(out.size()) >= limit) break;
    const MatchableSupplier& s = matcher->suppliers[r.supplier];
    if (!s.listed) continue;
    RecommendedSupplier rec;
    rec.supplier = s;
    rec.score = ScoreShare(r.score, s.profile);
    rec.explanation = matcher->ranker.Explain(facts, r.supplier, /*use_notice_codes=*/true);
    if (!invited.empty()) {
      TB_ASSIGN_OR_RETURN(std::vector<Recipient> members, directory_.MembersOf(s.organisation));
      rec.invited = std::ranges::any_of(
          members, [&](const Recipient& m) { return invited.contains(m.user); });
    }
    out.push_back(std::move(rec));
  }
  return out;
}

Result<int> AlertService::Invite(NoticeId notice_id, std::span<const SupplierId> suppliers) {
  TB_ASSIGN_OR_RETURN(notices::Notice notice, notices_.Get(notice_id));
  TB_ASSIGN_OR_RETURN(std::int64_t version, notices_.Version(notice_id));
  TB_ASSIGN_OR_RETURN(std::shared_ptr<const Matcher> matcher, CurrentMatcher());
  const Timestamp now = clock_.Now();
  const NoticeFacts facts = FactsOf(notice);
  std::vector<Alert> alerts;
  std::vector<UserId> email_now;
  std::map<std::int64_t, std::int64_t> supplier_of_user;
  for (SupplierId id : suppliers) {
    auto found = matcher->by_supplier_id.find(id.value);
    if (found == matcher->by_supplier_id.end()) {
      return Status::NotFound("no supplier " + std::to_string(id.value)).WithField("/supplier_ids");
    }
    const MatchableSupplier& s = matcher->suppliers[found->second];
    if (!s.listed) {
      return Status::NotFound("no supplier " + std::to_string(id.value)).WithField("/supplier_ids");
    }
    const std::string explanation =
        ExplanationJson(matcher->ranker.Explain(facts, found->second, /*use_notice_codes=*/true));
    TB_ASSIGN_OR_RETURN(std::vector<Recipient> members, directory_.MembersOf(s.organisation));
    for (const Recipient& m : members) {
      Alert a;
      a.user = m.user;
      a.notice = notice_id;
      a.notice_version = version;
      a.reason = AlertReason::kInvitation;
      a.explanation_json = explanation;
      a.created_at = now;
      alerts.push_back(std::move(a));
      supplier_of_user[m.user.value] = id.value;
      // An invitation is addressed to the company: e-mailed at once unless e-mail is off.
      TB_ASSIGN_OR_RETURN(AlertSettings settings, store_.GetSettings(m.user));
      if (settings.email) email_now.push_back(m.user);
    }
  }
  TB_ASSIGN_OR_RETURN(std::vector<Alert> stored, store_.AddAlerts(alerts, email_now, now));
  std::set<std::int64_t> newly_invited;
  for (const Alert& a : stored) newly_invited.insert(supplier_of_user[a.user.value]);
  return static_cast<int>(newly_invited.size());
}

}  // namespace tb::matching
