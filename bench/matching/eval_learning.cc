#include "eval_learning.h"

#include <cmath>

namespace tb::bench {

using matching::Feature;
using matching::NoticeFacts;
using matching::RankerWeights;
using matching::SupplierMatcher;
using nlohmann::json;

std::vector<std::vector<LearningQuery>> LearningSets::Groups(const std::string& objective) const {
  std::vector<std::vector<LearningQuery>> groups = {award_full, award_text};
  if (objective == "mixed" || objective == "mixed_recall") groups.push_back(graded);
  if (objective == "mixed_recall") {
    groups.push_back(award_full);
    for (LearningQuery& q : groups.back()) q.cutoff = 100;
  }
  return groups;
}

LearningSets BuildLearningSets(const EvalData& data, const SupplierSet& suppliers,
                               const std::vector<Award>& validation,
                               const std::vector<NoticeFacts>& facts, int threads) {
  const SupplierMatcher winners_matcher(suppliers.profiles);
  const SupplierMatcher synthetic_matcher(data.synthetic);
  std::vector<std::vector<LearningQuery>> per_query(validation.size());
  ParallelFor(validation.size(), threads, [&](std::size_t i) {
    const Award& a = validation[i];
    if (const auto w = suppliers.index.find(a.supplier); w != suppliers.index.end()) {
      for (bool visible : {true, false}) {
        const auto candidates = winners_matcher.Candidates(facts[i], a.signed_at, visible);
        std::vector<float> gains;
        for (const auto& c : candidates) gains.push_back(c.supplier == w->second ? 1.0f : 0.0f);
        per_query[i].push_back(Prune(candidates, gains, 0, true));
      }
    } else {
      per_query[i].resize(2);
    }
    if (GradedQuery(a)) {
      const auto grades = data.GradesFor(a.code);
      const auto candidates = synthetic_matcher.Candidates(facts[i], a.signed_at, false);
      std::vector<float> gains;
      for (const auto& c : candidates) {
        const auto g = grades.find(c.supplier);
        gains.push_back(g == grades.end() ? 0.0f
                                          : static_cast<float>(std::pow(2.0, g->second) - 1));
      }
      per_query[i].push_back(Prune(candidates, gains, IdealDcg(grades), false));
    }
  });
  LearningSets sets;
  for (auto& q : per_query) {
    if (!q[0].features.empty() || !q[0].gains.empty()) sets.award_full.push_back(std::move(q[0]));
    if (!q[1].features.empty() || !q[1].gains.empty()) sets.award_text.push_back(std::move(q[1]));
    if (q.size() > 2 && q[2].ideal_dcg > 0) sets.graded.push_back(std::move(q[2]));
  }
  return sets;
}

Start StartOf(const std::vector<std::string>& left_out) {
  Start out;
  for (std::size_t k = 0; k < kTunedCount; ++k) {
    const std::string_view name = matching::FeatureName(static_cast<Feature>(kTunedFeatures[k]));
    out.fixed[k] = std::find(left_out.begin(), left_out.end(), name) != left_out.end();
    out.weights[k] = out.fixed[k] ? 0.0 : 1.0;
  }
  return out;
}

RankerWeights WithTuned(const TunedWeights& tuned) {
  RankerWeights w = RankerWeights::Learned();
  for (std::size_t k = 0; k < kTunedCount; ++k) w.weights[kTunedFeatures[k]] = tuned[k];
  return w;
}

// Coordinate ascent from equal weights over the tuned features not named in `left_out`
// (those weigh 0); objective "mixed" (award HR@10 in both regimes and graded nDCG@10) or
// "award" (award HR@10 in both regimes only).
AscentLearned LearnByAscent(const LearningSets& sets, const std::vector<std::string>& left_out,
                            const std::string& objective) {
  const Start start = StartOf(left_out);
  const AscentResult ascent =
      CoordinateAscent(sets.Groups(objective), 6, start.weights, start.fixed);
  return {WithTuned(ascent.weights), ascent};
}

PairwiseLearned LearnByPairwise(const LearningSets& sets, const std::vector<std::string>& left_out,
                                const std::string& objective, std::uint32_t seed,
                                double hard_share) {
  PairwiseOptions options;
  options.seed = seed;
  options.hard_share = hard_share;
  const PairwiseResult fit =
      PairwiseLogistic(sets.Groups(objective), options, StartOf(left_out).fixed);
  return {WithTuned(fit.weights), fit};
}

RankerWeights LearnWith(const std::string& learner, const LearningSets& sets,
                        const std::vector<std::string>& left_out, const std::string& objective,
                        std::uint32_t seed) {
  if (learner == "coordinate_ascent") return LearnByAscent(sets, left_out, objective).weights;
  return LearnByPairwise(sets, left_out, objective, seed,
                         learner == "pairwise_logistic_hard" ? kHardShare : 0.0)
      .weights;
}

std::string ChooseLearner(const LearningSets& sets, const std::vector<std::string>& left_out,
                          const std::string& objective, std::uint32_t seed) {
  const auto half = [](const std::vector<LearningQuery>& all, int part) {
    const std::size_t mid = all.size() / 2;
    return part == 0 ? std::vector<LearningQuery>(all.begin(), all.begin() + std::ptrdiff_t(mid))
                     : std::vector<LearningQuery>(all.begin() + std::ptrdiff_t(mid), all.end());
  };
  const auto mean_objective = [&](const LearningSets& s, const TunedWeights& w) {
    const auto groups = s.Groups(objective);
    double sum = 0;
    for (const auto& g : groups) sum += QueryObjective(g, w);
    return sum / static_cast<double>(groups.size());
  };
  const std::vector<std::string> learners = {"coordinate_ascent", "pairwise_logistic",
                                             "pairwise_logistic_hard"};
  std::vector<double> held_out_mean(learners.size(), 0);
  json folds = json::array();
  for (int fit_part = 0; fit_part < 2; ++fit_part) {
    LearningSets fit, held_out;
    fit.award_full = half(sets.award_full, fit_part);
    fit.award_text = half(sets.award_text, fit_part);
    fit.graded = half(sets.graded, fit_part);
    held_out.award_full = half(sets.award_full, 1 - fit_part);
    held_out.award_text = half(sets.award_text, 1 - fit_part);
    held_out.graded = half(sets.graded, 1 - fit_part);
    json fold = {{"fitted_on", fit_part == 0 ? "first half" : "second half"},
                 {"equal_weights", mean_objective(held_out, StartOf(left_out).weights)}};
    for (std::size_t l = 0; l < learners.size(); ++l) {
      const RankerWeights w = LearnWith(learners[l], fit, left_out, objective, seed);
      TunedWeights tuned{};
      for (std::size_t k = 0; k < kTunedCount; ++k) tuned[k] = w.weights[kTunedFeatures[k]];
      const double o = mean_objective(held_out, tuned);
      held_out_mean[l] += o / 2;
      fold[learners[l]] = o;
    }
    folds.push_back(fold);
  }
  std::size_t best = 0;
  for (std::size_t l = 1; l < learners.size(); ++l) {
    if (held_out_mean[l] > held_out_mean[best]) best = l;
  }
  json line = {{"kind", "learner_choice"}, {"folds", folds}, {"chosen", learners[best]}};
  for (std::size_t l = 0; l < learners.size(); ++l) line[learners[l]] = held_out_mean[l];
  Emit(line);
  return learners[best];
}

void ValidationReport(const EvalData& data, const std::vector<NoticeFacts>& facts,
                      const std::string& name, const RankerWeights& w, int threads) {
  const SupplierMatcher m(data.winners.profiles, w);
  const SupplierMatcher ms(data.synthetic, w);
  const std::vector<Award>& validation = data.split.validation;
  const std::size_t nv = validation.size();
  std::vector<std::array<double, 7>> row(nv, {-1, -1, -1, -1, -1, -1, -1});
  ParallelFor(nv, threads, [&](std::size_t i) {
    const Award& a = validation[i];
    if (const auto win = data.winners.index.find(a.supplier); win != data.winners.index.end()) {
      for (int regime = 0; regime < 2; ++regime) {
        const auto candidates = m.Candidates(facts[i], a.signed_at, regime == 0);
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
    if (GradedQuery(a)) {
      const auto grades = data.GradesFor(a.code);
      const double best = IdealDcg(grades);
      if (best <= 0) return;
      const auto recs =
          ms.RankCandidates(ms.Candidates(facts[i], a.signed_at, false),
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
}

}  // namespace tb::bench
