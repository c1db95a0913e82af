#include "http/routes.h"

#include "http/query.h"
#include "http/rate_limit.h"

namespace tb::http {

std::span<const Route> Routes() {
  using auth::AccessRule;
  using auth::Role;
  static const AccessRule kPublic = AccessRule::Public();
  static const AccessRule kSignedIn = AccessRule::Authenticated();
  static const AccessRule kSupplierReaders = AccessRule::AnyOf(
      {Role::kSupplierUser, Role::kAgencyOfficer, Role::kCentreStaff, Role::kAdministrator});
  static const AccessRule kSupplierAndCentre =
      AccessRule::AnyOf({Role::kSupplierUser, Role::kCentreStaff, Role::kAdministrator});
  static const AccessRule kCentreStaff = AccessRule::AnyOf({Role::kCentreStaff});
  static const Route kRoutes[] = {
      {"GET", "/api/v1/notices", kPublic, &ListNotices},
      {"GET", "/api/v1/notices/{id}", kPublic, &GetNotice},
      {"GET", "/api/v1/unspsc", kPublic, &FindUnspsc},
      {"GET", "/api/v1/unspsc/{code}", kPublic, &GetUnspscCode},
      {.method = "GET", .path = "/api/v1/search/notices", .access = kPublic,
       .handler = &SearchNotices, .rate = RateClass::kSearch},
      {.method = "GET", .path = "/api/v1/search/suggest", .access = kPublic,
       .handler = &SuggestSearch, .rate = RateClass::kSearch},
      {"GET", "/api/v1/health", kPublic, &Health},
      {"GET", "/api/v1/openapi.json", kPublic, &OpenApi},
      {.method = "POST", .path = "/api/v1/admin/imports/{kind}",
       .access = AccessRule::AnyOf({Role::kCentreStaff, Role::kAdministrator}),
       .handler = &ImportUpload, .slow = true, .upload = true, .rate = RateClass::kUpload,
       .admin_token = true},
      // Accounts (auth_routes.cc). Password hashing (argon2id) runs off the I/O threads.
      {.method = "POST", .path = "/api/v1/auth/signup", .access = kPublic, .handler = &SignUp,
       .slow = true, .rate = RateClass::kSignup},
      {"POST", "/api/v1/auth/verify-email", kPublic, &VerifyEmail},
      {.method = "POST", .path = "/api/v1/auth/login", .access = kPublic, .handler = &LogIn,
       .slow = true, .rate = RateClass::kLogin},
      {"POST", "/api/v1/auth/logout", kSignedIn, &LogOut},
      {"GET", "/api/v1/auth/session", kPublic, &GetSession},
      {.method = "POST", .path = "/api/v1/auth/password-reset", .access = kPublic,
       .handler = &RequestPasswordReset, .rate = RateClass::kPasswordReset},
      {.method = "POST", .path = "/api/v1/auth/password-reset/confirm", .access = kPublic,
       .handler = &ConfirmPasswordReset, .slow = true},
      {"POST", "/api/v1/auth/totp/setup", kSignedIn, &BeginTotpSetup},
      {"POST", "/api/v1/auth/totp/confirm", kSignedIn, &ConfirmTotp},
      {.method = "POST", .path = "/api/v1/auth/reauthenticate", .access = kSignedIn,
       .handler = &Reauthenticate, .slow = true, .rate = RateClass::kLogin},
      {.method = "POST", .path = "/api/v1/auth/invitations/accept", .access = kPublic,
       .handler = &AcceptInvitation, .slow = true},
      // Owner of {id} or administrator: the service checks the organisation (object policy).
      {"POST", "/api/v1/organisations/{id}/invitations", kSignedIn, &InviteMember},
      {"POST", "/api/v1/organisations/{id}/members/{user}/roles", kSignedIn, &SetMemberRoles},
      {"GET", "/api/v1/auth/tokens", kSignedIn, &ListApiTokens},
      {"POST", "/api/v1/auth/tokens", kSignedIn, &CreateApiToken},
      {"DELETE", "/api/v1/auth/tokens/{id}", kSignedIn, &RevokeApiToken},
      // Suppliers (supplier_routes.cc, document_routes.cc): the route admits the roles that
      // may ever act on a supplier; SupplierService checks the object (a supplier user's own
      // company only; NotFound for anything else, AS-14).
      {"GET", "/api/v1/suppliers/{id}/profile", kSupplierReaders.WithScope("profile:read"),
       &GetSupplierProfile},
      {"PATCH", "/api/v1/suppliers/{id}/profile", kSupplierReaders.WithScope("profile:write"),
       &PatchSupplierProfile},
      {"GET", "/api/v1/suppliers/{id}/readiness", kSupplierReaders.WithScope("profile:read"),
       &GetSupplierReadiness},
      {.method = "POST", .path = "/api/v1/suppliers/{id}/documents",
       .access = AccessRule::AnyOf({Role::kSupplierUser}).WithScope("documents:write"),
       .handler = &UploadSupplierDocument, .slow = true, .upload = true,
       .rate = RateClass::kUpload},
      {"GET", "/api/v1/suppliers/{id}/documents", kSupplierReaders.WithScope("documents:read"),
       &ListSupplierDocuments},
      {"GET", "/api/v1/documents/{id}/content", kSupplierReaders.WithScope("documents:read"),
       &GetDocumentContent},
      {"DELETE", "/api/v1/documents/{id}",
       AccessRule::AnyOf({Role::kSupplierUser}).WithScope("documents:write"),
       &DeleteSupplierDocument},
      {"POST", "/api/v1/suppliers/{id}/review",
       AccessRule::AnyOf({Role::kSupplierUser, Role::kCentreStaff}).WithScope("profile:write"),
       &ReviewSupplier},
      {"GET", "/api/v1/suppliers/{id}/history", kSupplierAndCentre.WithScope("profile:read"),
       &GetSupplierHistory},
      {"GET", "/api/v1/suppliers/{id}/export/ungm", kSupplierAndCentre.WithScope("profile:read"),
       &ExportSupplierUngm},
      {"GET", "/api/v1/directory/suppliers",
       AccessRule::AnyOf({Role::kAgencyOfficer, Role::kCentreStaff, Role::kAdministrator})
           .WithScope("directory:read"),
       &SearchSupplierDirectory},
      // Sanctions review (sanctions_routes.cc): centre staff; a decision needs a step-up.
      {"GET", "/api/v1/sanctions/list", kCentreStaff.WithScope("sanctions:read"),
       &GetSanctionsList},
      {"GET", "/api/v1/sanctions/reviews", kCentreStaff.WithScope("sanctions:read"),
       &ListSanctionsReviews},
      {"GET", "/api/v1/sanctions/reviews/{id}", kCentreStaff.WithScope("sanctions:read"),
       &GetSanctionsReview},
      {"POST", "/api/v1/sanctions/reviews/{id}/decision", kCentreStaff, &DecideSanctionsReview},
  };
  return kRoutes;
}

bool MatchPath(std::string_view path_template, std::string_view path, PathParams& params) {
  params.clear();
  while (!path_template.empty() || !path.empty()) {
    if (path_template.empty() || path.empty()) return false;
    if (path_template.front() != '/' || path.front() != '/') return false;
    path_template.remove_prefix(1);
    path.remove_prefix(1);
    const std::string_view t = path_template.substr(0, path_template.find('/'));
    const std::string_view p = path.substr(0, path.find('/'));
    if (t.size() > 1 && t.front() == '{' && t.back() == '}') {
      if (p.empty()) return false;
      Result<std::string> decoded = PercentDecode(p, false);
      if (!decoded.ok()) return false;
      params.push_back(std::move(decoded).value());
    } else if (t != p) {
      return false;
    }
    path_template.remove_prefix(t.size());
    path.remove_prefix(p.size());
  }
  return true;
}

}  // namespace tb::http
