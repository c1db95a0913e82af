#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/status.h"

namespace tb::auth {

// What a password must be (AS-01, AS-02): 12 to 128 characters counted as Unicode code
// points, any Unicode (spaces and emoji included), never truncated, and not one of the common
// passwords in data/common-passwords/top-10k.txt (compared case-insensitively for ASCII
// letters, as the list is lower case). Immutable after construction; thread-safe.
class PasswordPolicy {
 public:
  static constexpr std::size_t kMinCodePoints = 12;
  static constexpr std::size_t kMaxCodePoints = 128;

  // The policy with the list shipped in data/common-passwords (compiled into the binary).
  static const PasswordPolicy& Default();

  // A policy with the given list: one password per line; blank lines are ignored.
  explicit PasswordPolicy(std::string_view common_password_lines);

  // Ok, or InvalidArgument with field "password" and one of the messages
  // kCommonMessage / kTooShortMessage / kTooLongMessage / kNotUtf8Message. A common password
  // is reported as common whatever its length, so the user learns the real reason.
  Status Check(std::string_view password) const;

  bool IsCommon(std::string_view password) const;
  std::size_t common_count() const { return common_.size(); }

  static constexpr std::string_view kCommonMessage =
      "this password is one of the most common passwords; choose another";
  static constexpr std::string_view kTooShortMessage =
      "the password must have at least 12 characters";
  static constexpr std::string_view kTooLongMessage =
      "the password must have at most 128 characters";
  static constexpr std::string_view kNotUtf8Message = "the password is not valid UTF-8 text";

 private:
  std::unordered_set<std::string> common_;
};

// Number of Unicode code points in `text`, or nullopt-like SIZE_MAX when it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t CountCodePoints(std::string_view text);

}  // namespace tb::auth
