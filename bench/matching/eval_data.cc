#include "eval_data.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "matching/training_corpus.h"
#include "ranking_metrics.h"

namespace tb::bench {
namespace {

using matching::SupplierProfile;

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

}  // namespace

SupplierSet BuildSuppliers(const std::vector<Award>& awards) {
  SupplierSet set;
  std::vector<std::string> keys;
  set.profiles = ProfilesFromAwards(awards, &keys);
  for (std::size_t i = 0; i < keys.size(); ++i) set.index[keys[i]] = i;
  return set;
}

matching::NoticeFacts Facts(const Award& a, const matching::CodePredictor& predictor) {
  matching::NoticeFacts n;
  n.text = a.text;
  n.agency = a.agency;
  n.codes = {a.code};
  const matching::Prediction p = predictor.Predict(a.text, {.top = 3});
  for (const auto& c : p.families) n.predicted_codes.push_back({c.code, c.probability});
  for (const auto& c : p.classes) n.predicted_codes.push_back({c.code, c.probability});
  return n;
}

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

double IdealDcg(const std::map<std::size_t, int>& grades) {
  std::vector<double> gains;
  for (const auto& [p, g] : grades) gains.push_back(std::pow(2.0, g) - 1);
  std::sort(gains.rbegin(), gains.rend());
  return Dcg10(gains);
}

bool GradedQuery(const Award& a) {
  return a.code.level() == UnspscCode::Level::kClass ||
         a.code.level() == UnspscCode::Level::kCommodity;
}

std::map<std::size_t, int> EvalData::GradesFor(UnspscCode code) const {
  std::map<std::size_t, int> grades;
  if (const auto it = synthetic_by_family.find(code.value() / 10'000);
      code.level() != UnspscCode::Level::kSegment && it != synthetic_by_family.end()) {
    for (std::size_t p : it->second) {
      if (int g = Grade(code, synthetic[p].codes); g > 0) grades[p] = g;
    }
  }
  return grades;
}

Result<EvalData> LoadEvalData(const EvalArgs& args) {
  auto loaded = LoadAwards(args.data);
  if (!loaded.ok()) return loaded.status();
  EvalData d;
  d.all = std::move(*loaded);
  d.split = SplitAwards(d.all, 0.7, 0.1);
  d.winners = BuildSuppliers(d.split.train);
  const auto& winners = d.winners.profiles;
  std::vector<std::size_t> by_wins(winners.size());
  for (std::size_t i = 0; i < by_wins.size(); ++i) by_wins[i] = i;
  std::stable_sort(by_wins.begin(), by_wins.end(), [&](std::size_t a, std::size_t b) {
    return winners[a].history.size() > winners[b].history.size();
  });
  d.head.assign(winners.size(), 0);
  for (std::size_t i = 0, held = 0; i < by_wins.size() && held * 5 < d.split.train.size(); ++i) {
    d.head[by_wins[i]] = 1;
    held += winners[by_wins[i]].history.size();
  }
  d.popular.assign(by_wins.begin(), by_wins.begin() + 100);

  // The code predictor of the text-only regime, trained on the training period only.
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<matching::LabelledText> examples;
  for (const Award& a : d.split.train) examples.push_back({a.text, a.code});
  matching::TrainOptions train_options;
  train_options.seed = args.seed;
  auto predictor = matching::CodePredictor::Train(examples, train_options);
  if (!predictor.ok()) return predictor.status();
  d.predictor = std::make_unique<matching::CodePredictor>(std::move(*predictor));
  d.predictor_seconds = SecondsSince(t0);
  auto titles = matching::LoadCodeTitles(args.data);
  if (!titles.ok()) return titles.status();
  d.synthetic = SyntheticProfiles(winners, titles->english);
  for (std::size_t i = 0; i < d.synthetic.size(); ++i) {
    std::set<std::uint32_t> families;
    for (UnspscCode c : d.synthetic[i].codes) families.insert(c.value() / 10'000);
    for (std::uint32_t f : families) d.synthetic_by_family[f].push_back(i);
  }
  return d;
}

}  // namespace tb::bench
