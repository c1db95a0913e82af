#include "mail/mail_format.h"

#include <sodium.h>

#include <cstdint>
#include <ctime>

namespace tb::mail {
namespace {

bool IsPlainAddress(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  const std::size_t at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size()) return false;
  for (char c : address) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') {
      return false;
    }
  }
  return true;
}

bool HasLineBreak(std::string_view text) {
  return text.find('\r') != std::string_view::npos || text.find('\n') != std::string_view::npos;
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// RFC 2047: "=?UTF-8?B?...?=" words of at most 45 input bytes (60 encoded), each cut at a
// UTF-8 character boundary, joined by CRLF SP (folding).
std::string EncodeHeaderValue(std::string_view value) {
  bool ascii = true;
  for (char c : value) {
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  }
  if (ascii && value.size() <= 900) return std::string(value);
  std::string out;
  std::size_t i = 0;
  while (i < value.size()) {
    std::size_t end = std::min(value.size(), i + 45);
    while (end < value.size() && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(value.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string RfcDate(Timestamp date) {
  const std::time_t seconds = static_cast<std::time_t>(date.seconds());
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buffer;
}

std::string WithCrlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out.push_back(text[i]);
    }
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

}  // namespace

Result<std::string> FormatMessage(std::string_view from, const auth::MailMessage& message,
                                  Timestamp date, std::string_view message_id) {
  if (!IsPlainAddress(from)) return Status::InvalidArgument("bad sender address").WithField("from");
  if (!IsPlainAddress(message.to)) {
    return Status::InvalidArgument("bad recipient address").WithField("to");
  }
  if (HasLineBreak(message.subject) || HasLineBreak(message_id) ||
      HasLineBreak(message.list_unsubscribe)) {
    return Status::InvalidArgument("a header value holds a line break").WithField("subject");
  }
  std::string out;
  out += "From: " + std::string(from) + "\r\n";
  out += "To: " + message.to + "\r\n";
  out += "Subject: " + EncodeHeaderValue(message.subject) + "\r\n";
  out += "Date: " + RfcDate(date) + "\r\n";
  out += "Message-ID: <" + std::string(message_id) + ">\r\n";
  if (!message.list_unsubscribe.empty()) {
    out += "List-Unsubscribe: <" + message.list_unsubscribe + ">\r\n";
  }
  out += "MIME-Version: 1.0\r\n";
  if (message.html.empty()) {
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: 8bit\r\n";
    out += "\r\n";
    out += WithCrlf(message.text);
    return out;
  }
  // RFC 2046 multipart/alternative, plainest part first; the boundary must occur in neither.
  std::string boundary = "=_tenderbridge_alternative";
  while (message.text.find(boundary) != std::string::npos ||
         message.html.find(boundary) != std::string::npos) {
    boundary += "_";
  }
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  out += "\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
  out += WithCrlf(message.text);
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
  out += WithCrlf(message.html);
  out += "--" + boundary + "--\r\n";
  return out;
}

std::string DecodeHeaderValue(std::string_view value) {
  std::string out;
  std::size_t i = 0;
  while (i < value.size()) {
    const std::size_t start = value.find("=?UTF-8?B?", i);
    if (start == std::string_view::npos) {
      out += value.substr(i);
      break;
    }
    // Text between encoded words is folding whitespace only, which RFC 2047 drops.
    std::string_view between = value.substr(i, start - i);
    if (between.find_first_not_of(" \t\r\n") != std::string_view::npos) out += between;
    const std::size_t end = value.find("?=", start + 10);
    if (end == std::string_view::npos) {
      out += value.substr(start);
      break;
    }
    const std::string_view encoded = value.substr(start + 10, end - start - 10);
    std::string decoded(encoded.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(),
                          encoded.data(), encoded.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) == 0) {
      decoded.resize(length);
      out += decoded;
    }
    i = end + 2;
  }
  return out;
}

}  // namespace tb::mail
