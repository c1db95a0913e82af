// tenderbridge user create | grant: operator provisioning of accounts and roles, for the
// first administrator of a new installation and for scripted set-ups. No mail is sent; the
// accounts are created verified.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>

#include "app/commands.h"
#include "app/context.h"
#include "auth/auth_service.h"
#include "auth/auth_store.h"
#include "auth/security_log.h"

namespace tb::app {
namespace {

// The organisation that administrators and centre staff join when none is named.
constexpr std::string_view kDefaultCentre = "TenderBridge Service Centre";

// The CLI never mails: provisioning makes accounts verified, and nothing else is called.
class NoMailer final : public auth::Mailer {
 public:
  Status Send(const auth::MailMessage&) override {
    return Status::FailedPrecondition("the command line sends no mail");
  }
};

struct UserArgs {
  std::string database;
  std::string email;
  std::string password_file;
  bool password_stdin = false;
  std::string role;
  std::string organisation;
  std::string kind;
  std::string name;
};

void AddCommonOptions(CLI::App* cmd, UserArgs& args) {
  cmd->add_option(
      "--database", args.database,
      "SQLite path or postgresql:// URL (default: $TB_DATABASE_URL or var/tenderbridge.db)");
  cmd->add_option("--email", args.email, "The account's e-mail address")->required();
  cmd->add_option("--role", args.role,
                  "supplier_user | agency_officer | committee_member | evaluator | centre_staff | "
                  "administrator")
      ->required();
  cmd->add_option("--organisation", args.organisation, "Organisation name");
  cmd->add_option("--kind", args.kind, "Organisation kind: supplier | agency | centre");
}

auth::Role ParseRoleOrFail(const std::string& name) {
  std::optional<auth::Role> role = auth::ParseRole(name);
  if (!role) FailCommand(Status::InvalidArgument("unknown role " + name).WithField("role"));
  return *role;
}

// The kind an organisation holding `role` has when --kind is not given.
auth::OrganisationKind DefaultKind(auth::Role role) {
  switch (role) {
    case auth::Role::kSupplierUser:
      return auth::OrganisationKind::kSupplier;
    case auth::Role::kAgencyOfficer:
    case auth::Role::kCommitteeMember:
    case auth::Role::kEvaluator:
      return auth::OrganisationKind::kAgency;
    case auth::Role::kCentreStaff:
    case auth::Role::kAdministrator:
      break;
  }
  return auth::OrganisationKind::kCentre;
}

std::optional<auth::OrganisationKind> ParseKindOrFail(const std::string& name) {
  if (name.empty()) return std::nullopt;
  std::optional<auth::OrganisationKind> kind = auth::ParseOrganisationKind(name);
  if (!kind)
    FailCommand(Status::InvalidArgument("unknown organisation kind " + name).WithField("kind"));
  return kind;
}

std::string StripOneNewline(std::string text) {
  if (text.ends_with("\r\n")) {
    text.resize(text.size() - 2);
  } else if (text.ends_with("\n")) {
    text.pop_back();
  }
  return text;
}

// From exactly one of --password-file and --password-stdin; never from the command line,
// where other users could read it in the process list.
std::string ReadPassword(const UserArgs& args) {
  if (args.password_file.empty() == !args.password_stdin) {
    FailCommand(Status::InvalidArgument("give exactly one of --password-file and --password-stdin")
                    .WithField("password"));
  }
  if (args.password_stdin) {
    return StripOneNewline(std::string(std::istreambuf_iterator<char>(std::cin), {}));
  }
  std::ifstream in(args.password_file, std::ios::binary);
  if (!in) {
    FailCommand(
        Status::InvalidArgument("cannot read " + args.password_file).WithField("password-file"));
  }
  return StripOneNewline(std::string(std::istreambuf_iterator<char>(in), {}));
}

std::unique_ptr<Context> OpenOrFail(const std::string& database) {
  Result<std::unique_ptr<Context>> context = Context::Open(ResolveDatabaseUrl(database));
  if (!context.ok()) FailCommand(context.status());
  return std::move(context).value();
}

// The organisation named `name` of `kind`, or of any kind when exactly one has that name.
auth::OrganisationRecord FindOrganisationOrFail(auth::AuthStore& store, const std::string& name,
                                                std::optional<auth::OrganisationKind> kind) {
  Result<std::vector<auth::OrganisationRecord>> all = store.ListOrganisations(kind);
  if (!all.ok()) FailCommand(all.status());
  std::vector<auth::OrganisationRecord> matches;
  for (auth::OrganisationRecord& org : *all) {
    if (org.name == name) matches.push_back(std::move(org));
  }
  if (matches.empty()) {
    FailCommand(
        Status::InvalidArgument("no organisation is named " + name).WithField("organisation"));
  }
  if (matches.size() > 1) {
    FailCommand(Status::InvalidArgument("several organisations are named " + name +
                                        "; say which with --kind")
                    .WithField("kind"));
  }
  return matches.front();
}

}  // namespace

void AddUserCommand(CLI::App& cli) {
  CLI::App* user = cli.add_subcommand("user", "Create accounts and grant roles (operator)");
  user->require_subcommand(1);

  auto create = std::make_shared<UserArgs>();
  CLI::App* create_cmd = user->add_subcommand(
      "create",
      "Create a verified account with a role; administrators and centre staff join the "
      "service centre unless --organisation says otherwise");
  AddCommonOptions(create_cmd, *create);
  create_cmd->add_option("--password-file", create->password_file,
                         "File holding the password (one trailing newline is ignored)");
  create_cmd->add_flag("--password-stdin", create->password_stdin, "Read the password from stdin");
  create_cmd->add_option("--name", create->name, "Display name (default: the e-mail address)");
  create_cmd->callback([create] {
    const auth::Role role = ParseRoleOrFail(create->role);
    const std::optional<auth::OrganisationKind> kind_flag = ParseKindOrFail(create->kind);
    std::string organisation = create->organisation;
    if (organisation.empty()) {
      if (role != auth::Role::kAdministrator && role != auth::Role::kCentreStaff) {
        FailCommand(Status::InvalidArgument("name the organisation this role is held in")
                        .WithField("organisation"));
      }
      organisation = std::string(kDefaultCentre);
    }
    const std::string password = ReadPassword(*create);
    std::unique_ptr<Context> context = OpenOrFail(create->database);
    NoMailer mailer;
    std::unique_ptr<auth::SecurityLog> log = auth::MakeSpdlogSecurityLog();
    auth::AuthService service(context->auth_store(), mailer, *log, context->clock());
    const auth::OrganisationKind kind = kind_flag.value_or(DefaultKind(role));
    Result<OrganisationId> org = service.ProvisionOrganisation(kind, organisation, "");
    if (!org.ok()) FailCommand(org.status());
    Result<UserId> id = service.ProvisionUser(create->email, password, create->name, *org, role);
    if (!id.ok() && id.status().code() == StatusCode::kAlreadyExists) {
      FailCommand(Status::InvalidArgument("an account has this e-mail already").WithField("email"));
    }
    if (!id.ok()) FailCommand(id.status());
    std::printf("user create: user %lld (%s) is %s in %s (organisation %lld, %s)\n",
                static_cast<long long>(id->value), create->email.c_str(),
                std::string(auth::RoleName(role)).c_str(), organisation.c_str(),
                static_cast<long long>(org->value),
                std::string(auth::OrganisationKindName(kind)).c_str());
    if (auth::RoleRequiresMfa(role)) {
      std::printf("this role needs a second factor: sign in and set up an authenticator app\n");
    }
  });

  auto grant = std::make_shared<UserArgs>();
  CLI::App* grant_cmd =
      user->add_subcommand("grant", "Add a role to an account in an existing organisation");
  AddCommonOptions(grant_cmd, *grant);
  grant_cmd->get_option("--organisation")->required();
  grant_cmd->callback([grant] {
    const auth::Role role = ParseRoleOrFail(grant->role);
    const std::optional<auth::OrganisationKind> kind = ParseKindOrFail(grant->kind);
    std::unique_ptr<Context> context = OpenOrFail(grant->database);
    const auth::OrganisationRecord org =
        FindOrganisationOrFail(context->auth_store(), grant->organisation, kind);
    NoMailer mailer;
    std::unique_ptr<auth::SecurityLog> log = auth::MakeSpdlogSecurityLog();
    auth::AuthService service(context->auth_store(), mailer, *log, context->clock());
    if (Status s = service.ProvisionRole(grant->email, org.id, role); !s.ok()) {
      // An unknown e-mail is bad input on the command line, not a missing resource.
      if (s.code() == StatusCode::kNotFound) {
        FailCommand(Status::InvalidArgument(s.message()).WithField(s.field()));
      }
      FailCommand(s);
    }
    std::printf("user grant: %s is %s in %s (organisation %lld)\n", grant->email.c_str(),
                std::string(auth::RoleName(role)).c_str(), org.name.c_str(),
                static_cast<long long>(org.id.value));
  });
}

}  // namespace tb::app
