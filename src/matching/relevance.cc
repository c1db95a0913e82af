// SupplierMatcher (relevance.h): candidate generation, features, hard filters, the learned
// linear score and the baselines of ../shared/ALGORITHMS.md B.4 step 7. docs/matching.md.
#include "matching/relevance.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "core/text.h"
#include "matching/internal/bm25_index.h"

namespace tb::matching {
namespace {

// Words never shown as "similar words" of an explanation (they still count in BM25, as measured
// in docs/matching.md): function words of the notice languages and procurement boilerplate.
bool IsExplanationStopWord(std::string_view word) {
  static constexpr std::string_view kStopWords[] = {
      "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it",
      "of", "on", "or", "the", "to", "with", "within", "de", "des", "du", "en", "et", "la", "le",
      "les", "pour", "un", "une", "el", "los", "las", "del", "para", "por", "y", "o", "e", "do",
      "da", "dos", "das", "supply", "supplies", "provision", "procurement", "purchase",
      "delivery", "request", "tender", "services", "service", "suministro", "adquisicion",
      "fourniture", "achat", "contrato", "contract"};
  for (std::string_view stop : kStopWords) {
    if (word == stop) return true;
  }
  return false;
}


using internal::Bm25Index;

constexpr double kRrfK = 60;
// Under this many days to the deadline a bid gets progressively harder to prepare.
constexpr double kComfortableDays = 10;

std::string Folded(std::string_view s) { return text::ToLowerAscii(text::Trim(s)); }

std::uint32_t SegmentKey(UnspscCode code) { return code.value() / 1'000'000; }

// The family of a code (its own value for a segment-only code): where history is counted.
std::uint32_t FamilyKey(UnspscCode code) {
  return code.level() == UnspscCode::Level::kSegment ? code.value()
                                                     : code.value() / 10'000 * 10'000;
}

// B.2b's codes ranker weighs a win under the same commodity 8, class 4, family 2, segment 1.
constexpr double kLevelWeight[] = {1, 2, 4, 8};

// A code's prefix at one level (1 segment .. 4 commodity), tagged with the level so that a
// class and a family with the same digits stay apart.
std::uint64_t PrefixKey(UnspscCode code, int level) {
  static constexpr std::uint32_t kUnit[] = {1'000'000, 10'000, 100, 1};
  return (static_cast<std::uint64_t>(level) << 32) | (code.value() / kUnit[level - 1]);
}

// Every past award text of every supplier, and whose it is.
std::vector<std::string> AwardTexts(const std::vector<SupplierProfile>& suppliers,
                                    std::vector<std::uint32_t>* owner) {
  std::vector<std::string> texts;
  for (std::uint32_t s = 0; s < suppliers.size(); ++s) {
    for (const std::string& t : suppliers[s].history_texts) {
      texts.push_back(t);
      owner->push_back(s);
    }
  }
  return texts;
}

std::vector<std::string> ProfileTexts(const std::vector<SupplierProfile>& suppliers) {
  std::vector<std::string> texts;
  texts.reserve(suppliers.size());
  for (const SupplierProfile& s : suppliers) texts.push_back(s.text);
  return texts;
}

double WeightedHierarchySimilarity(std::span<const WeightedCode> notice,
                                   std::span<const UnspscCode> supplier) {
  double sum = 0, total = 0;
  for (const WeightedCode& code : notice) {
    if (code.weight <= 0) continue;
    const UnspscCode one[] = {code.code};
    sum += code.weight * HierarchySimilarity(one, supplier);
    total += code.weight;
  }
  return total > 0 ? sum / total : 0;
}

}  // namespace

struct SupplierMatcher::Impl {
  std::vector<SupplierProfile> profiles;
  RankerWeights weights;
  Bm25Index bm25;
  std::vector<std::uint32_t> award_owner;  // by document of award_bm25
  Bm25Index award_bm25;
  std::vector<std::vector<UnspscCode>> codes;       // declared codes and history, distinct, sorted
  std::vector<std::vector<std::string>> agencies;   // folded
  std::vector<std::vector<std::string>> countries;  // folded
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> by_segment;
  // A supplier's past bids or awards under one code.
  struct HistoryEntry {
    std::uint32_t supplier;
    UnspscCode code;
    std::uint32_t count;
  };
  // History entries by family key, and by segment, in supplier order.
  std::unordered_map<std::uint32_t, std::vector<HistoryEntry>> history_by_family;
  std::unordered_map<std::uint32_t, std::vector<HistoryEntry>> history_by_segment;
  // (supplier, past awards) by folded agency, and by code prefix (PrefixKey), in supplier order.
  using Wins = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
  std::unordered_map<std::string, Wins> wins_by_agency;
  std::unordered_map<std::uint64_t, Wins> wins_by_prefix;
  // History entries by folded agency (profiles whose agency_history parallels history).
  std::unordered_map<std::string, std::vector<HistoryEntry>> history_by_agency;

  Impl(std::vector<SupplierProfile> suppliers, RankerWeights w)
      : profiles(std::move(suppliers)),
        weights(w),
        bm25(ProfileTexts(profiles)),
        award_bm25(AwardTexts(profiles, &award_owner)) {
    codes.resize(profiles.size());
    agencies.resize(profiles.size());
    countries.resize(profiles.size());
    for (std::uint32_t s = 0; s < profiles.size(); ++s) {
      const SupplierProfile& p = profiles[s];
      std::vector<UnspscCode>& all = codes[s];
      all = p.codes;
      all.insert(all.end(), p.history.begin(), p.history.end());
      std::sort(all.begin(), all.end());
      all.erase(std::unique(all.begin(), all.end()), all.end());
      std::uint32_t last_segment = 0;
      for (UnspscCode c : all) {
        if (SegmentKey(c) != last_segment) by_segment[SegmentKey(c)].push_back(s);
        last_segment = SegmentKey(c);
      }
      std::map<UnspscCode, std::uint32_t> per_code;
      for (UnspscCode c : p.history) ++per_code[c];
      for (const auto& [c, n] : per_code) {
        history_by_family[FamilyKey(c)].push_back({s, c, n});
        history_by_segment[c.value() / 1'000'000 * 1'000'000].push_back({s, c, n});
      }
      std::map<std::uint64_t, std::uint32_t> per_prefix;
      for (const auto& [c, n] : per_code) {
        for (int level = 1; level <= static_cast<int>(c.level()); ++level) {
          per_prefix[PrefixKey(c, level)] += n;
        }
      }
      for (const auto& [key, n] : per_prefix) wins_by_prefix[key].push_back({s, n});
      std::map<std::string, std::uint32_t> per_agency;
      for (const std::string& a : p.agency_history) ++per_agency[Folded(a)];
      for (const auto& [a, n] : per_agency) {
        if (!a.empty()) wins_by_agency[a].push_back({s, n});
      }
      if (p.agency_history.size() == p.history.size()) {
        std::map<std::pair<std::string, UnspscCode>, std::uint32_t> per_agency_code;
        for (std::size_t i = 0; i < p.history.size(); ++i) {
          ++per_agency_code[{Folded(p.agency_history[i]), p.history[i]}];
        }
        for (const auto& [key, n] : per_agency_code) {
          if (!key.first.empty()) history_by_agency[key.first].push_back({s, key.second, n});
        }
      }
      for (const std::string& a : p.registered_agencies) agencies[s].push_back(Folded(a));
      for (const std::string& c : p.countries) countries[s].push_back(Folded(c));
    }
  }

  // Everything about one notice that does not depend on the supplier. The codes of the
  // notice are read here only, and only when visible.
  struct Query {
    std::vector<UnspscCode> visible;          // notice.codes, or empty when hidden
    std::vector<WeightedCode> predicted;      // positive weights only
    std::vector<UnspscCode> tas_codes;        // visible codes, else the top predicted code
    std::vector<WeightedCode> history_codes;  // visible codes (weight 1), else predicted
    std::set<std::uint32_t> family_keys;      // where history counts
    std::vector<Bm25Index::QueryTerm> terms;
    std::vector<Bm25Index::QueryTerm> award_terms;
    std::string agency;
    double deadline_feasibility = 1;
  };

  Query MakeQuery(const NoticeFacts& notice, bool use_notice_codes,
                  std::optional<Timestamp> now) const {
    Query q;
    if (use_notice_codes) q.visible = notice.codes;
    for (const WeightedCode& c : notice.predicted_codes) {
      if (c.weight > 0) q.predicted.push_back(c);
    }
    if (!q.visible.empty()) {
      q.tas_codes = q.visible;
      for (UnspscCode c : q.visible) q.history_codes.push_back({c, 1.0});
    } else {
      const auto top = std::max_element(
          q.predicted.begin(), q.predicted.end(),
          [](const WeightedCode& a, const WeightedCode& b) { return a.weight < b.weight; });
      if (top != q.predicted.end()) q.tas_codes = {top->code};
      q.history_codes = q.predicted;
    }
    for (const WeightedCode& c : q.history_codes) q.family_keys.insert(FamilyKey(c.code));
    q.terms = bm25.Query(notice.text);
    if (award_bm25.document_count() > 0) q.award_terms = award_bm25.Query(notice.text);
    q.agency = Folded(notice.agency);
    if (now && notice.deadline) {
      const double days = static_cast<double>((*notice.deadline - *now).count()) / 86'400e6;
      q.deadline_feasibility = std::clamp(days / kComfortableDays, 0.0, 1.0);
    }
    return q;
  }

  // Past bids or awards in the families of the query's codes, each weighted by the code's
  // weight and its similarity to the code (B.2b's codes ranker also counts wins per level);
  // a segment-only code looks at its whole segment.
  template <typename Visit>
  void ForEachHistory(const Query& q, Visit visit) const {
    for (const WeightedCode& c : q.history_codes) {
      const std::uint32_t key = FamilyKey(c.code);
      const auto& index = key % 1'000'000 == 0 ? history_by_segment : history_by_family;
      const auto it = index.find(key);
      if (it == index.end()) continue;
      for (const HistoryEntry& h : it->second) {
        visit(h.supplier, c.weight * CodeSimilarity(c.code, h.code) * h.count);
      }
    }
  }

  // The plain number of past bids or awards in the query's families, for the explanation.
  int HistoryCount(const Query& q, std::uint32_t supplier) const {
    int count = 0;
    for (std::uint32_t key : q.family_keys) {
      const auto& index = key % 1'000'000 == 0 ? history_by_segment : history_by_family;
      if (const auto it = index.find(key); it != index.end()) {
        for (const HistoryEntry& h : it->second) {
          if (h.supplier == supplier) count += static_cast<int>(h.count);
        }
      }
    }
    return count;
  }

  // Raw features of one supplier except text and history, which need the per-query maximum.
  FeatureVector RawFeatures(const NoticeFacts& notice, const Query& q, std::size_t s) const {
    FeatureVector f{};
    const SupplierProfile& p = profiles[s];
    f[static_cast<int>(Feature::kCodes)] = HierarchySimilarity(q.visible, codes[s]);
    f[static_cast<int>(Feature::kPredictedCodes)] =
        WeightedHierarchySimilarity(q.predicted, codes[s]);
    f[static_cast<int>(Feature::kCountry)] = CountryEligible(notice, s) ? 1.0 : 0.0;
    f[static_cast<int>(Feature::kAgency)] =
        !q.agency.empty() &&
                std::find(agencies[s].begin(), agencies[s].end(), q.agency) != agencies[s].end()
            ? 1.0
            : 0.0;
    f[static_cast<int>(Feature::kTargeting)] =
        notice.targets_sme_or_women_owned && (p.sme || p.women_owned) ? 1.0 : 0.0;
    f[static_cast<int>(Feature::kDeadline)] = q.deadline_feasibility;
    return f;
  }

  bool CountryEligible(const NoticeFacts& notice, std::size_t s) const {
    if (notice.eligible_countries.empty()) return true;
    for (const std::string& c : notice.eligible_countries) {
      if (std::find(countries[s].begin(), countries[s].end(), Folded(c)) != countries[s].end()) {
        return true;
      }
    }
    return false;
  }

  // The generated candidates with raw text and history scores (dense by supplier), so that
  // both Candidates() and Features() normalise by the same maxima.
  struct Generated {
    std::vector<std::uint32_t> suppliers;  // sorted
    std::vector<double> text;              // by supplier
    std::vector<double> history;           // by supplier, log(1 + weighted count)
    std::vector<double> agency_history;    // by supplier, log(1 + awards with the agency)
    std::vector<double> code_history;      // by supplier, B.2b's level-weighted wins
    std::vector<double> agency_code;       // by supplier, log(1 + similar awards, same agency)
    double max_agency_code = 0;
    std::vector<double> similar_award;  // by supplier, best BM25 over its past award texts
    double max_similar_award = 0;
    double max_text = 0;
    double max_history = 0;
    double max_agency_history = 0;
    double max_code_history = 0;
  };

  Generated Generate(const Query& q) const {
    Generated g;
    const std::size_t n = profiles.size();
    g.text.assign(n, 0.0);
    g.history.assign(n, 0.0);
    g.agency_history.assign(n, 0.0);
    g.code_history.assign(n, 0.0);
    g.agency_code.assign(n, 0.0);
    g.similar_award.assign(n, 0.0);
    if (!q.award_terms.empty()) {
      std::vector<double> award_scores(award_bm25.document_count(), 0.0);
      std::vector<std::uint32_t> awards;
      award_bm25.Accumulate(q.award_terms, award_scores, awards);
      for (std::uint32_t d : awards) {
        double& best = g.similar_award[award_owner[d]];
        best = std::max(best, award_scores[d]);
      }
    }
    std::vector<char> seen(n, 0);
    const auto add = [&](std::uint32_t s) {
      if (!seen[s]) {
        seen[s] = 1;
        g.suppliers.push_back(s);
      }
    };
    std::vector<std::uint32_t> segments;
    for (UnspscCode c : q.visible) segments.push_back(SegmentKey(c));
    for (const WeightedCode& c : q.predicted) segments.push_back(SegmentKey(c.code));
    std::sort(segments.begin(), segments.end());
    segments.erase(std::unique(segments.begin(), segments.end()), segments.end());
    for (std::uint32_t segment : segments) {
      if (const auto it = by_segment.find(segment); it != by_segment.end()) {
        for (std::uint32_t s : it->second) add(s);
      }
    }
    std::vector<std::uint32_t> touched;
    bm25.Accumulate(q.terms, g.text, touched);
    for (std::uint32_t s : touched) add(s);
    // History lies in the segments above, so it adds no candidate; it only needs counting.
    ForEachHistory(q, [&](std::uint32_t s, double weighted) { g.history[s] += weighted; });
    // Prefix wins lie in the segments above too; a predicted code counts by its probability.
    for (const WeightedCode& c : q.history_codes) {
      for (int level = 1; level <= static_cast<int>(c.code.level()); ++level) {
        const auto it = wins_by_prefix.find(PrefixKey(c.code, level));
        if (it == wins_by_prefix.end()) continue;
        const double weight = c.weight * kLevelWeight[level - 1];
        for (const auto& [s, wins] : it->second) g.code_history[s] += weight * std::log1p(wins);
      }
    }
    if (const auto it = wins_by_agency.find(q.agency);
        !q.agency.empty() && it != wins_by_agency.end()) {
      for (const auto& [s, wins] : it->second) g.agency_history[s] = std::log1p(wins);
    }
    if (const auto it = history_by_agency.find(q.agency);
        !q.agency.empty() && it != history_by_agency.end()) {
      for (const HistoryEntry& h : it->second) {
        for (const WeightedCode& c : q.history_codes) {
          g.agency_code[h.supplier] += c.weight * CodeSimilarity(c.code, h.code) * h.count;
        }
      }
    }
    for (std::uint32_t s : g.suppliers) {
      g.history[s] = std::log1p(g.history[s]);
      g.max_text = std::max(g.max_text, g.text[s]);
      g.max_history = std::max(g.max_history, g.history[s]);
      g.max_agency_history = std::max(g.max_agency_history, g.agency_history[s]);
      g.max_code_history = std::max(g.max_code_history, g.code_history[s]);
      g.agency_code[s] = std::log1p(g.agency_code[s]);
      g.max_agency_code = std::max(g.max_agency_code, g.agency_code[s]);
      g.max_similar_award = std::max(g.max_similar_award, g.similar_award[s]);
    }
    std::sort(g.suppliers.begin(), g.suppliers.end());
    return g;
  }

  FeatureVector Normalised(const NoticeFacts& notice, const Query& q, const Generated& g,
                           std::size_t s) const {
    FeatureVector f = RawFeatures(notice, q, s);
    f[static_cast<int>(Feature::kText)] = g.max_text > 0 ? g.text[s] / g.max_text : 0;
    f[static_cast<int>(Feature::kHistory)] = g.max_history > 0 ? g.history[s] / g.max_history : 0;
    f[static_cast<int>(Feature::kAgencyHistory)] =
        g.max_agency_history > 0 ? g.agency_history[s] / g.max_agency_history : 0;
    f[static_cast<int>(Feature::kCodeHistory)] =
        g.max_code_history > 0 ? g.code_history[s] / g.max_code_history : 0;
    f[static_cast<int>(Feature::kAgencyCodeHistory)] =
        g.max_agency_code > 0 ? g.agency_code[s] / g.max_agency_code : 0;
    f[static_cast<int>(Feature::kSimilarAward)] =
        g.max_similar_award > 0 ? g.similar_award[s] / g.max_similar_award : 0;
    return f;
  }
};

SupplierMatcher::SupplierMatcher(std::vector<SupplierProfile> suppliers, RankerWeights weights)
    : impl_(std::make_unique<Impl>(std::move(suppliers), weights)) {}
SupplierMatcher::~SupplierMatcher() = default;
SupplierMatcher::SupplierMatcher(SupplierMatcher&&) noexcept = default;
SupplierMatcher& SupplierMatcher::operator=(SupplierMatcher&&) noexcept = default;

std::size_t SupplierMatcher::size() const { return impl_->profiles.size(); }
const SupplierProfile& SupplierMatcher::profile(std::size_t supplier) const {
  return impl_->profiles.at(supplier);
}
const RankerWeights& SupplierMatcher::weights() const { return impl_->weights; }

HardFilter SupplierMatcher::Filter(const NoticeFacts& notice, std::size_t supplier,
                                   Timestamp now) const {
  const SupplierProfile& p = impl_->profiles.at(supplier);
  if (notice.deadline && *notice.deadline <= now) return HardFilter::kDeadlinePassed;
  if (p.sanctioned) return HardFilter::kSanctioned;
  if (!impl_->CountryEligible(notice, supplier)) return HardFilter::kCountryIneligible;
  if ((notice.reserved_for_sme && !p.sme) || (notice.reserved_for_women_owned && !p.women_owned)) {
    return HardFilter::kReservation;
  }
  return HardFilter::kNone;
}

FeatureVector SupplierMatcher::Features(const NoticeFacts& notice, std::size_t supplier,
                                        bool use_notice_codes, Timestamp now) const {
  const Impl::Query q = impl_->MakeQuery(notice, use_notice_codes, now);
  const Impl::Generated g = impl_->Generate(q);
  return impl_->Normalised(notice, q, g, supplier);
}

FeatureVector SupplierMatcher::Features(const NoticeFacts& notice, std::size_t supplier,
                                        bool use_notice_codes) const {
  const Impl::Query q = impl_->MakeQuery(notice, use_notice_codes, std::nullopt);
  const Impl::Generated g = impl_->Generate(q);
  return impl_->Normalised(notice, q, g, supplier);
}

std::vector<SupplierMatcher::Candidate> SupplierMatcher::Candidates(const NoticeFacts& notice,
                                                                    Timestamp now,
                                                                    bool use_notice_codes) const {
  const Impl::Query q = impl_->MakeQuery(notice, use_notice_codes, now);
  const Impl::Generated g = impl_->Generate(q);
  std::vector<Candidate> out;
  out.reserve(g.suppliers.size());
  for (std::uint32_t s : g.suppliers) {
    if (Filter(notice, s, now) != HardFilter::kNone) continue;
    out.push_back(
        {s, impl_->Normalised(notice, q, g, s), TasRuleMatches(q.tas_codes, impl_->codes[s])});
  }
  return out;
}

namespace {

// Competition ranks (1 + the number of strictly better values) of the positive values; 0
// for the others, which are not in the list.
std::vector<int> RanksOf(const std::vector<double>& values) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] > 0) order.push_back(i);
  }
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return values[a] > values[b]; });
  std::vector<int> ranks(values.size(), 0);
  for (std::size_t i = 0; i < order.size(); ++i) {
    const bool tied = i > 0 && values[order[i]] == values[order[i - 1]];
    ranks[order[i]] = tied ? ranks[order[i - 1]] : static_cast<int>(i) + 1;
  }
  return ranks;
}

double Feat(const SupplierMatcher::Candidate& c, Feature f) {
  return c.features[static_cast<int>(f)];
}

}  // namespace

std::vector<Recommendation> SupplierMatcher::RankCandidates(std::span<const Candidate> candidates,
                                                            const RankOptions& options) const {
  // The code signal of the baselines: the notice's codes when visible, else the predictions.
  const Feature code_feature =
      options.use_notice_codes ? Feature::kCodes : Feature::kPredictedCodes;
  std::vector<Recommendation> out;
  out.reserve(candidates.size());
  const auto emit = [&](const Candidate& c, double score) {
    out.push_back({c.supplier, impl_->profiles[c.supplier].id, score, c.features});
  };
  switch (options.scoring) {
    case Scoring::kLearned:
      for (const Candidate& c : candidates) {
        double score = 0;
        for (int i = 0; i < kFeatureCount; ++i) score += impl_->weights.weights[i] * c.features[i];
        if (score >= options.min_score && score > 0) emit(c, score);
      }
      break;
    case Scoring::kTextOnly:
      for (const Candidate& c : candidates) {
        if (Feat(c, Feature::kText) > 0) emit(c, Feat(c, Feature::kText));
      }
      break;
    case Scoring::kCodesOnly:
      for (const Candidate& c : candidates) {
        const double score = Feat(c, code_feature) + Feat(c, Feature::kHistory);
        if (score > 0) emit(c, score);
      }
      break;
    case Scoring::kTasRule:
      // Unranked by nature: ties broken by popularity (the supplier's history size).
      for (const Candidate& c : candidates) {
        if (c.tas) emit(c, static_cast<double>(impl_->profiles[c.supplier].history.size()));
      }
      break;
    case Scoring::kRrf: {
      std::vector<double> text, codes, history;
      for (const Candidate& c : candidates) {
        text.push_back(Feat(c, Feature::kText));
        codes.push_back(Feat(c, code_feature));
        history.push_back(Feat(c, Feature::kHistory));
      }
      const std::vector<int> ranks[] = {RanksOf(text), RanksOf(codes), RanksOf(history)};
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        double score = 0;
        for (const auto& r : ranks) {
          if (r[i] > 0) score += 1.0 / (kRrfK + r[i]);
        }
        if (score > 0) emit(candidates[i], score);
      }
      break;
    }
  }
  const auto better = [](const Recommendation& a, const Recommendation& b) {
    return a.score != b.score ? a.score > b.score : a.supplier < b.supplier;
  };
  const std::size_t keep =
      std::min(out.size(), static_cast<std::size_t>(std::max(0, options.limit)));
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                    better);
  out.resize(keep);
  return out;
}

std::vector<Recommendation> SupplierMatcher::Rank(const NoticeFacts& notice,
                                                  const RankOptions& options) const {
  const std::vector<Candidate> candidates =
      Candidates(notice, options.now, options.use_notice_codes);
  return RankCandidates(candidates, options);
}

Explanation SupplierMatcher::Explain(const NoticeFacts& notice, std::size_t supplier,
                                     bool use_notice_codes) const {
  const Impl::Query q = impl_->MakeQuery(notice, use_notice_codes, std::nullopt);
  const Impl::Generated g = impl_->Generate(q);
  const std::vector<UnspscCode>& supplier_codes = impl_->codes.at(supplier);
  Explanation e;
  const auto best_pair = [&](UnspscCode notice_code, bool predicted) {
    CodeReason reason{notice_code, notice_code, 0, predicted};
    for (UnspscCode b : supplier_codes) {
      const double sim = CodeSimilarity(notice_code, b);
      if (sim > reason.similarity) {
        reason.supplier_code = b;
        reason.similarity = sim;
      }
    }
    const bool already = std::any_of(e.codes.begin(), e.codes.end(), [&](const CodeReason& r) {
      return r.notice_code == notice_code;
    });
    if (reason.similarity > 0 && !already) e.codes.push_back(reason);
  };
  for (UnspscCode c : q.visible) best_pair(c, false);
  for (const WeightedCode& c : q.predicted) best_pair(c.code, true);
  std::stable_sort(e.codes.begin(), e.codes.end(), [](const CodeReason& a, const CodeReason& b) {
    return a.similarity > b.similarity;
  });
  if (e.codes.size() > 3) e.codes.erase(e.codes.begin() + 3, e.codes.end());
  for (const auto& [term, score] :
       impl_->bm25.TermContributions(q.terms, static_cast<std::uint32_t>(supplier))) {
    if (e.shared_terms.size() == 5) break;
    // Function words and procurement boilerplate score in a small corpus but explain nothing.
    if (IsExplanationStopWord(term)) continue;
    e.shared_terms.push_back(term);
  }
  e.country_eligible = impl_->CountryEligible(notice, supplier);
  const FeatureVector f = impl_->Normalised(notice, q, g, supplier);
  e.registered_with_agency = f[static_cast<int>(Feature::kAgency)] > 0;
  e.targeted = f[static_cast<int>(Feature::kTargeting)] > 0;
  e.history_in_family = impl_->HistoryCount(q, static_cast<std::uint32_t>(supplier));
  for (int i = 0; i < kFeatureCount; ++i) e.contributions[i] = impl_->weights.weights[i] * f[i];
  return e;
}

}  // namespace tb::matching
