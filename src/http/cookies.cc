#include "http/cookies.h"

namespace tb::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 6265 cookie-octet: no controls, whitespace, DQUOTE, comma, semicolon or backslash.
bool IsCookieOctet(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x21 && u <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
}

constexpr std::string_view kAttributes = "; Path=/; Secure; HttpOnly; SameSite=Lax";

}  // namespace

std::vector<std::pair<std::string, std::string>> ParseCookieHeader(std::string_view header) {
  std::vector<std::pair<std::string, std::string>> cookies;
  while (!header.empty()) {
    const std::size_t end = header.find(';');
    const std::string_view pair = Trim(header.substr(0, end));
    header.remove_prefix(end == std::string_view::npos ? header.size() : end + 1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view name = Trim(pair.substr(0, eq));
    std::string_view value = Trim(pair.substr(eq + 1));
    if (name.empty()) continue;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    cookies.emplace_back(std::string(name), std::string(value));
  }
  return cookies;
}

std::optional<std::string> FindCookie(const Request& request, std::string_view name) {
  for (const auto& [header_name, value] : request.headers) {
    if (header_name != "cookie") continue;
    for (auto& [cookie_name, cookie_value] : ParseCookieHeader(value)) {
      if (cookie_name == name) return std::move(cookie_value);
    }
  }
  return std::nullopt;
}

std::string SessionSetCookie(std::string_view session_id) {
  std::string value(kSessionCookieName);
  value += '=';
  for (char c : session_id) {
    if (IsCookieOctet(c)) value += c;
  }
  value += kAttributes;
  return value;
}

std::string ClearedSessionSetCookie() {
  std::string value(kSessionCookieName);
  value += "=";
  value += kAttributes;
  value += "; Max-Age=0";
  return value;
}

}  // namespace tb::http
