// tenderbridge classify "TEXT": UNSPSC codes with probabilities from the trained code
// predictor (issue #5), top-down by level.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/commands.h"
#include "core/status.h"
#include "core/text.h"
#include "matching/code_predictor.h"

namespace tb::app {
namespace {

constexpr int kMaxTop = 50;
constexpr std::size_t kMaxTextBytes = 100'000;

struct ClassifyArgs {
  std::string text;
  int top = 5;
  bool json = false;
  std::string model = "models/code-predictor.bin";
};

Status Validate(const ClassifyArgs& args) {
  if (text::Trim(args.text).empty()) {
    return Status::InvalidArgument("the text to classify is empty").WithField("text");
  }
  if (args.text.size() > kMaxTextBytes) {
    return Status::InvalidArgument("the text to classify is longer than 100,000 bytes")
        .WithField("text");
  }
  if (args.top < 1 || args.top > kMaxTop) {
    return Status::InvalidArgument("--top must be between 1 and 50, not " +
                                   std::to_string(args.top))
        .WithField("top");
  }
  return Status::Ok();
}

nlohmann::json LevelJson(const matching::CodePredictor& predictor,
                         const std::vector<matching::CodeScore>& scores) {
  nlohmann::json list = nlohmann::json::array();
  for (const matching::CodeScore& s : scores) {
    list.push_back({{"code", s.code.ToString()},
                    {"title", predictor.Title(s.code)},
                    {"probability", s.probability}});
  }
  return list;
}

void PrintLevel(const matching::CodePredictor& predictor, const char* name,
                const std::vector<matching::CodeScore>& scores) {
  std::printf("%s\n", name);
  for (const matching::CodeScore& s : scores) {
    std::printf("  %s  %.3f  %s\n", s.code.ToString().c_str(), s.probability,
                predictor.Title(s.code).c_str());
  }
}

}  // namespace

void AddClassifyCommand(CLI::App& cli) {
  auto args = std::make_shared<ClassifyArgs>();
  CLI::App* cmd = cli.add_subcommand(
      "classify", "Predict UNSPSC codes (segment, family, class) for a text, with probabilities");
  cmd->add_option("text", args->text, "Notice title and description, or a supplier's profile")
      ->required();
  cmd->add_option("--top", args->top, "Codes per level (1-50)");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->add_option("--model", args->model, "Model file written by `tenderbridge train`");
  cmd->callback([args] {
    if (Status s = Validate(*args); !s.ok()) FailCommand(s);
    Result<matching::CodePredictor> predictor = matching::CodePredictor::Load(args->model);
    if (!predictor.ok()) {
      if (predictor.status().code() == StatusCode::kNotFound) {
        FailCommand(Status::InvalidArgument(predictor.status().message() +
                                            "; run `tenderbridge train` (or `make run`) first")
                        .WithField("model"));
      }
      FailCommand(predictor.status());
    }
    const matching::Prediction p = predictor->Predict(args->text, {.top = args->top});
    if (args->json) {
      const nlohmann::json out = {{"segments", LevelJson(*predictor, p.segments)},
                                  {"families", LevelJson(*predictor, p.families)},
                                  {"classes", LevelJson(*predictor, p.classes)}};
      std::printf("%s\n", out.dump(2).c_str());
      return;
    }
    PrintLevel(*predictor, "Segments", p.segments);
    PrintLevel(*predictor, "Families", p.families);
    PrintLevel(*predictor, "Classes", p.classes);
  });
}

}  // namespace tb::app
