#include "fasttext_baseline.h"

#include <fasttext/fasttext.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "matching/text_features.h"

namespace tb::bench {
namespace {

// fastText splits on white space only: give it the same folded words as the predictor.
std::string Words(const std::string& text) {
  std::string out;
  for (const std::string& w : matching::MatchingWords(text)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace

struct FastTextClassifier::Impl {
  fasttext::FastText model;
};

FastTextClassifier::FastTextClassifier() : impl_(std::make_unique<Impl>()) {}
FastTextClassifier::~FastTextClassifier() = default;

bool FastTextClassifier::Train(const std::vector<std::string>& texts,
                               const std::vector<std::string>& labels, std::uint32_t seed,
                               int epochs) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("tb-fasttext-" + std::to_string(getpid()) + ".txt"))
                               .string();
  {
    std::ofstream out(path);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      out << "__label__" << labels[i] << ' ' << Words(texts[i]) << '\n';
    }
  }
  fasttext::Args args;
  args.input = path;
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.wordNgrams = 2;
  args.minn = 3;
  args.maxn = 5;
  args.minCount = 1;
  args.epoch = epochs;
  args.lr = 0.5;
  args.dim = 50;
  args.bucket = 500000;
  args.thread = 1;
  args.seed = static_cast<int>(seed);
  args.verbose = 0;
  bool ok = true;
  try {
    impl_->model.train(args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fasttext: %s\n", e.what());
    ok = false;
  }
  std::filesystem::remove(path);
  return ok;
}

std::vector<std::string> FastTextClassifier::Rank(const std::string& text, int k) const {
  std::istringstream in(Words(text) + "\n");
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  impl_->model.predictLine(in, predictions, k, 0.0);
  std::vector<std::string> out;
  for (const auto& [p, label] : predictions) out.push_back(label.substr(9));  // "__label__"
  return out;
}

}  // namespace tb::bench
