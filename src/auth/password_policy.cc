#include "auth/password_policy.h"

#include <cstdint>
#include <limits>

namespace tb::auth {

// Generated at build time from data/common-passwords/top-10k.txt (src/auth/CMakeLists.txt).
extern const std::string_view kCommonPasswordsText;

namespace {

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::size_t CountCodePoints(std::string_view text) {
  constexpr std::size_t kInvalid = std::numeric_limits<std::size_t>::max();
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    std::size_t length;
    std::uint32_t code_point;
    if (lead < 0x80) {
      length = 1;
      code_point = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code_point = lead & 0x07;
    } else {
      return kInvalid;
    }
    if (i + length > text.size()) return kInvalid;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<std::uint8_t>(text[i + k]);
      if ((next & 0xC0) != 0x80) return kInvalid;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return kInvalid;
    }
    i += length;
    ++count;
  }
  return count;
}

const PasswordPolicy& PasswordPolicy::Default() {
  static const PasswordPolicy policy(kCommonPasswordsText);
  return policy;
}

PasswordPolicy::PasswordPolicy(std::string_view common_password_lines) {
  std::size_t start = 0;
  while (start < common_password_lines.size()) {
    std::size_t end = common_password_lines.find('\n', start);
    if (end == std::string_view::npos) end = common_password_lines.size();
    std::string_view line = common_password_lines.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) common_.insert(AsciiLower(line));
    start = end + 1;
  }
}

bool PasswordPolicy::IsCommon(std::string_view password) const {
  return common_.contains(AsciiLower(password));
}

Status PasswordPolicy::Check(std::string_view password) const {
  const std::size_t length = CountCodePoints(password);
  if (length == std::numeric_limits<std::size_t>::max()) {
    return Status::InvalidArgument(std::string(kNotUtf8Message)).WithField("password");
  }
  if (IsCommon(password)) {
    return Status::InvalidArgument(std::string(kCommonMessage)).WithField("password");
  }
  if (length < kMinCodePoints) {
    return Status::InvalidArgument(std::string(kTooShortMessage)).WithField("password");
  }
  if (length > kMaxCodePoints) {
    return Status::InvalidArgument(std::string(kTooLongMessage)).WithField("password");
  }
  return Status::Ok();
}

}  // namespace tb::auth
