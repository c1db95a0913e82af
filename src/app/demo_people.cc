#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/context.h"
#include "app/demo_accounts.h"
#include "auth/auth_service.h"
#include "auth/security_log.h"
#include "mail/mailers.h"
#include "screening/screening_service.h"

namespace tb::app {

// The shipped snapshot of the UN Security Council Consolidated List (data/un-sanctions).
constexpr std::string_view kDemoSanctionsList = "un-sanctions/un-sc-consolidated-2024-09-26.xml";

Status LoadDemoPeople(Context& context, const std::string& data_dir, const std::string& state_dir) {
  if (context.suppliers() == nullptr || context.screening() == nullptr) {
    return Status::FailedPrecondition("the supplier services are not open");
  }
  // Provisioning sends no mail; the directory mailer is there because the service needs one.
  TB_ASSIGN_OR_RETURN(std::unique_ptr<auth::Mailer> mailer,
                      mail::MakeDirectoryMailer(state_dir + "/mail", "noreply@tenderbridge.example",
                                                context.clock()));
  std::unique_ptr<auth::SecurityLog> log = auth::MakeSpdlogSecurityLog();
  auth::AuthService accounts(context.auth_store(), *mailer, *log, context.clock());
  const std::string credentials = state_dir + "/demo-accounts.txt";
  TB_ASSIGN_OR_RETURN(DemoAccountsReport report,
                      SeedDemoAccounts(accounts, context.auth_store(), *context.suppliers(),
                                       data_dir, credentials));
  if (report.already_seeded) {
    spdlog::info("demo accounts: already there (see {})", credentials);
  } else {
    spdlog::info(
        "demo accounts: {} organisations, {} users, {} companies (fictional); "
        "passwords in {}",
        report.organisations, report.users, report.suppliers, credentials);
  }
  TB_ASSIGN_OR_RETURN(std::optional<screening::ListVersion> current,
                      context.screening()->CurrentList());
  if (current.has_value()) return Status::Ok();
  const std::filesystem::path list = std::filesystem::path(data_dir) / kDemoSanctionsList;
  std::ifstream in(list, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + list.string());
  std::ostringstream xml;
  xml << in.rdbuf();
  TB_ASSIGN_OR_RETURN(screening::ImportReport imported,
                      context.screening()->ImportList(xml.str(), context.screening_subjects()));
  const screening::RescreenReport& r = imported.rescreen;
  spdlog::info(
      "sanctions list {} loaded; {} subjects screened: {} clear, {} possible hits, "
      "{} hits, {} unavailable (a list older than the allowed age never clears anyone)",
      list.filename().string(), r.screened, r.clear, r.possible_hits, r.hits, r.unavailable);
  return Status::Ok();
}

}  // namespace tb::app
