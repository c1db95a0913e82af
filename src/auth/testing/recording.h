#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "auth/mailer.h"
#include "auth/security_log.h"

namespace tb::auth::testing {

// A Mailer that keeps every message. Thread-safe.
class RecordingMailer final : public Mailer {
 public:
  Status Send(const MailMessage& message) override;
  std::vector<MailMessage> messages() const;
  // The token of the last message to `to` whose text holds a "#token=" link; empty if none.
  std::string LastTokenFor(std::string_view to) const;
  void Clear();

 private:
  mutable std::mutex mu_;
  std::vector<MailMessage> messages_;  // Guarded by mu_.
};

// A SecurityLog that keeps every event. Thread-safe.
class RecordingSecurityLog final : public SecurityLog {
 public:
  void Record(const SecurityEvent& event) override;
  std::vector<SecurityEvent> events() const;
  // Events with this action (and outcome, when given).
  std::size_t Count(std::string_view action, std::string_view outcome = {}) const;

 private:
  mutable std::mutex mu_;
  std::vector<SecurityEvent> events_;  // Guarded by mu_.
};

}  // namespace tb::auth::testing
