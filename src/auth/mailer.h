#pragma once

#include <string>

#include "core/status.h"

namespace tb::auth {

// An e-mail: plain text, optionally with an HTML alternative. `to` is one address.
struct MailMessage {
  std::string to;
  std::string subject;
  std::string text;
  std::string html;              // when set, sent as multipart/alternative after `text`
  std::string list_unsubscribe;  // when set, a List-Unsubscribe URL (RFC 2369)

  bool operator==(const MailMessage&) const = default;
};

// Sends e-mail. Implementations (src/mail: a directory sink for tests and development, SMTP
// for production) must be thread-safe. Unavailable when the message could not be handed
// over; the caller decides whether that fails its operation.
class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual Status Send(const MailMessage& message) = 0;
};

}  // namespace tb::auth
