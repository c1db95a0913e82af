#include "auth/security_log.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdint>
#include <cstdio>

namespace tb::auth {
namespace {

void AppendEscaped(std::string& out, std::string_view text) {
  auto unicode_escape = [&out](std::uint32_t code_point) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(code_point));
    out += buffer;
  };
  out.push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<std::uint8_t>(text[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      // CR, LF, ESC (ANSI colour sequences) and the rest of C0: never raw in a log line.
      unicode_escape(c);
      ++i;
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
    } else {
      // Copy a well-formed UTF-8 sequence; escape C1 controls and the line and paragraph
      // separators some viewers break lines at; replace malformed bytes.
      std::size_t length = (c & 0xE0) == 0xC0   ? 2
                           : (c & 0xF0) == 0xE0 ? 3
                           : (c & 0xF8) == 0xF0 ? 4
                                                : 0;
      bool valid = length > 0 && i + length <= text.size();
      std::uint32_t code_point = length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
      for (std::size_t k = 1; valid && k < length; ++k) {
        const auto next = static_cast<std::uint8_t>(text[i + k]);
        if ((next & 0xC0) != 0x80) valid = false;
        code_point = (code_point << 6) | (next & 0x3F);
      }
      if (!valid) {
        unicode_escape(0xFFFD);
        ++i;
        continue;
      }
      if ((code_point >= 0x80 && code_point <= 0x9F) || code_point == 0x2028 ||
          code_point == 0x2029) {
        unicode_escape(code_point);
      } else {
        out.append(text.substr(i, length));
      }
      i += length;
    }
  }
  out.push_back('"');
}

class SpdlogSecurityLog final : public SecurityLog {
 public:
  SpdlogSecurityLog() {
    logger_ = spdlog::get("security");
    if (!logger_) {
      // Registered by name so that the application (or a test) can redirect it; creating it
      // twice from two threads throws, so a lost race re-reads the winner.
      try {
        logger_ = spdlog::stderr_color_mt("security");
        logger_->set_pattern("%v");
      } catch (const spdlog::spdlog_ex&) {
        logger_ = spdlog::get("security");
      }
    }
  }

  void Record(const SecurityEvent& event) override {
    if (logger_) logger_->info(SecurityEventJson(event));
  }

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace

std::string SecurityEventJson(const SecurityEvent& event) {
  std::string out = "{\"time\":";
  AppendEscaped(out, event.at.ToRfc3339());
  const std::pair<std::string_view, const std::string*> fields[] = {
      {"actor", &event.actor},     {"action", &event.action},         {"object", &event.object},
      {"outcome", &event.outcome}, {"request_id", &event.request_id}, {"client", &event.client},
      {"detail", &event.detail},
  };
  for (const auto& [name, value] : fields) {
    out += ",\"";
    out += name;
    out += "\":";
    AppendEscaped(out, *value);
  }
  out.push_back('}');
  return out;
}

std::unique_ptr<SecurityLog> MakeSpdlogSecurityLog() {
  return std::make_unique<SpdlogSecurityLog>();
}

}  // namespace tb::auth
