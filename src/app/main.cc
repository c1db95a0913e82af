// tenderbridge: the one binary (ARCHITECTURE.md §6). Subcommands live in *_command.cc.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "core/status.h"

namespace tb::app {

void FailCommand(const Status& status) {
  std::fprintf(stderr, "error: %s%s%s\n", status.message().c_str(),
               status.field().empty() ? "" : " (field: ",
               status.field().empty() ? "" : (status.field() + ")").c_str());
  throw CLI::RuntimeError(status.code() == StatusCode::kInvalidArgument ? 2 : 1);
}

}  // namespace tb::app

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    spdlog::critical("libsodium failed to initialise");
    return 1;
  }
  CLI::App cli{"TenderBridge: UN and international procurement opportunities for small suppliers"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", "tenderbridge 0.1.0");
  tb::app::AddServeCommand(cli);
  tb::app::AddImportCommand(cli);
  tb::app::AddDemoCommand(cli);
  tb::app::AddReindexCommand(cli);
  tb::app::AddSearchCommand(cli);
  tb::app::AddUserCommand(cli);
  tb::app::AddScreenCommand(cli);
  tb::app::AddScheduleCommand(cli);
  tb::app::AddTrainCommand(cli);
  tb::app::AddClassifyCommand(cli);
  tb::app::AddAuditCommand(cli);
  tb::app::AddSealCommands(cli);
  tb::app::AddExportCommand(cli);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  return 0;
}
