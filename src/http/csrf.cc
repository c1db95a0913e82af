#include "http/csrf.h"

#include <sodium.h>

#include <array>

namespace tb::http {
namespace {

std::string_view WithoutTrailingSlash(std::string_view s) {
  if (!s.empty() && s.back() == '/') s.remove_suffix(1);
  return s;
}

bool IsOneOf(std::string_view origin, std::span<const std::string> own_origins) {
  origin = WithoutTrailingSlash(origin);
  for (const std::string& own : own_origins) {
    if (EqualsIgnoreCase(origin, WithoutTrailingSlash(own))) return true;
  }
  return false;
}

}  // namespace

bool IsStateChanging(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool IsSameOrigin(const Request& request, std::span<const std::string> own_origins) {
  if (const std::string* origin = request.Header("origin")) {
    return *origin != "null" && IsOneOf(*origin, own_origins);
  }
  const std::string* site = request.Header("sec-fetch-site");
  return site != nullptr && EqualsIgnoreCase(*site, "same-origin");
}

bool HasForeignOrigin(const Request& request, std::span<const std::string> own_origins) {
  const std::string* origin = request.Header("origin");
  return origin != nullptr && (*origin == "null" || !IsOneOf(*origin, own_origins));
}

bool CsrfTokenMatches(std::string_view given, std::string_view expected) {
  if (expected.empty()) return false;
  std::array<unsigned char, crypto_generichash_BYTES> a{}, b{};
  crypto_generichash(a.data(), a.size(), reinterpret_cast<const unsigned char*>(given.data()),
                     given.size(), nullptr, 0);
  crypto_generichash(b.data(), b.size(), reinterpret_cast<const unsigned char*>(expected.data()),
                     expected.size(), nullptr, 0);
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tb::http
