// The one place that talks to liblinear: one node's one-vs-rest logistic regression.
#include <linear.h>

#include <cstdlib>
#include <memory>

#include "matching/internal/predictor_model.h"

namespace tb::matching {
namespace {

void Quiet(const char*) {}

struct ModelDeleter {
  void operator()(model* m) const { free_and_destroy_model(&m); }
};

}  // namespace

NodeWeights TrainNodeWeights(const std::vector<SparseVector>& examples,
                             const std::vector<int>& labels, int child_count, int local_features,
                             const TrainOptions& options, std::uint32_t seed) {
  set_print_string_function(&Quiet);
  // liblinear wants 1-based indices, a bias node and a -1 terminator per row, in one array.
  std::vector<feature_node> pool;
  std::size_t total = 0;
  for (const SparseVector& x : examples) total += x.size() + 2;
  pool.reserve(total);
  std::vector<std::size_t> starts;
  const int bias_index = local_features + 1;
  for (const SparseVector& x : examples) {
    starts.push_back(pool.size());
    for (const auto& [index, value] : x) pool.push_back({index + 1, static_cast<double>(value)});
    pool.push_back({bias_index, 1.0});
    pool.push_back({-1, 0.0});
  }
  std::vector<feature_node*> rows;
  rows.reserve(examples.size());
  for (std::size_t start : starts) rows.push_back(pool.data() + start);
  std::vector<double> y(labels.begin(), labels.end());

  problem prob{};
  prob.l = static_cast<int>(examples.size());
  prob.n = bias_index;
  prob.y = y.data();
  prob.x = rows.data();
  prob.bias = 1.0;

  parameter param{};
  param.solver_type = L2R_LR_DUAL;
  param.eps = options.tolerance;
  param.C = options.c;
  param.nr_weight = 0;
  param.p = 0.1;

  std::srand(seed);
  std::unique_ptr<model, ModelDeleter> trained(train(&prob, &param));

  const int nr_w = trained->nr_class == 2 ? 1 : trained->nr_class;
  NodeWeights out;
  out.rows_width = child_count == 2 ? 1 : child_count;
  out.weights.assign(static_cast<std::size_t>(local_features) * out.rows_width, 0.0f);
  out.bias.assign(out.rows_width, 0.0f);
  if (nr_w == 1) {
    // liblinear's binary model scores its label[0]; ours scores child 0.
    const double sign = trained->label[0] == 0 ? 1.0 : -1.0;
    for (int f = 0; f < local_features; ++f) {
      out.weights[f] = static_cast<float>(sign * trained->w[f]);
    }
    out.bias[0] = static_cast<float>(sign * trained->w[local_features]);
    return out;
  }
  for (int k = 0; k < nr_w; ++k) {
    const int child = trained->label[k];
    for (int f = 0; f < local_features; ++f) {
      out.weights[static_cast<std::size_t>(f) * out.rows_width + child] =
          static_cast<float>(trained->w[static_cast<std::size_t>(f) * nr_w + k]);
    }
    out.bias[child] =
        static_cast<float>(trained->w[static_cast<std::size_t>(local_features) * nr_w + k]);
  }
  return out;
}

}  // namespace tb::matching
