#include "auth/internal/validation.h"

#include <cstdint>
#include <limits>

namespace tb::auth::internal {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool HasControlCharacters(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<std::uint8_t>(text[i]);
    if (c < 0x20 || c == 0x7F) return true;
    // U+0080..U+009F (C1) are C2 80..C2 9F in UTF-8; U+2028/2029 are E2 80 A8/A9.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<std::uint8_t>(text[i + 1]) <= 0x9F) {
      return true;
    }
    if (c == 0xE2 && i + 2 < text.size() && static_cast<std::uint8_t>(text[i + 1]) == 0x80 &&
        (static_cast<std::uint8_t>(text[i + 2]) == 0xA8 ||
         static_cast<std::uint8_t>(text[i + 2]) == 0xA9)) {
      return true;
    }
  }
  return false;
}

}  // namespace

Result<std::string> CleanName(std::string_view text, std::string_view field) {
  text = Trim(text);
  const std::size_t length = CountCodePoints(text);
  if (length == std::numeric_limits<std::size_t>::max()) {
    return Status::InvalidArgument("must be valid UTF-8 text").WithField(std::string(field));
  }
  if (length == 0)
    return Status::InvalidArgument("must not be empty").WithField(std::string(field));
  if (length > 200) {
    return Status::InvalidArgument("must have at most 200 characters")
        .WithField(std::string(field));
  }
  if (HasControlCharacters(text)) {
    return Status::InvalidArgument("must not contain control characters")
        .WithField(std::string(field));
  }
  return std::string(text);
}

Result<std::string> CleanCountry(std::string_view text, std::string_view field, bool optional) {
  text = Trim(text);
  if (text.empty() && optional) return std::string();
  std::string out(text);
  bool ok = out.size() == 2;
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') ok = false;
  }
  if (!ok) {
    return Status::InvalidArgument("must be a two-letter ISO 3166-1 country code")
        .WithField(std::string(field));
  }
  return out;
}

std::string UserRef(UserId id) { return "user:" + std::to_string(id.value); }
std::string OrganisationRef(OrganisationId id) {
  return "organisation:" + std::to_string(id.value);
}

std::string JoinRoles(const std::vector<Role>& roles) {
  std::string out;
  for (Role role : roles) {
    if (!out.empty()) out += ',';
    out += RoleName(role);
  }
  return out;
}

User ToUser(const UserRecord& record) {
  return User{record.id,
              record.email,
              record.display_name,
              record.language,
              record.email_verified_at.has_value(),
              !record.totp_secret.empty(),
              record.created_at};
}

}  // namespace tb::auth::internal
