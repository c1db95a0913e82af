#include <condition_variable>
#include <deque>
#include <mutex>
#include <spdlog/spdlog.h>
#include <thread>

#include "mail/mailers.h"

namespace tb::mail {
namespace {

std::string_view DomainOf(std::string_view address) {
  const std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view("?") : address.substr(at + 1);
}

class BackgroundMailer final : public auth::Mailer {
 public:
  BackgroundMailer(auth::Mailer& inner, std::size_t max_queued)
      : inner_(inner), max_queued_(max_queued), worker_([this] { Run(); }) {}

  ~BackgroundMailer() override {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    ready_.notify_one();
    worker_.join();
  }

  Status Send(const auth::MailMessage& message) override {
    {
      std::lock_guard lock(mu_);
      if (queue_.size() >= max_queued_) {
        return Status::Unavailable("the mail queue is full (" + std::to_string(max_queued_) +
                                   " messages wait)");
      }
      queue_.push_back(message);
    }
    ready_.notify_one();
    return Status::Ok();
  }

 private:
  void Run() {
    std::unique_lock lock(mu_);
    for (;;) {
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything was sent
      auth::MailMessage next = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      if (Status sent = inner_.Send(next); !sent.ok()) {
        spdlog::warn("mail: a message to a recipient at {} was not sent: {}", DomainOf(next.to),
                     sent.ToString());
      }
      lock.lock();
    }
  }

  auth::Mailer& inner_;
  const std::size_t max_queued_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<auth::MailMessage> queue_;  // Guarded by mu_.
  bool stopping_ = false;                // Guarded by mu_.
  std::thread worker_;                   // Last: starts once the members above exist.
};

}  // namespace

std::unique_ptr<auth::Mailer> MakeBackgroundMailer(auth::Mailer& inner, std::size_t max_queued) {
  return std::make_unique<BackgroundMailer>(inner, max_queued);
}

}  // namespace tb::mail
