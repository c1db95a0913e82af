#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace tb {
class Status;
}

namespace tb::app {

// Prints "error: <message> (field: <field>)" on stderr and ends the command through CLI11
// with exit code 2 for bad input (kInvalidArgument), 1 for anything else.
[[noreturn]] void FailCommand(const Status& status);

// Each adds one subcommand (with its flags and callback) to the `tenderbridge` CLI.
// A callback that fails throws CLI::RuntimeError with the exit code, after printing the error.
void AddServeCommand(CLI::App& cli);
void AddImportCommand(CLI::App& cli);
void AddDemoCommand(CLI::App& cli);
void AddReindexCommand(CLI::App& cli);
void AddSearchCommand(CLI::App& cli);
void AddUserCommand(CLI::App& cli);
// Sanctions (issue #4): `screen`, and `import sanctions FILE` (called by the import command).
void AddScreenCommand(CLI::App& cli);
void ImportSanctionsList(const std::vector<std::string>& files, const std::string& database);
void AddScheduleCommand(CLI::App& cli);
// Code predictor (issue #5): `train` and `classify`.
void AddTrainCommand(CLI::App& cli);
void AddClassifyCommand(CLI::App& cli);
// Audit log (issue #6): `audit verify` (audit_command.cc).
void AddAuditCommand(CLI::App& cli);
// Sealed bids (issue #6): `bid seal|open`, `tender keygen`, `committee key new`,
// `committee share unseal` (seal_command.cc).
void AddSealCommands(CLI::App& cli);
// Open data (issue #6): `export ocds` (export_command.cc).
void AddExportCommand(CLI::App& cli);
// The subcommand `name` of `parent`, created (requiring one subcommand) when it does not exist
// yet: several files add commands under `bid`, `tender` or `committee`, in any order.
CLI::App* SubcommandGroup(CLI::App& parent, const std::string& name,
                          const std::string& description);

}  // namespace tb::app
