#pragma once

#include <string>
#include <string_view>

#include "auth/mailer.h"
#include "core/result.h"
#include "core/timestamp.h"

namespace tb::mail {

// The RFC 5322 text of `message`: From, To, Subject (RFC 2047 base64 encoded-words when not
// ASCII), Date, Message-ID, List-Unsubscribe when given, MIME-Version, Content-Type text/plain
// UTF-8 (multipart/alternative with a text/html part when the message has HTML), 8bit body,
// CRLF line ends. InvalidArgument when `from` or `to` is not one plain address or any header value
// holds CR or LF (header injection).
Result<std::string> FormatMessage(std::string_view from, const auth::MailMessage& message,
                                  Timestamp date, std::string_view message_id);

// Decodes a header value written by FormatMessage (encoded-words joined). For tests and the
// e2e suite, which read the directory sink.
std::string DecodeHeaderValue(std::string_view value);

}  // namespace tb::mail
