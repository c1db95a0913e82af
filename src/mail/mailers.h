#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "auth/mailer.h"
#include "core/result.h"
#include "core/timestamp.h"

namespace tb::mail {

// Writes each message as one RFC 5322 file "<UTC time>-<random>.eml" in `directory`
// (created when missing). The file is written under a temporary name and renamed, so a reader
// polling the directory (the e2e suite, a developer) never sees half a message. For tests and
// development; `clock` must outlive the mailer. Thread-safe.
Result<std::unique_ptr<auth::Mailer>> MakeDirectoryMailer(const std::string& directory,
                                                          std::string from, const Clock& clock);

struct SmtpOptions {
  // "smtp://host:port" (STARTTLS when the server offers it, required when require_tls) or
  // "smtps://host:port" (TLS from the start).
  std::string url;
  std::string from;      // envelope and header sender
  std::string username;  // empty: no AUTH
  std::string password;
  bool require_tls = false;
  std::chrono::seconds timeout = std::chrono::seconds(20);
};

// Hands messages to an SMTP server through libcurl, one connection per message.
// Unavailable when the server cannot be reached or refuses the message (the reply goes to the
// log). Thread-safe. InvalidArgument from the factory for a URL of another scheme.
Result<std::unique_ptr<auth::Mailer>> MakeSmtpMailer(SmtpOptions options, const Clock& clock);

// Sends through `inner` on a worker thread of its own: Send queues the message and returns Ok
// at once, so a request that mails N people answers in the same time whatever N is (a bid
// count must not show in an officer's response time, ET-03). A failed send is logged with the
// recipient's domain only. Messages go out in the order queued; the destructor sends what is
// still queued, then stops. Unavailable from Send once more than `max_queued` wait (the
// caller logs it as it logs any failed send). Thread-safe.
std::unique_ptr<auth::Mailer> MakeBackgroundMailer(auth::Mailer& inner,
                                                   std::size_t max_queued = 10'000);

}  // namespace tb::mail
