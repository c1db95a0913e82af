#include "auth/testing/recording.h"

namespace tb::auth::testing {

Status RecordingMailer::Send(const MailMessage& message) {
  std::lock_guard lock(mu_);
  messages_.push_back(message);
  return Status::Ok();
}

std::vector<MailMessage> RecordingMailer::messages() const {
  std::lock_guard lock(mu_);
  return messages_;
}

std::string RecordingMailer::LastTokenFor(std::string_view to) const {
  std::lock_guard lock(mu_);
  for (auto it = messages_.rbegin(); it != messages_.rend(); ++it) {
    if (it->to != to) continue;
    const std::size_t at = it->text.find("#token=");
    if (at == std::string::npos) continue;
    const std::size_t start = at + 7;
    std::size_t end = start;
    while (end < it->text.size() && it->text[end] != '\n' && it->text[end] != ' ') ++end;
    return it->text.substr(start, end - start);
  }
  return {};
}

void RecordingMailer::Clear() {
  std::lock_guard lock(mu_);
  messages_.clear();
}

void RecordingSecurityLog::Record(const SecurityEvent& event) {
  std::lock_guard lock(mu_);
  events_.push_back(event);
}

std::vector<SecurityEvent> RecordingSecurityLog::events() const {
  std::lock_guard lock(mu_);
  return events_;
}

std::size_t RecordingSecurityLog::Count(std::string_view action, std::string_view outcome) const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (const SecurityEvent& e : events_) {
    if (e.action == action && (outcome.empty() || e.outcome == outcome)) ++n;
  }
  return n;
}

}  // namespace tb::auth::testing
