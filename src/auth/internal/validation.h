#pragma once

#include <string>
#include <string_view>

#include "auth/auth_service.h"
#include "core/result.h"

namespace tb::auth::internal {

// A display or organisation name: trimmed, 1..200 code points, valid UTF-8, no control
// characters (they would reach e-mail subjects and logs). InvalidArgument naming `field`.
Result<std::string> CleanName(std::string_view text, std::string_view field);

// "KE": two ASCII letters, returned upper case; empty allowed when `optional`.
Result<std::string> CleanCountry(std::string_view text, std::string_view field, bool optional);

// The API view of a stored user (no hash, no TOTP secrets).
User ToUser(const UserRecord& record);

// "user:12".
std::string UserRef(UserId id);
std::string OrganisationRef(OrganisationId id);

// "supplier_user,agency_officer".
std::string JoinRoles(const std::vector<Role>& roles);

}  // namespace tb::auth::internal
