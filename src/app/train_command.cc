// tenderbridge train: the UNSPSC code predictor from the labelled data in data/ (issue #5).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "app/commands.h"
#include "core/status.h"
#include "matching/training_plan.h"

namespace tb::app {
namespace {

struct TrainArgs {
  std::string data = "data";
  std::string out = "models/code-predictor.bin";
  std::uint32_t seed = 1;
  bool code_titles = false;
};

void PrintReport(const char* part, std::int64_t size, const matching::ClassificationReport& r) {
  std::printf(
      "  %-10s %6lld notices  segment top-1 %.3f top-5 %.3f  family top-1 %.3f top-5 %.3f"
      "  class hF %.3f\n",
      part, static_cast<long long>(size), r.segment.all.top1(), r.segment.all.topk(),
      r.family.all.top1(), r.family.all.topk(), r.class_hf.f());
}

}  // namespace

void AddTrainCommand(CLI::App& cli) {
  auto args = std::make_shared<TrainArgs>();
  CLI::App* cmd = cli.add_subcommand(
      "train", "Train the UNSPSC code predictor on the labelled notices in the data directory");
  cmd->add_option("--data", args->data, "Data directory (austender/, secop-colombia/, ...)");
  cmd->add_option("--out", args->out, "Model file to write");
  cmd->add_option("--seed", args->seed, "Seed: the same seed and data give the same model");
  cmd->add_flag("--code-titles", args->code_titles,
                "Also train on UNSPSC code titles in every language (slower, larger model)");
  cmd->callback([args] {
    matching::TrainingPlanOptions options;
    options.train.seed = args->seed;
    options.with_code_titles = args->code_titles;
    std::fprintf(stderr, "train: reading %s and training (a few minutes on 2 cores)...\n",
                 args->data.c_str());
    Result<matching::TrainingRun> run = matching::TrainFromData(args->data, options);
    if (!run.ok()) FailCommand(run.status());
    const std::filesystem::path out(args->out);
    std::error_code ec;
    if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path(), ec);
    if (Status s = run->predictor.Save(args->out); !s.ok()) FailCommand(s);
    std::printf(
        "train: %lld examples, %zu features, %zu nodes; read %.1f s, trained %.1f s; "
        "wrote %s\n",
        static_cast<long long>(run->examples), run->predictor.feature_count(),
        run->predictor.node_count(), run->load_seconds, run->train_seconds, args->out.c_str());
    std::printf("Held-out periods (time split 70/10/20 per source, repeated pairs removed):\n");
    for (const matching::SourceReport& s : run->sources) {
      std::printf("%s (%lld train)\n", s.source.c_str(), static_cast<long long>(s.train));
      PrintReport("validation", s.validation, s.validation_report);
      PrintReport("test", s.test, s.test_report);
    }
  });
}

}  // namespace tb::app
