// `tenderbridge classify` as a user runs it: the real binary, its exit code and its output.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "matching/code_predictor.h"

namespace tb::app {
namespace {

struct CommandRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Single quotes cannot appear in the arguments these tests pass.
CommandRun Tenderbridge(const std::string& arguments) {
  const std::string command = std::string(TB_BIN) + " " + arguments + " 2>&1";
  CommandRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class ClassifyCommand : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::vector<matching::LabelledText> examples = {
        {"laptop computers", UnspscCode::Parse("43211503").value()},
        {"desktop computers and monitors", UnspscCode::Parse("43211507").value()},
        {"surgical gloves", UnspscCode::Parse("42132203").value()},
        {"medical syringes", UnspscCode::Parse("42142500").value()},
        {"road construction works", UnspscCode::Parse("72141000").value()},
    };
    matching::TrainOptions options;
    options.min_document_frequency = 1;
    Result<matching::CodePredictor> predictor = matching::CodePredictor::Train(examples, options);
    ASSERT_TRUE(predictor.ok());
    predictor->SetTitles({{UnspscCode::Parse("43000000").value(), "Information Technology"}});
    model_path_ = (std::filesystem::temp_directory_path() /
                   ("tb-classify-test-" + std::to_string(getpid()) + ".bin"))
                      .string();
    ASSERT_TRUE(predictor->Save(model_path_).ok());
  }
  static void TearDownTestSuite() { std::filesystem::remove(model_path_); }

  static std::string model_path_;
};
std::string ClassifyCommand::model_path_;

TEST_F(ClassifyCommand, PrintsCodesWithProbabilitiesAsJson) {
  const CommandRun run =
      Tenderbridge("classify 'new laptop computers' --top 2 --json --model " + model_path_);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const nlohmann::json out = nlohmann::json::parse(run.output);
  ASSERT_EQ(out["segments"].size(), 2u);
  EXPECT_EQ(out["segments"][0]["code"], "43000000");
  EXPECT_EQ(out["segments"][0]["title"], "Information Technology");
  EXPECT_GT(out["segments"][0]["probability"].get<double>(), 0.5);
  EXPECT_LE(out["families"][0]["probability"].get<double>(),
            out["segments"][0]["probability"].get<double>());
}

TEST_F(ClassifyCommand, RefusesBadInputWithExitTwoNamingTheProblem) {
  const struct {
    const char* name;
    std::string arguments;
    const char* says;
  } cases[] = {
      {"empty text", "classify '   ' --model " + model_path_, "field: text"},
      {"top too large", "classify 'gloves' --top 500 --model " + model_path_, "field: top"},
      {"top zero", "classify 'gloves' --top 0 --model " + model_path_,
       "--top must be between 1 and 50"},
      {"missing model", "classify 'gloves' --model /nonexistent/model.bin", "tenderbridge train"},
      {"not a model", "classify 'gloves' --model " + std::string(TB_BIN),
       "not a usable code predictor model"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const CommandRun run = Tenderbridge(c.arguments);
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find(c.says), std::string::npos) << run.output;
  }
}

}  // namespace
}  // namespace tb::app
