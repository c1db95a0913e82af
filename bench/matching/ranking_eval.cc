// Ranking evaluation (issue #5 items 2-3; ../shared/ALGORITHMS.md B.4, goals B-G3..B-G7) on
// AusTender: time split 70/10/20 by date signed with near-duplicates removed (B.4 steps
// 1-2); suppliers = the training period's winners; a code predictor trained on the training
// period only; ranker weights learned on the validation period by coordinate ascent; then on
// the test period, in one run: award prediction (HR@10, MRR@10, Recall@100, LTP@10) for
// popularity, the TAS rule, BM25, codes, RRF and the learned ranker in both regimes (full:
// notice codes visible; text-only: hidden, predicted codes used), alerts per notice (TAS
// against the learned ranker's cut chosen on validation), and graded text-only nDCG@10 over
// synthetic profiles (B.4 step 3). One JSON object per line on stdout; scripts/bench-ranking
// writes the docs from it.
//
//   ranking_eval [--data data] [--seed 1] [--threads 2] [--weights-out FILE]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "austender_awards.h"
#include "matching/classification_metrics.h"
#include "matching/code_predictor.h"
#include "matching/relevance.h"
#include "matching/training_corpus.h"
#include "ranking_metrics.h"

namespace tb::bench {
namespace {

using matching::Feature;
using matching::NoticeFacts;
using matching::RankerWeights;
using matching::Scoring;
using matching::SupplierMatcher;
using matching::SupplierProfile;
using nlohmann::json;

struct Args {
  std::string data = "data";
  std::uint32_t seed = 1;
  int threads = 2;
  std::string weights_out;
  std::string objective = "mixed";  // "mixed": HR@10 full, text-only, graded nDCG; "award"
  std::vector<std::string> fixed;   // tuned features held at weight 0 (ablations)
  bool validation_only = false;     // stop after learning (no test-period figures)
};

void Emit(const json& line) {
  std::printf("%s\n", line.dump().c_str());
  std::fflush(stdout);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <typename F>
void ParallelFor(std::size_t n, int threads, F body) {
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < std::max(1, threads); ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < n; i = next++) body(i);
    });
  }
  for (std::thread& t : pool) t.join();
}

// The notice as the ranker sees it: codes as published, the predictor's top families and
// classes with their path probabilities, no deadline (a contract notice is already signed).
NoticeFacts Facts(const Award& a, const matching::CodePredictor& predictor) {
  NoticeFacts n;
  n.text = a.text;
  n.agency = a.agency;
  n.codes = {a.code};
  const matching::Prediction p = predictor.Predict(a.text, {.top = 3});
  for (const auto& c : p.families) n.predicted_codes.push_back({c.code, c.probability});
  for (const auto& c : p.classes) n.predicted_codes.push_back({c.code, c.probability});
  return n;
}

// B.4 step 3: synthetic profiles from training-period code co-occurrence: each winner's codes
// within one family (at most 5, the most won first) form a profile; equal sets are merged and
// the profiles ordered by how many winners produced them (popularity), so ties broken by
// profile order are ties broken by popularity. Text = the codes' English titles.
std::vector<SupplierProfile> SyntheticProfiles(const std::vector<SupplierProfile>& winners,
                                               const std::map<UnspscCode, std::string>& titles) {
  std::map<std::vector<UnspscCode>, int> sets;
  for (const SupplierProfile& w : winners) {
    std::map<std::uint32_t, std::map<UnspscCode, int>> by_family;
    for (UnspscCode c : w.history) ++by_family[c.value() / 10'000][c];
    for (const auto& [family, counts] : by_family) {
      std::vector<std::pair<int, UnspscCode>> ranked;
      for (const auto& [code, n] : counts) ranked.push_back({-n, code});
      std::sort(ranked.begin(), ranked.end());
      std::vector<UnspscCode> codes;
      for (std::size_t i = 0; i < ranked.size() && i < 5; ++i) codes.push_back(ranked[i].second);
      std::sort(codes.begin(), codes.end());
      ++sets[codes];
    }
  }
  std::vector<std::pair<int, std::vector<UnspscCode>>> ordered;
  for (const auto& [codes, n] : sets) ordered.push_back({-n, codes});
  std::sort(ordered.begin(), ordered.end());
  std::vector<SupplierProfile> out;
  for (const auto& [n, codes] : ordered) {
    SupplierProfile p;
    p.id = static_cast<std::int64_t>(out.size());
    p.codes = codes;
    p.countries = {"AU"};
    for (UnspscCode c : codes) {
      // A code missing from the tree borrows the title of its nearest listed ancestor.
      for (UnspscCode up = c;; up = up.Parent()) {
        if (const auto it = titles.find(up); it != titles.end()) {
          p.text += (p.text.empty() ? "" : " ") + it->second;
          break;
        }
        if (up.Parent() == up) break;
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

// B.4 step 3 grade: 3 same commodity, 2 same class, 1 same family, else 0 (best pair).
int Grade(UnspscCode notice, const std::vector<UnspscCode>& profile) {
  int best = 0;
  const int depth = static_cast<int>(notice.level());
  for (UnspscCode c : profile) {
    const int shared_depth = std::min(depth, static_cast<int>(c.level()));
    for (int level = shared_depth; level >= 2; --level) {
      const std::uint32_t unit = level == 4 ? 1 : level == 3 ? 100 : 10'000;
      if (notice.value() / unit == c.value() / unit) {
        best = std::max(best, level - 1);
        break;
      }
    }
  }
  return best;
}

// Per query and ranker: the winner's rank in the top 100 (0 when absent) and the top 10.
struct RankedOutcome {
  int winner_rank = 0;
  std::vector<std::size_t> top10;
};

RankedOutcome Outcome(const std::vector<matching::Recommendation>& recs, std::size_t winner) {
  RankedOutcome o;
  for (std::size_t i = 0; i < recs.size(); ++i) {
    if (recs[i].supplier == winner && o.winner_rank == 0) o.winner_rank = static_cast<int>(i) + 1;
    if (i < 10) o.top10.push_back(recs[i].supplier);
  }
  return o;
}

json Interval(const std::vector<double>& outcomes) {
  const auto ci = matching::BootstrapInterval(outcomes, 1000, 1);
  double mean = 0;
  for (double v : outcomes) mean += v;
  mean = outcomes.empty() ? 0 : mean / static_cast<double>(outcomes.size());
  return {{"mean", mean}, {"ci", {ci.first, ci.second}}};
}

double Learned(const RankerWeights& w, const matching::FeatureVector& f) {
  double s = 0;
  for (int i = 0; i < matching::kFeatureCount; ++i) s += w.weights[i] * f[i];
  return s;
}

const std::vector<std::pair<std::string, Scoring>> kRankers = {{"tas", Scoring::kTasRule},
                                                               {"bm25", Scoring::kTextOnly},
                                                               {"codes", Scoring::kCodesOnly},
                                                               {"rrf", Scoring::kRrf},
                                                               {"learned", Scoring::kLearned}};

// B.2b's own protocol on the same data, for comparison with its published figures: first
// 80 % by date signed to build the profiles, last 20 % to test, no near-duplicate removal, no
// validation gap; notice codes visible, no predicted codes (B.2b's rankers had none).
void ReplicateB2b(const std::vector<Award>& sorted, const RankerWeights& learned, int threads) {
  const std::size_t cut = sorted.size() * 8 / 10;
  const std::vector<Award> train(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(cut));
  std::vector<std::string> keys;
  std::vector<SupplierProfile> winners = ProfilesFromAwards(train, &keys);
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < keys.size(); ++i) index[keys[i]] = i;
  RankerWeights equal_weights = learned;
  for (int f : kTunedFeatures) equal_weights.weights[f] = 1.0;
  const SupplierMatcher matcher(winners, learned);
  const SupplierMatcher equal_matcher(std::move(winners), equal_weights);
  const std::vector<std::pair<std::string, Scoring>> rankers = {
      {"bm25", Scoring::kTextOnly},
      {"codes", Scoring::kCodesOnly},
      {"rrf", Scoring::kRrf},
      {"learned", Scoring::kLearned},
      {"equal_weights", Scoring::kLearned}};
  const std::size_t n = sorted.size() - cut;
  std::vector<std::vector<int>> ranks(rankers.size(), std::vector<int>(n, -1));
  ParallelFor(n, threads, [&](std::size_t i) {
    const Award& a = sorted[cut + i];
    const auto w = index.find(a.supplier);
    if (w == index.end()) return;
    NoticeFacts facts;
    facts.text = a.text;
    facts.agency = a.agency;
    facts.codes = {a.code};
    const auto candidates = matcher.Candidates(facts, a.signed_at, true);
    for (std::size_t r = 0; r < rankers.size(); ++r) {
      const SupplierMatcher& m = rankers[r].first == "equal_weights" ? equal_matcher : matcher;
      const RankedOutcome o =
          Outcome(m.RankCandidates(candidates,
                                   {.now = a.signed_at, .limit = 10, .scoring = rankers[r].second}),
                  w->second);
      ranks[r][i] = o.winner_rank;
    }
  });
  for (std::size_t r = 0; r < rankers.size(); ++r) {
    std::vector<double> hr10, mrr10;
    for (int rank : ranks[r]) {
      if (rank < 0) continue;
      hr10.push_back(rank >= 1 ? 1 : 0);
      mrr10.push_back(rank >= 1 ? 1.0 / rank : 0);
    }
    Emit({{"kind", "b2b"},
          {"ranker", rankers[r].first},
          {"queries", hr10.size()},
          {"train", cut},
          {"hr10", Interval(hr10)},
          {"mrr10", Interval(mrr10)}});
  }
}

int Run(const Args& args) {
  const auto started = std::chrono::steady_clock::now();
  auto loaded = LoadAwards(args.data);
  if (!loaded.ok()) {
    std::fprintf(stderr, "ranking_eval: %s\n", loaded.status().message().c_str());
    return 1;
  }
  const AwardSplit split = SplitAwards(*loaded, 0.7, 0.1);
  std::vector<std::string> keys;
  const std::vector<SupplierProfile> winners = ProfilesFromAwards(split.train, &keys);
  std::map<std::string, std::size_t> supplier_index;
  for (std::size_t i = 0; i < keys.size(); ++i) supplier_index[keys[i]] = i;
  // Popularity and the long tail: the head is the most-winning suppliers holding 20 % of the
  // training awards (LTP@10 = share of the top 10 outside it).
  std::vector<std::size_t> by_wins(winners.size());
  for (std::size_t i = 0; i < by_wins.size(); ++i) by_wins[i] = i;
  std::stable_sort(by_wins.begin(), by_wins.end(), [&](std::size_t a, std::size_t b) {
    return winners[a].history.size() > winners[b].history.size();
  });
  std::vector<char> head(winners.size(), 0);
  for (std::size_t i = 0, held = 0; i < by_wins.size() && held * 5 < split.train.size(); ++i) {
    head[by_wins[i]] = 1;
    held += winners[by_wins[i]].history.size();
  }
  const std::vector<std::size_t> popular(by_wins.begin(), by_wins.begin() + 100);

  // The code predictor of the text-only regime, trained on the training period only.
  auto t0 = std::chrono::steady_clock::now();
  std::vector<matching::LabelledText> examples;
  for (const Award& a : split.train) examples.push_back({a.text, a.code});
  matching::TrainOptions train_options;
  train_options.seed = args.seed;
  auto predictor = matching::CodePredictor::Train(examples, train_options);
  if (!predictor.ok()) {
    std::fprintf(stderr, "ranking_eval: %s\n", predictor.status().message().c_str());
    return 1;
  }
  const double predictor_seconds = SecondsSince(t0);
  auto titles = matching::LoadCodeTitles(args.data);
  if (!titles.ok()) {
    std::fprintf(stderr, "ranking_eval: %s\n", titles.status().message().c_str());
    return 1;
  }
  const std::vector<SupplierProfile> synthetic = SyntheticProfiles(winners, titles->english);
  Emit({{"kind", "split"},
        {"train", split.train.size()},
        {"validation", split.validation.size()},
        {"test", split.test.size()},
        {"dropped_within", split.dropped_within},
        {"dropped_across", split.dropped_across},
        {"validation_from", split.validation.front().signed_at.ToRfc3339()},
        {"test_from", split.test.front().signed_at.ToRfc3339()},
        {"suppliers", winners.size()},
        {"head_suppliers", std::count(head.begin(), head.end(), 1)},
        {"synthetic_profiles", synthetic.size()},
        {"predictor_seconds", predictor_seconds}});

  // Grades of every synthetic profile for a notice code, through a family index.
  std::map<std::uint32_t, std::vector<std::size_t>> synthetic_by_family;
  for (std::size_t i = 0; i < synthetic.size(); ++i) {
    std::set<std::uint32_t> families;
    for (UnspscCode c : synthetic[i].codes) families.insert(c.value() / 10'000);
    for (std::uint32_t f : families) synthetic_by_family[f].push_back(i);
  }
  const auto grades_for = [&](UnspscCode code) {
    std::map<std::size_t, int> grades;
    if (const auto it = synthetic_by_family.find(code.value() / 10'000);
        code.level() != UnspscCode::Level::kSegment && it != synthetic_by_family.end()) {
      for (std::size_t p : it->second) {
        if (int g = Grade(code, synthetic[p].codes); g > 0) grades[p] = g;
      }
    }
    return grades;
  };
  const auto ideal = [](const std::map<std::size_t, int>& grades) {
    std::vector<double> gains;
    for (const auto& [p, g] : grades) gains.push_back(std::pow(2.0, g) - 1);
    std::sort(gains.rbegin(), gains.rend());
    return Dcg10(gains);
  };
  const auto graded_query = [](const Award& a) {
    return a.code.level() == UnspscCode::Level::kClass ||
           a.code.level() == UnspscCode::Level::kCommodity;
  };

  // ---- Learning on the validation period.
  t0 = std::chrono::steady_clock::now();
  const SupplierMatcher winners_matcher(winners);
  const SupplierMatcher synthetic_matcher(synthetic);
  std::vector<Award> validation;
  for (const Award& a : split.validation) {
    if (supplier_index.contains(a.supplier)) validation.push_back(a);
  }
  std::vector<NoticeFacts> validation_facts(split.validation.size());
  ParallelFor(split.validation.size(), args.threads,
              [&](std::size_t i) { validation_facts[i] = Facts(split.validation[i], *predictor); });
  std::vector<LearningQuery> award_full, award_text, graded;
  std::vector<std::vector<LearningQuery>> per_query(split.validation.size());
  ParallelFor(split.validation.size(), args.threads, [&](std::size_t i) {
    const Award& a = split.validation[i];
    const NoticeFacts& facts = validation_facts[i];
    if (const auto w = supplier_index.find(a.supplier); w != supplier_index.end()) {
      for (bool visible : {true, false}) {
        const auto candidates = winners_matcher.Candidates(facts, a.signed_at, visible);
        std::vector<float> gains;
        for (const auto& c : candidates) gains.push_back(c.supplier == w->second ? 1.0f : 0.0f);
        per_query[i].push_back(Prune(candidates, gains, 0, true));
      }
    } else {
      per_query[i].resize(2);
    }
    if (graded_query(a)) {
      const auto grades = grades_for(a.code);
      const auto candidates = synthetic_matcher.Candidates(facts, a.signed_at, false);
      std::vector<float> gains;
      for (const auto& c : candidates) {
        const auto g = grades.find(c.supplier);
        gains.push_back(g == grades.end() ? 0.0f
                                          : static_cast<float>(std::pow(2.0, g->second) - 1));
      }
      per_query[i].push_back(Prune(candidates, gains, ideal(grades), false));
    }
  });
  for (auto& q : per_query) {
    if (!q[0].features.empty() || !q[0].gains.empty()) award_full.push_back(std::move(q[0]));
    if (!q[1].features.empty() || !q[1].gains.empty()) award_text.push_back(std::move(q[1]));
    if (q.size() > 2 && q[2].ideal_dcg > 0) graded.push_back(std::move(q[2]));
  }
  // Coordinate ascent from equal weights over the tuned features not named in `left_out`
  // (those weigh 0); objective "mixed" (award HR@10 in both regimes and graded nDCG@10) or
  // "award" (award HR@10 in both regimes only).
  const auto start_of = [](const std::vector<std::string>& left_out) {
    std::pair<TunedWeights, std::array<bool, kTunedCount>> out{};
    for (std::size_t k = 0; k < kTunedCount; ++k) {
      const std::string_view name = matching::FeatureName(static_cast<Feature>(kTunedFeatures[k]));
      out.second[k] = std::find(left_out.begin(), left_out.end(), name) != left_out.end();
      out.first[k] = out.second[k] ? 0.0 : 1.0;
    }
    return out;
  };
  const auto learn = [&](const std::vector<std::string>& left_out, const std::string& objective) {
    const auto [start, fixed] = start_of(left_out);
    std::vector<std::vector<LearningQuery>> groups = {award_full, award_text};
    if (objective == "mixed") groups.push_back(graded);
    const AscentResult ascent = CoordinateAscent(groups, 6, start, fixed);
    RankerWeights w = RankerWeights::Learned();
    for (std::size_t k = 0; k < kTunedCount; ++k) w.weights[kTunedFeatures[k]] = ascent.weights[k];
    return std::pair{w, ascent};
  };
  const auto [learned, ascent] = learn(args.fixed, args.objective);
  const TunedWeights equal = start_of(args.fixed).first;
  json weights_json = json::parse(learned.ToJson());
  Emit({{"kind", "weights"},
        {"weights", weights_json["weights"]},
        {"same_as_shipped", learned.weights == RankerWeights::Learned().weights},
        {"objective", "mean of validation HR@10 (full), HR@10 (text-only), graded nDCG@10"},
        {"validation_objective", ascent.objective},
        {"validation_equal_weights",
         {QueryObjective(award_full, equal), QueryObjective(award_text, equal),
          QueryObjective(graded, equal)}},
        {"validation_learned",
         {QueryObjective(award_full, ascent.weights), QueryObjective(award_text, ascent.weights),
          QueryObjective(graded, ascent.weights)}},
        {"validation_queries", {award_full.size(), award_text.size(), graded.size()}},
        {"passes", ascent.passes},
        {"seconds", SecondsSince(t0)}});
  if (!args.weights_out.empty()) {
    json file = json::parse(learned.ToJson());
    file["note"] =
        "Learned by scripts/bench-ranking (ranking_eval: coordinate ascent on the AusTender "
        "validation period; objective: mean of HR@10 full, HR@10 text-only, graded nDCG@10). "
        "country, targeting and deadline are hand-set priors (constant in that data).";
    std::ofstream(args.weights_out) << file.dump(2) << "\n";
  }

  // The alert cut, on validation (full regime): the median notice gets at most 20 alerts.
  std::vector<double> twenty_first(split.validation.size(), -1);
  ParallelFor(split.validation.size(), args.threads, [&](std::size_t i) {
    std::vector<double> scores;
    for (const auto& c :
         winners_matcher.Candidates(validation_facts[i], split.validation[i].signed_at, true)) {
      if (const double s = Learned(learned, c.features); s > 0) scores.push_back(s);
    }
    std::sort(scores.rbegin(), scores.rend());
    twenty_first[i] = scores.size() > 20 ? scores[20] : 0;
  });
  const double cut = std::nextafter(Quantile(twenty_first, 0.5), 1e300);
  Emit({{"kind", "cut"}, {"min_score", cut}});

  // Validation figures on the whole candidate sets (not the pruned learning sets), for the
  // choices made while developing the ranker; the test period is never looked at for them.
  const auto validation_report = [&](const std::string& name, const RankerWeights& w) {
    const SupplierMatcher m(winners, w);
    const SupplierMatcher ms(synthetic, w);
    const std::size_t nv = split.validation.size();
    std::vector<std::array<double, 7>> row(nv, {-1, -1, -1, -1, -1, -1, -1});
    ParallelFor(nv, args.threads, [&](std::size_t i) {
      const Award& a = split.validation[i];
      if (const auto win = supplier_index.find(a.supplier); win != supplier_index.end()) {
        for (int regime = 0; regime < 2; ++regime) {
          const auto candidates = m.Candidates(validation_facts[i], a.signed_at, regime == 0);
          bool in = false;
          for (const auto& c : candidates) in = in || c.supplier == win->second;
          const RankedOutcome o = Outcome(
              m.RankCandidates(candidates,
                               {.now = a.signed_at, .limit = 100, .use_notice_codes = regime == 0}),
              win->second);
          row[i][regime * 3] = o.winner_rank;
          row[i][regime * 3 + 1] = in ? 1 : 0;
        }
      }
      if (graded_query(a)) {
        const auto grades = grades_for(a.code);
        const double best = ideal(grades);
        if (best <= 0) return;
        const auto recs =
            ms.RankCandidates(ms.Candidates(validation_facts[i], a.signed_at, false),
                              {.now = a.signed_at, .limit = 10, .use_notice_codes = false});
        std::vector<double> gains;
        for (const auto& rec : recs) {
          const auto g = grades.find(rec.supplier);
          gains.push_back(g == grades.end() ? 0 : std::pow(2.0, g->second) - 1);
        }
        row[i][6] = Dcg10(gains) / best;
      }
    });
    json out = {
        {"kind", "validation"}, {"ranker", name}, {"weights", json::parse(w.ToJson())["weights"]}};
    for (int regime = 0; regime < 2; ++regime) {
      double q = 0, hr = 0, mrr = 0, r100 = 0, cand = 0;
      for (const auto& r : row) {
        if (r[regime * 3] < 0) continue;
        ++q;
        const double rank = r[regime * 3];
        hr += rank >= 1 && rank <= 10 ? 1 : 0;
        mrr += rank >= 1 && rank <= 10 ? 1 / rank : 0;
        r100 += rank >= 1 ? 1 : 0;
        cand += r[regime * 3 + 1];
      }
      out[regime == 0 ? "full" : "text_only"] = {{"hr10", hr / q},
                                                 {"mrr10", mrr / q},
                                                 {"recall100", r100 / q},
                                                 {"candidate_recall", cand / q}};
    }
    double nd = 0, nq = 0;
    for (const auto& r : row) {
      if (r[6] >= 0) nd += r[6], ++nq;
    }
    out["graded_ndcg10"] = nq > 0 ? nd / nq : 0;
    Emit(out);
  };
  {
    // What was tried while developing the ranker, each learned and measured on validation
    // only: the features of the first ranker, then each group of history features added, an
    // award-only objective, and equal weights.
    const std::vector<std::string> first = {"agency_history", "code_history", "agency_code_history",
                                            "similar_award"};
    validation_report("first_features", learn(first, args.objective).first);
    validation_report("plus_agency_and_code_history",
                      learn({"agency_code_history", "similar_award"}, args.objective).first);
    validation_report("plus_agency_code_history", learn({"similar_award"}, args.objective).first);
    validation_report("learned", learned);
    validation_report("award_objective", learn(args.fixed, "award").first);
    RankerWeights equal_w = learned;
    for (std::size_t k = 0; k < kTunedCount; ++k) equal_w.weights[kTunedFeatures[k]] = equal[k];
    validation_report("equal_weights", equal_w);
  }
  if (args.validation_only) return 0;

  // ---- The test period.
  t0 = std::chrono::steady_clock::now();
  const SupplierMatcher test_matcher(winners, learned);
  const SupplierMatcher test_synthetic(synthetic, learned);
  const std::size_t n = split.test.size();
  std::vector<NoticeFacts> facts(n);
  ParallelFor(n, args.threads, [&](std::size_t i) { facts[i] = Facts(split.test[i], *predictor); });
  // outcomes[regime][ranker][query]; popularity is the same in both regimes.
  // B.2b's untuned linear ranker: every tuned feature weighted 1.
  RankerWeights equal_weights = learned;
  for (int f : kTunedFeatures) equal_weights.weights[f] = 1.0;
  const SupplierMatcher equal_matcher(winners, equal_weights);
  const std::vector<std::string> names = {"popularity", "tas",     "bm25",         "codes",
                                          "rrf",        "learned", "equal_weights"};
  std::vector<std::vector<std::vector<RankedOutcome>>> outcomes(
      2, std::vector<std::vector<RankedOutcome>>(names.size(), std::vector<RankedOutcome>(n)));
  std::vector<char> is_award(n, 0);
  std::vector<double> tas_alerts(n, -1), tas_hit(n, 0), cut_alerts(n, -1), cut_hit(n, 0),
      cut_hit10(n, 0), cap_alerts(n, -1), cap_hit(n, 0);
  std::vector<std::vector<double>> ndcg(names.size(), std::vector<double>(n, -1));
  ParallelFor(n, args.threads, [&](std::size_t i) {
    const Award& a = split.test[i];
    // Alerts per notice (full regime), over every test notice, winner known or not.
    const auto visible_candidates = test_matcher.Candidates(facts[i], a.signed_at, true);
    tas_alerts[i] = cut_alerts[i] = 0;
    for (const auto& c : visible_candidates) {
      tas_alerts[i] += c.tas ? 1 : 0;
      const double s = Learned(learned, c.features);
      cut_alerts[i] += s >= cut && s > 0 ? 1 : 0;
    }
    cap_alerts[i] = std::min(cut_alerts[i], 20.0);
    if (const auto w = supplier_index.find(a.supplier); w != supplier_index.end()) {
      is_award[i] = 1;
      for (int regime = 0; regime < 2; ++regime) {
        const bool visible = regime == 0;
        const auto candidates =
            visible ? visible_candidates : test_matcher.Candidates(facts[i], a.signed_at, false);
        std::vector<matching::Recommendation> pop;
        for (std::size_t p : popular) pop.push_back({p, 0, 0, {}});
        outcomes[regime][0][i] = Outcome(pop, w->second);
        for (std::size_t r = 0; r < kRankers.size(); ++r) {
          const auto recs =
              test_matcher.RankCandidates(candidates, {.now = a.signed_at,
                                                       .limit = 100,
                                                       .use_notice_codes = visible,
                                                       .scoring = kRankers[r].second});
          outcomes[regime][r + 1][i] = Outcome(recs, w->second);
        }
        outcomes[regime][names.size() - 1][i] = Outcome(
            equal_matcher.RankCandidates(
                candidates, {.now = a.signed_at, .limit = 100, .use_notice_codes = visible}),
            w->second);
        if (!visible) continue;
        double winner_score = -1;
        int ahead = 0;
        for (const auto& c : candidates) {
          if (c.tas && c.supplier == w->second) tas_hit[i] = 1;
          if (c.supplier == w->second) winner_score = Learned(learned, c.features);
        }
        for (const auto& c : candidates) {
          const double s = Learned(learned, c.features);
          ahead += (s > winner_score || (s == winner_score && c.supplier < w->second)) ? 1 : 0;
        }
        cut_hit[i] = winner_score >= cut && winner_score > 0 ? 1 : 0;
        cut_hit10[i] = cut_hit[i] > 0 && ahead < 10 ? 1 : 0;
        cap_hit[i] = cut_hit[i] > 0 && ahead < 20 ? 1 : 0;
      }
    }
    if (graded_query(a)) {
      const auto grades = grades_for(a.code);
      const double best = ideal(grades);
      if (best <= 0) return;
      const auto candidates = test_synthetic.Candidates(facts[i], a.signed_at, false);
      for (std::size_t r = 0; r < kRankers.size(); ++r) {
        const auto recs =
            test_synthetic.RankCandidates(candidates, {.now = a.signed_at,
                                                       .limit = 10,
                                                       .use_notice_codes = false,
                                                       .scoring = kRankers[r].second});
        std::vector<double> gains;
        for (const auto& rec : recs) {
          const auto g = grades.find(rec.supplier);
          gains.push_back(g == grades.end() ? 0 : std::pow(2.0, g->second) - 1);
        }
        ndcg[r + 1][i] = Dcg10(gains) / best;
      }
    }
  });
  for (int regime = 0; regime < 2; ++regime) {
    for (std::size_t r = 0; r < names.size(); ++r) {
      std::vector<double> hr10, mrr10, recall100, ltp10;
      for (std::size_t i = 0; i < n; ++i) {
        if (!is_award[i]) continue;
        const RankedOutcome& o = outcomes[regime][r][i];
        hr10.push_back(o.winner_rank >= 1 && o.winner_rank <= 10 ? 1 : 0);
        mrr10.push_back(o.winner_rank >= 1 && o.winner_rank <= 10 ? 1.0 / o.winner_rank : 0);
        recall100.push_back(o.winner_rank >= 1 ? 1 : 0);
        if (!o.top10.empty()) {
          double tail = 0;
          for (std::size_t s : o.top10) tail += head[s] ? 0 : 1;
          ltp10.push_back(tail / static_cast<double>(o.top10.size()));
        }
      }
      Emit({{"kind", "award"},
            {"regime", regime == 0 ? "full" : "text_only"},
            {"ranker", names[r]},
            {"queries", hr10.size()},
            {"hr10", Interval(hr10)},
            {"mrr10", Interval(mrr10)},
            {"recall100", Interval(recall100)},
            {"ltp10", Interval(ltp10)}});
    }
  }
  const auto present = [](const std::vector<double>& v) {
    std::vector<double> out;
    for (double x : v) {
      if (x >= 0) out.push_back(x);
    }
    return out;
  };
  for (const auto& [name, alerts, hits] :
       {std::tuple<std::string, const std::vector<double>*, const std::vector<double>*>{
            "tas", &tas_alerts, &tas_hit},
        {"learned_cut", &cut_alerts, &cut_hit},
        {"learned_cut_top20", &cap_alerts, &cap_hit}}) {
    std::vector<double> hit;
    for (std::size_t i = 0; i < n; ++i) {
      if (is_award[i]) hit.push_back((*hits)[i]);
    }
    const std::vector<double> a = present(*alerts);
    double mean = 0;
    for (double x : a) mean += x;
    Emit({{"kind", "alerts"},
          {"ranker", name},
          {"median", Quantile(a, 0.5)},
          {"mean", a.empty() ? 0 : mean / static_cast<double>(a.size())},
          {"p90", Quantile(a, 0.9)},
          {"recall", Interval(hit)}});
  }
  {
    std::vector<double> hit10;
    for (std::size_t i = 0; i < n; ++i) {
      if (is_award[i]) hit10.push_back(cut_hit10[i]);
    }
    Emit({{"kind", "alerts_hr10"}, {"ranker", "learned_cut"}, {"hr10", Interval(hit10)}});
  }
  for (std::size_t r = 1; r < names.size() - 1; ++r) {
    const std::vector<double> v = present(ndcg[r]);
    Emit(
        {{"kind", "graded"}, {"ranker", names[r]}, {"queries", v.size()}, {"ndcg10", Interval(v)}});
  }
  ReplicateB2b(*loaded, learned, args.threads);
  Emit({{"kind", "timing"},
        {"test_seconds", SecondsSince(t0)},
        {"total_seconds", SecondsSince(started)},
        {"threads", args.threads}});
  return 0;
}

}  // namespace
}  // namespace tb::bench

int main(int argc, char** argv) {
  tb::bench::Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "ranking_eval: %s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--data")
      args.data = value();
    else if (arg == "--seed")
      args.seed = static_cast<std::uint32_t>(std::stoul(value()));
    else if (arg == "--threads")
      args.threads = std::stoi(value());
    else if (arg == "--weights-out")
      args.weights_out = value();
    else if (arg == "--objective")
      args.objective = value();
    else if (arg == "--fixed") {
      std::string list = value();
      for (std::size_t at = 0; at <= list.size();) {
        const std::size_t comma = std::min(list.find(',', at), list.size());
        if (comma > at) args.fixed.push_back(list.substr(at, comma - at));
        at = comma + 1;
      }
    } else if (arg == "--validation-only")
      args.validation_only = true;
    else {
      std::fprintf(stderr,
                   "usage: ranking_eval [--data DIR] [--seed N] [--threads N] "
                   "[--weights-out FILE]\n");
      return 2;
    }
  }
  return tb::bench::Run(args);
}
