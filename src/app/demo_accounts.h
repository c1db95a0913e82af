#pragma once

#include <string>

#include "core/result.h"

namespace tb::auth {
class AuthService;
class AuthStore;
}  // namespace tb::auth
namespace tb::suppliers {
class SupplierService;
}  // namespace tb::suppliers

namespace tb::app {

// What SeedDemoAccounts did.
struct DemoAccountsReport {
  int organisations = 0;  // agencies, the centre and the demo companies
  int users = 0;
  int suppliers = 0;
  bool already_seeded = false;
};

// Seeds the demo's organisations and people: the UN-system organisations of
// <data_dir>/agencies (real organisations, no people), the service centre, and the FICTIONAL
// companies and users of <data_dir>/demo (an administrator, centre staff, an UNDP officer and
// one user per company, each company with its profile filled in). Passwords are generated
// here (CSPRNG) and written, with the e-mail addresses, to `credentials_path` with mode 0600;
// nothing secret is logged or committed (AS-33, AS-39). Idempotent: when the demo
// administrator exists in `store` (the store behind `accounts`), nothing is changed and
// `already_seeded` is set.
Result<DemoAccountsReport> SeedDemoAccounts(auth::AuthService& accounts, auth::AuthStore& store,
                                            suppliers::SupplierService& suppliers,
                                            const std::string& data_dir,
                                            const std::string& credentials_path);

}  // namespace tb::app

namespace tb::app {

class Context;

// The people side of the demo for `serve --demo-if-empty` and `demo`: SeedDemoAccounts with
// credentials in <state_dir>/demo-accounts.txt, and the shipped UN sanctions list when the
// database has none (which screens the demo companies). Needs Context::OpenSupplierServices.
// Logs what it did; errors are returned, never half-hidden.
Status LoadDemoPeople(Context& context, const std::string& data_dir, const std::string& state_dir);

}  // namespace tb::app
