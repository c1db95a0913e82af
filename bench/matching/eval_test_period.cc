#include "eval_test_period.h"

#include <cmath>
#include <tuple>

#include "ranking_metrics.h"

namespace tb::bench {

using matching::NoticeFacts;
using matching::RankerWeights;
using matching::Scoring;
using matching::SupplierMatcher;
using nlohmann::json;

namespace {

// Per-query HR@10, MRR@10 and Recall@100 from the winner's rank.
struct AwardMetrics {
  std::vector<double> hr10, mrr10, recall100, ltp10;
};
AwardMetrics Metrics(const std::vector<RankedOutcome>& outcomes, const std::vector<char>& is_award,
                     const std::vector<char>& head) {
  AwardMetrics m;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!is_award[i]) continue;
    const RankedOutcome& o = outcomes[i];
    m.hr10.push_back(o.winner_rank >= 1 && o.winner_rank <= 10 ? 1 : 0);
    m.mrr10.push_back(o.winner_rank >= 1 && o.winner_rank <= 10 ? 1.0 / o.winner_rank : 0);
    m.recall100.push_back(o.winner_rank >= 1 ? 1 : 0);
    if (!o.top10.empty()) {
      double tail = 0;
      for (std::size_t s : o.top10) tail += head[s] ? 0 : 1;
      m.ltp10.push_back(tail / static_cast<double>(o.top10.size()));
    }
  }
  return m;
}

std::vector<double> Present(const std::vector<double>& v) {
  std::vector<double> out;
  for (double x : v) {
    if (x >= 0) out.push_back(x);
  }
  return out;
}

}  // namespace

void TestPeriod(const EvalData& data, const RankerWeights& learned, double cut,
                const EvalArgs& args) {
  const int threads = args.threads;
  const std::vector<Award>& test = data.split.test;
  const auto& supplier_index = data.winners.index;
  const SupplierMatcher test_matcher(data.winners.profiles, learned);
  const SupplierMatcher test_synthetic(data.synthetic, learned);
  const std::size_t n = test.size();
  std::vector<NoticeFacts> facts(n);
  ParallelFor(n, threads, [&](std::size_t i) { facts[i] = Facts(test[i], *data.predictor); });
  // outcomes[regime][ranker][query]; popularity is the same in both regimes.
  // B.2b's untuned linear ranker: every tuned feature weighted 1.
  RankerWeights equal_weights = learned;
  for (int f : kTunedFeatures) equal_weights.weights[f] = 1.0;
  const SupplierMatcher equal_matcher(data.winners.profiles, equal_weights);
  const std::vector<std::string> names = {"popularity", "tas",     "bm25",         "codes",
                                          "rrf",        "learned", "equal_weights"};
  std::vector<std::vector<std::vector<RankedOutcome>>> outcomes(
      2, std::vector<std::vector<RankedOutcome>>(names.size(), std::vector<RankedOutcome>(n)));
  std::vector<char> is_award(n, 0);
  std::vector<double> tas_alerts(n, -1), tas_hit(n, 0), cut_alerts(n, -1), cut_hit(n, 0),
      cut_hit10(n, 0), cap_alerts(n, -1), cap_hit(n, 0);
  std::vector<std::vector<double>> ndcg(names.size(), std::vector<double>(n, -1));
  ParallelFor(n, threads, [&](std::size_t i) {
    const Award& a = test[i];
    // Alerts per notice (full regime), over every test notice, winner known or not.
    const auto visible_candidates = test_matcher.Candidates(facts[i], a.signed_at, true);
    tas_alerts[i] = cut_alerts[i] = 0;
    for (const auto& c : visible_candidates) {
      tas_alerts[i] += c.tas ? 1 : 0;
      const double s = LinearScore(learned, c.features);
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
        for (std::size_t p : data.popular) pop.push_back({p, 0, 0, {}});
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
          if (c.supplier == w->second) winner_score = LinearScore(learned, c.features);
        }
        for (const auto& c : candidates) {
          const double s = LinearScore(learned, c.features);
          ahead += (s > winner_score || (s == winner_score && c.supplier < w->second)) ? 1 : 0;
        }
        cut_hit[i] = winner_score >= cut && winner_score > 0 ? 1 : 0;
        cut_hit10[i] = cut_hit[i] > 0 && ahead < 10 ? 1 : 0;
        cap_hit[i] = cut_hit[i] > 0 && ahead < 20 ? 1 : 0;
      }
    }
    if (GradedQuery(a)) {
      const auto grades = data.GradesFor(a.code);
      const double best = IdealDcg(grades);
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
  std::vector<std::vector<AwardMetrics>> metrics(2);
  for (int regime = 0; regime < 2; ++regime) {
    for (std::size_t r = 0; r < names.size(); ++r) {
      metrics[regime].push_back(Metrics(outcomes[regime][r], is_award, data.head));
      const AwardMetrics& m = metrics[regime].back();
      Emit({{"kind", "award"},
            {"regime", regime == 0 ? "full" : "text_only"},
            {"ranker", names[r]},
            {"queries", m.hr10.size()},
            {"hr10", Interval(m.hr10)},
            {"mrr10", Interval(m.mrr10)},
            {"recall100", Interval(m.recall100)},
            {"ltp10", Interval(m.ltp10)}});
    }
  }
  for (const auto& [name, alerts, hits] :
       {std::tuple<std::string, const std::vector<double>*, const std::vector<double>*>{
            "tas", &tas_alerts, &tas_hit},
        {"learned_cut", &cut_alerts, &cut_hit},
        {"learned_cut_top20", &cap_alerts, &cap_hit}}) {
    std::vector<double> hit;
    for (std::size_t i = 0; i < n; ++i) {
      if (is_award[i]) hit.push_back((*hits)[i]);
    }
    const std::vector<double> a = Present(*alerts);
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
    const std::vector<double> v = Present(ndcg[r]);
    Emit(
        {{"kind", "graded"}, {"ranker", names[r]}, {"queries", v.size()}, {"ndcg10", Interval(v)}});
  }
  // B.4 step 6: the learned ranker against each baseline, paired over the same queries.
  const std::size_t learned_at = 5;
  for (int regime = 0; regime < 2; ++regime) {
    const AwardMetrics& l = metrics[regime][learned_at];
    for (std::size_t r = 0; r < names.size(); ++r) {
      if (r == learned_at) continue;
      const AwardMetrics& b = metrics[regime][r];
      Emit({{"kind", "significance"},
            {"regime", regime == 0 ? "full" : "text_only"},
            {"baseline", names[r]},
            {"permutations", args.permutations},
            {"hr10", PairedP(l.hr10, b.hr10, args.permutations)},
            {"mrr10", PairedP(l.mrr10, b.mrr10, args.permutations)},
            {"recall100", PairedP(l.recall100, b.recall100, args.permutations)}});
    }
  }
  const std::vector<double> learned_ndcg = Present(ndcg[learned_at]);
  for (std::size_t r = 1; r < learned_at; ++r) {
    Emit({{"kind", "significance"},
          {"regime", "graded"},
          {"baseline", names[r]},
          {"permutations", args.permutations},
          {"ndcg10", PairedP(learned_ndcg, Present(ndcg[r]), args.permutations)}});
  }
}

void ReplicateB2b(const std::vector<Award>& sorted, const RankerWeights& learned, int threads) {
  const std::size_t cut = sorted.size() * 8 / 10;
  const std::vector<Award> train(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(cut));
  SupplierSet winners = BuildSuppliers(train);
  RankerWeights equal_weights = learned;
  for (int f : kTunedFeatures) equal_weights.weights[f] = 1.0;
  const SupplierMatcher matcher(winners.profiles, learned);
  const SupplierMatcher equal_matcher(std::move(winners.profiles), equal_weights);
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
    const auto w = winners.index.find(a.supplier);
    if (w == winners.index.end()) return;
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

}  // namespace tb::bench
