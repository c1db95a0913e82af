#include "eval_agency_fold.h"

#include <algorithm>

#include "eval_learning.h"
#include "ranking_metrics.h"

namespace tb::bench {

using matching::NoticeFacts;
using matching::RankerWeights;
using matching::SupplierMatcher;
using nlohmann::json;

namespace {

std::vector<Award> Without(const std::vector<Award>& awards, const std::string& agency) {
  std::vector<Award> out;
  for (const Award& a : awards) {
    if (a.agency != agency) out.push_back(a);
  }
  return out;
}

}  // namespace

void AgencyFolds(const EvalData& data, const EvalArgs& args, const std::string& learner) {
  std::map<std::string, std::size_t> test_notices;
  for (const Award& a : data.split.test) ++test_notices[a.agency];
  std::vector<std::pair<std::size_t, std::string>> largest;
  for (const auto& [agency, n] : test_notices) largest.push_back({n, agency});
  std::sort(largest.begin(), largest.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  largest.resize(
      std::min<std::size_t>(largest.size(), std::size_t(std::max(0, args.agency_folds))));
  for (const auto& [count, agency] : largest) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<Award> train = Without(data.split.train, agency);
    const std::vector<Award> validation = Without(data.split.validation, agency);
    const SupplierSet suppliers = BuildSuppliers(train);
    std::vector<matching::LabelledText> examples;
    for (const Award& a : train) examples.push_back({a.text, a.code});
    matching::TrainOptions train_options;
    train_options.seed = args.seed;
    auto predictor = matching::CodePredictor::Train(examples, train_options);
    if (!predictor.ok()) {
      std::fprintf(stderr, "ranking_eval: agency fold: %s\n", predictor.status().message().c_str());
      return;
    }
    std::vector<NoticeFacts> validation_facts(validation.size());
    ParallelFor(validation.size(), args.threads,
                [&](std::size_t i) { validation_facts[i] = Facts(validation[i], *predictor); });
    const LearningSets sets =
        BuildLearningSets(data, suppliers, validation, validation_facts, args.threads);
    const RankerWeights weights = LearnWith(learner, sets, args.fixed, args.objective, args.seed);
    std::vector<Award> queries;
    for (const Award& a : data.split.test) {
      if (a.agency == agency && suppliers.index.contains(a.supplier)) queries.push_back(a);
    }
    const SupplierMatcher matcher(suppliers.profiles, weights);
    // ranks[regime][ranker][query]
    std::vector<std::vector<std::vector<int>>> ranks(
        2, std::vector<std::vector<int>>(kRankers.size(), std::vector<int>(queries.size(), 0)));
    ParallelFor(queries.size(), args.threads, [&](std::size_t i) {
      const Award& a = queries[i];
      const NoticeFacts facts = Facts(a, *predictor);
      const std::size_t winner = suppliers.index.at(a.supplier);
      for (int regime = 0; regime < 2; ++regime) {
        const auto candidates = matcher.Candidates(facts, a.signed_at, regime == 0);
        for (std::size_t r = 0; r < kRankers.size(); ++r) {
          ranks[regime][r][i] =
              Outcome(matcher.RankCandidates(candidates, {.now = a.signed_at,
                                                          .limit = 100,
                                                          .use_notice_codes = regime == 0,
                                                          .scoring = kRankers[r].second}),
                      winner)
                  .winner_rank;
        }
      }
    });
    for (int regime = 0; regime < 2; ++regime) {
      const auto metric = [&](std::size_t r, int depth, bool reciprocal) {
        std::vector<double> v;
        for (int rank : ranks[regime][r]) {
          const bool hit = rank >= 1 && rank <= depth;
          v.push_back(hit ? (reciprocal ? 1.0 / rank : 1.0) : 0.0);
        }
        return v;
      };
      const std::size_t learned_at = kRankers.size() - 1;
      for (std::size_t r = 0; r < kRankers.size(); ++r) {
        json line = {{"kind", "agency_fold"},
                     {"agency", agency},
                     {"test_notices", count},
                     {"queries", queries.size()},
                     {"train_without", train.size()},
                     {"regime", regime == 0 ? "full" : "text_only"},
                     {"ranker", kRankers[r].first},
                     {"hr10", Interval(metric(r, 10, false))},
                     {"mrr10", Interval(metric(r, 10, true))},
                     {"recall100", Interval(metric(r, 100, false))},
                     {"seconds", SecondsSince(t0)}};
        if (r != learned_at) {
          line["p_hr10"] =
              PairedP(metric(learned_at, 10, false), metric(r, 10, false), args.permutations);
          line["p_mrr10"] =
              PairedP(metric(learned_at, 10, true), metric(r, 10, true), args.permutations);
        } else {
          line["weights"] = json::parse(weights.ToJson())["weights"];
        }
        Emit(line);
      }
    }
  }
}

}  // namespace tb::bench
