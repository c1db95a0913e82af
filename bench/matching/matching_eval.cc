// Code predictor evaluation (issue #5 items 1 and 3; ../shared/ALGORITHMS.md B.2b, B.4, B.5):
// the B.2b temporal split of AusTender (first 80 % by date signed to train, last 20 % to
// test) and the same split of SECOP, the code predictor against the re-implemented Naive
// Bayes baseline in the same run, then the shipped training plan (`tenderbridge train`) with
// its training time and classify latency. One JSON object per line on stdout;
// scripts/bench-matching turns them into docs/benchmarks-matching.md.
//
//   matching_eval [--data data] [--mode final|tune] [--c 8] [--min-df 2] [--char-weight 0.5]
//                 [--char-min 3] [--char-max 5] [--no-bigrams] [--titles] [--no-nb]
//                 [--sources austender,secop] [--shipped] [--seed 1] [--fasttext]
//                 [--fasttext-epochs 25]
// --mode tune trains on the oldest 70 % and scores the next 10 % (the validation period),
// for choosing options without looking at the test period.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fasttext_baseline.h"
#include "matching/classification_metrics.h"
#include "matching/evaluation.h"
#include "matching/training_corpus.h"
#include "matching/training_plan.h"
#include "naive_bayes.h"

namespace tb::bench {
namespace {

using matching::ClassificationReport;
using matching::LabelledNotice;
using nlohmann::json;

struct Args {
  std::string data = "data";
  std::string mode = "final";
  std::vector<std::string> sources = {"austender", "secop"};
  matching::TrainOptions train;
  bool titles = false;
  bool nb = true;
  bool shipped = false;
  bool fasttext = false;
  int fasttext_epochs = 25;
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

json Accuracy(const matching::TopKAccuracy& a) {
  const auto ci1 = matching::BootstrapInterval(a.top1_outcomes());
  const auto ci5 = matching::BootstrapInterval(a.topk_outcomes());
  return {{"n", a.count()},
          {"top1", a.top1()},
          {"top5", a.topk()},
          {"top1_ci", {ci1.first, ci1.second}},
          {"top5_ci", {ci5.first, ci5.second}}};
}

json Level(const matching::LevelReport& level) {
  return {{"all", Accuracy(level.all)},
          {"distinct_pairs", Accuracy(level.distinct_pairs)},
          {"given_depth", Accuracy(level.given_depth)}};
}

json ReportJson(const ClassificationReport& r) {
  return {{"notices", r.notices},
          {"segment", Level(r.segment)},
          {"family", Level(r.family)},
          {"class", Level(r.klass)},
          {"class_hf",
           {{"p", r.class_hf.precision()}, {"r", r.class_hf.recall()}, {"f", r.class_hf.f()}}},
          {"test_seconds", r.seconds}};
}

void Emit(const json& line) {
  std::printf("%s\n", line.dump().c_str());
  std::fflush(stdout);
}

json OptionsJson(const Args& args) {
  const auto& t = args.train;
  return {{"c", t.c},
          {"min_df", t.min_document_frequency},
          {"char_weight", t.features.char_weight},
          {"char", {t.features.char_min, t.features.char_max}},
          {"bigrams", t.features.word_bigrams},
          {"titles", args.titles},
          {"seed", t.seed}};
}

void EvaluateSource(const Args& args, const std::string& source,
                    const std::vector<LabelledNotice>& all, const matching::CodeTitles& titles) {
  std::vector<LabelledNotice> notices;
  for (const LabelledNotice& n : all) {
    if (n.source == source) notices.push_back(n);
  }
  const bool tune = args.mode == "tune";
  matching::TimeSplit split = tune ? matching::SplitByTime(notices, 0.7, 0.1, false)
                                   : matching::SplitByTime(notices, 0.8, 0.0, false);
  const std::vector<LabelledNotice>& train = split.train;
  const std::vector<LabelledNotice>& test = tune ? split.validation : split.test;
  const json base = {
      {"source", source},
      {"mode", args.mode},
      {"train", train.size()},
      {"test", test.size()},
      {"test_from", test.empty() || !test.front().time ? "" : test.front().time->ToRfc3339()}};

  if (args.nb) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::string> texts;
    std::vector<std::string> segment, family, klass;
    for (const LabelledNotice& n : train) {
      texts.push_back(n.text);
      segment.push_back(matching::LevelKey(n.codes.front(), 2));
      family.push_back(matching::LevelKey(n.codes.front(), 4));
      klass.push_back(matching::LevelKey(n.codes.front(), 6));
    }
    NaiveBayes nb_segment, nb_family, nb_class;
    nb_segment.Train(texts, segment);
    nb_family.Train(texts, family);
    nb_class.Train(texts, klass);
    const double train_seconds = SecondsSince(start);
    const ClassificationReport report =
        matching::EvaluateClassifier(test, [&](const std::string& text) {
          return matching::RankedKeys{nb_segment.Rank(text, 10), nb_family.Rank(text, 10),
                                      nb_class.Rank(text, 10)};
        });
    json line = base;
    line["model"] = "naive_bayes";
    line["train_seconds"] = train_seconds;
    line["report"] = ReportJson(report);
    Emit(line);
  }

  if (args.fasttext) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::string> texts;
    std::vector<std::string> segment, family, klass;
    for (const LabelledNotice& n : train) {
      texts.push_back(n.text);
      segment.push_back(matching::LevelKey(n.codes.front(), 2));
      family.push_back(matching::LevelKey(n.codes.front(), 4));
      klass.push_back(matching::LevelKey(n.codes.front(), 6));
    }
    FastTextClassifier ft_segment, ft_family, ft_class;
    const std::uint32_t seed = args.train.seed;
    const bool ok = ft_segment.Train(texts, segment, seed, args.fasttext_epochs) &&
                    ft_family.Train(texts, family, seed, args.fasttext_epochs) &&
                    ft_class.Train(texts, klass, seed, args.fasttext_epochs);
    const double train_seconds = SecondsSince(start);
    if (ok) {
      const ClassificationReport report =
          matching::EvaluateClassifier(test, [&](const std::string& text) {
            return matching::RankedKeys{ft_segment.Rank(text, 10), ft_family.Rank(text, 10),
                                        ft_class.Rank(text, 10)};
          });
      json line = base;
      line["model"] = "fasttext";
      line["options"] = {{"epochs", args.fasttext_epochs},
                         {"dim", 50},
                         {"word_ngrams", 2},
                         {"char", {3, 5}},
                         {"loss", "softmax"},
                         {"thread", 1}};
      line["train_seconds"] = train_seconds;
      line["report"] = ReportJson(report);
      Emit(line);
    }
  }

  std::vector<matching::LabelledText> examples = matching::ToExamples(train);
  if (args.titles) {
    examples.insert(examples.end(), titles.all_languages.begin(), titles.all_languages.end());
  }
  const auto start = std::chrono::steady_clock::now();
  Result<matching::CodePredictor> predictor = matching::CodePredictor::Train(examples, args.train);
  const double train_seconds = SecondsSince(start);
  if (!predictor.ok()) {
    std::fprintf(stderr, "matching_eval: %s\n", predictor.status().message().c_str());
    std::exit(1);
  }
  const ClassificationReport report =
      matching::EvaluateClassifier(test, matching::AsClassifier(*predictor));
  json line = base;
  line["model"] = "code_predictor";
  line["options"] = OptionsJson(args);
  line["train_seconds"] = train_seconds;
  line["examples"] = examples.size();
  line["features"] = predictor->feature_count();
  line["weights"] = predictor->weight_count();
  line["model_bytes"] = predictor->Serialize().size();
  line["report"] = ReportJson(report);
  Emit(line);
}

void EvaluateShipped(const Args& args) {
  matching::TrainingPlanOptions options;
  options.train = args.train;
  const auto start = std::chrono::steady_clock::now();
  Result<matching::TrainingRun> run = matching::TrainFromData(args.data, options);
  const double total_seconds = SecondsSince(start);
  if (!run.ok()) {
    std::fprintf(stderr, "matching_eval: %s\n", run.status().message().c_str());
    std::exit(1);
  }
  json line = {{"model", "shipped"},
               {"options", OptionsJson(args)},
               {"examples", run->examples},
               {"load_seconds", run->load_seconds},
               {"train_seconds", run->train_seconds},
               {"total_seconds", total_seconds},
               {"model_bytes", run->predictor.Serialize().size()}};
  for (const matching::SourceReport& s : run->sources) {
    line["sources"][s.source] = {{"train", s.train},
                                 {"validation", s.validation},
                                 {"test", s.test},
                                 {"validation_report", ReportJson(s.validation_report)},
                                 {"test_report", ReportJson(s.test_report)}};
  }
  // Classify latency: one text at a time, as `classify` and the alert projection call it.
  Result<std::vector<LabelledNotice>> notices = matching::LoadLabelledNotices(args.data);
  std::vector<double> micros;
  if (notices.ok()) {
    for (std::size_t i = 0; i < notices->size() && micros.size() < 2000; i += 7) {
      const auto t0 = std::chrono::steady_clock::now();
      const matching::Prediction p = run->predictor.Predict((*notices)[i].text);
      micros.push_back(SecondsSince(t0) * 1e6);
      if (p.segments.empty()) std::exit(3);  // keeps the call from being optimised away
    }
  }
  std::sort(micros.begin(), micros.end());
  if (!micros.empty()) {
    line["latency_us"] = {{"n", micros.size()},
                          {"p50", micros[micros.size() / 2]},
                          {"p95", micros[micros.size() * 95 / 100]},
                          {"max", micros.back()}};
  }
  const auto load_start = std::chrono::steady_clock::now();
  const std::string bytes = run->predictor.Serialize();
  Result<matching::CodePredictor> reloaded = matching::CodePredictor::Deserialize(bytes);
  line["model_load_seconds"] = SecondsSince(load_start);
  line["reload_ok"] = reloaded.ok();
  Emit(line);
}

Args Parse(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "matching_eval: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--data")
      args.data = value();
    else if (a == "--mode")
      args.mode = value();
    else if (a == "--c")
      args.train.c = std::stod(value());
    else if (a == "--min-df")
      args.train.min_document_frequency = std::stoi(value());
    else if (a == "--char-weight")
      args.train.features.char_weight = std::stod(value());
    else if (a == "--char-min")
      args.train.features.char_min = std::stoi(value());
    else if (a == "--char-max")
      args.train.features.char_max = std::stoi(value());
    else if (a == "--no-bigrams")
      args.train.features.word_bigrams = false;
    else if (a == "--titles")
      args.titles = true;
    else if (a == "--no-nb")
      args.nb = false;
    else if (a == "--shipped")
      args.shipped = true;
    else if (a == "--fasttext")
      args.fasttext = true;
    else if (a == "--fasttext-epochs")
      args.fasttext_epochs = std::stoi(value());
    else if (a == "--seed")
      args.train.seed = static_cast<std::uint32_t>(std::stoul(value()));
    else if (a == "--sources") {
      args.sources.clear();
      std::string list = value();
      for (std::size_t pos = 0; pos <= list.size();) {
        const std::size_t comma = std::min(list.find(',', pos), list.size());
        if (comma > pos) args.sources.push_back(list.substr(pos, comma - pos));
        pos = comma + 1;
      }
    } else {
      std::fprintf(stderr, "matching_eval: unknown argument %s\n", a.c_str());
      std::exit(2);
    }
  }
  return args;
}

}  // namespace
}  // namespace tb::bench

int main(int argc, char** argv) {
  using namespace tb;
  const bench::Args args = bench::Parse(argc, argv);
  Result<std::vector<matching::LabelledNotice>> notices = matching::LoadLabelledNotices(args.data);
  Result<matching::CodeTitles> titles = matching::LoadCodeTitles(args.data);
  if (!notices.ok() || !titles.ok()) {
    std::fprintf(stderr, "matching_eval: %s\n",
                 (!notices.ok() ? notices.status() : titles.status()).message().c_str());
    return 1;
  }
  for (const std::string& source : args.sources)
    bench::EvaluateSource(args, source, *notices, *titles);
  if (args.shipped) bench::EvaluateShipped(args);
  return 0;
}
