#pragma once

#include <string>

#include "core/status.h"

namespace tb::auth {

// A plain-text e-mail. `to` is one address.
struct MailMessage {
  std::string to;
  std::string subject;
  std::string text;

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
