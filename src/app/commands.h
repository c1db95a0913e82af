#pragma once

namespace CLI {
class App;
}

namespace tb::app {

// Each adds one subcommand (with its flags and callback) to the `tenderbridge` CLI.
// A callback that fails throws CLI::RuntimeError with the exit code, after printing the error.
void AddServeCommand(CLI::App& cli);
void AddImportCommand(CLI::App& cli);
void AddDemoCommand(CLI::App& cli);
void AddReindexCommand(CLI::App& cli);
void AddSearchCommand(CLI::App& cli);

}  // namespace tb::app
