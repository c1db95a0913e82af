#include "app/demo_accounts.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "auth/auth_service.h"
#include "auth/auth_store.h"
#include "crypto/random.h"
#include "suppliers/supplier_service.h"

namespace tb::app {
namespace {

constexpr std::string_view kCentreName = "TenderBridge Service Centre";
constexpr std::string_view kDemoDomain = "demo.tenderbridge.example";
constexpr std::string_view kOfficerAgency = "United Nations Development Programme";

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Splits one line of data/agencies' CSV (acronym,name,ips2024); a name may be quoted.
std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') {
      if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == ',' && !quoted) {
      cells.emplace_back();
    } else if (c != '\r') {
      cells.back() += c;
    }
  }
  return cells;
}

std::string NewPassword() { return crypto::RandomToken(18); }  // 24 characters, 144 bits

struct Credential {
  std::string role;
  std::string email;
  std::string password;
};

Status WriteCredentials(const std::string& path, const std::vector<Credential>& credentials) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  const std::string tmp = path + ".tmp";
  // Created 0600 before any secret is written into it.
  std::ofstream(tmp, std::ios::trunc).close();
  if (::chmod(tmp.c_str(), S_IRUSR | S_IWUSR) != 0) {
    return Status::Internal("cannot restrict the permissions of " + tmp);
  }
  std::ofstream out(tmp, std::ios::trunc);
  out << "# TenderBridge demo accounts (FICTIONAL people; generated passwords, keep private).\n"
         "# Officers, staff and administrators set up a second factor (TOTP) at first log-in.\n";
  for (const Credential& c : credentials) {
    out << c.role << '\t' << c.email << '\t' << c.password << '\n';
  }
  out.close();
  if (!out) return Status::Internal("cannot write " + tmp);
  std::filesystem::rename(tmp, path);
  return Status::Ok();
}

auth::Actor SupplierActor(UserId user, OrganisationId organisation) {
  auth::Actor actor;
  actor.user = user;
  actor.credential = auth::Credential::kSession;
  actor.memberships = {
      {organisation, auth::OrganisationKind::kSupplier, true, {auth::Role::kSupplierUser}}};
  return actor;
}

}  // namespace

Result<DemoAccountsReport> SeedDemoAccounts(auth::AuthService& accounts, auth::AuthStore& store,
                                            suppliers::SupplierService& suppliers,
                                            const std::string& data_dir,
                                            const std::string& credentials_path) {
  DemoAccountsReport report;
  const std::string admin_email = "admin@" + std::string(kDemoDomain);
  // Looked up first rather than learnt from a refused insert, which the database layer
  // would log as a warning on every start.
  TB_ASSIGN_OR_RETURN(std::optional<auth::UserRecord> seeded, store.FindUserByEmail(admin_email));
  if (seeded.has_value()) {
    report.already_seeded = true;
    return report;
  }
  std::vector<Credential> credentials;
  TB_ASSIGN_OR_RETURN(
      OrganisationId centre,
      accounts.ProvisionOrganisation(auth::OrganisationKind::kCentre, kCentreName, "CN"));
  ++report.organisations;
  const std::string admin_password = NewPassword();
  TB_RETURN_IF_ERROR(accounts
                         .ProvisionUser(admin_email, admin_password,
                                        "Demo Administrator (fictional)", centre,
                                        auth::Role::kAdministrator)
                         .status());
  ++report.users;
  credentials.push_back({"administrator", admin_email, admin_password});

  const std::string staff_email = "staff@" + std::string(kDemoDomain);
  const std::string staff_password = NewPassword();
  TB_RETURN_IF_ERROR(accounts
                         .ProvisionUser(staff_email, staff_password,
                                        "Demo Centre Staff (fictional)", centre,
                                        auth::Role::kCentreStaff)
                         .status());
  ++report.users;
  credentials.push_back({"centre_staff", staff_email, staff_password});

  // The UN-system organisations, so officers can be invited into their agency.
  TB_ASSIGN_OR_RETURN(
      std::string agencies_csv,
      ReadFile(std::filesystem::path(data_dir) / "agencies" / "un-system-organisations.csv"));
  std::istringstream lines(agencies_csv);
  std::string line;
  std::getline(lines, line);  // header
  OrganisationId officer_agency;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const std::vector<std::string> cells = SplitCsvLine(line);
    if (cells.size() < 2) return Status::InvalidArgument("agencies CSV: bad line " + line);
    TB_ASSIGN_OR_RETURN(OrganisationId agency, accounts.ProvisionOrganisation(
                                                   auth::OrganisationKind::kAgency, cells[1], ""));
    ++report.organisations;
    if (cells[1] == kOfficerAgency) officer_agency = agency;
  }
  if (!officer_agency.valid()) {
    return Status::InvalidArgument("agencies CSV has no " + std::string(kOfficerAgency));
  }
  const std::string officer_email = "officer.undp@" + std::string(kDemoDomain);
  const std::string officer_password = NewPassword();
  TB_RETURN_IF_ERROR(accounts
                         .ProvisionUser(officer_email, officer_password,
                                        "Demo UNDP Officer (fictional)", officer_agency,
                                        auth::Role::kAgencyOfficer)
                         .status());
  ++report.users;
  credentials.push_back({"agency_officer", officer_email, officer_password});

  // The fictional companies, each with its user and its profile.
  TB_ASSIGN_OR_RETURN(std::string demo_json,
                      ReadFile(std::filesystem::path(data_dir) / "demo" / "suppliers.json"));
  const nlohmann::json demo = nlohmann::json::parse(demo_json, nullptr, false);
  if (demo.is_discarded() || !demo.contains("suppliers")) {
    return Status::InvalidArgument("data/demo/suppliers.json is not the expected JSON");
  }
  for (const nlohmann::json& company : demo["suppliers"]) {
    const nlohmann::json& profile = company.at("profile");
    const std::string latin = profile.at("legal_name_latin").get<std::string>();
    const std::string country = profile.at("address").at("country").get<std::string>();
    TB_ASSIGN_OR_RETURN(
        OrganisationId organisation,
        accounts.ProvisionOrganisation(auth::OrganisationKind::kSupplier, latin, country));
    ++report.organisations;
    const std::string email = company.at("user_email").get<std::string>();
    const std::string password = NewPassword();
    TB_ASSIGN_OR_RETURN(
        UserId user,
        accounts.ProvisionUser(email, password, company.at("user_name").get<std::string>(),
                               organisation, auth::Role::kSupplierUser));
    ++report.users;
    credentials.push_back({"supplier_user", email, password});
    TB_RETURN_IF_ERROR(suppliers
                           .CreateSupplier(organisation,
                                           profile.at("legal_name").get<std::string>(), country,
                                           user)
                           .status());
    TB_RETURN_IF_ERROR(suppliers
                           .PatchProfile(SupplierActor(user, organisation),
                                         SupplierId{organisation.value}, profile)
                           .status());
    // Some companies go on to the centre's review, so that buyers see them among the
    // recommended suppliers (drafts are never shown to buyers).
    if (company.value("submit_for_review", false)) {
      TB_RETURN_IF_ERROR(suppliers
                             .Review(SupplierActor(user, organisation),
                                     SupplierId{organisation.value}, suppliers::ReviewRequest{})
                             .status());
    }
    ++report.suppliers;
  }
  TB_RETURN_IF_ERROR(WriteCredentials(credentials_path, credentials));
  return report;
}

}  // namespace tb::app
