// MakeBackgroundMailer: Send returns before the inner mailer has sent, order is kept, the
// destructor sends what is queued, a full queue refuses, and a failing inner send is only logged.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <vector>

#include "mail/mailers.h"

namespace tb::mail {
namespace {

// Records messages; while `hold` is set, Send waits until it is released.
class GatedMailer final : public auth::Mailer {
 public:
  Status Send(const auth::MailMessage& m) override {
    std::unique_lock lock(mu_);
    released_.wait(lock, [this] { return !hold_; });
    sent_.push_back(m.to);
    return fail_ ? Status::Unavailable("smtp down") : Status::Ok();
  }
  void Hold(bool hold) {
    {
      std::lock_guard lock(mu_);
      hold_ = hold;
    }
    released_.notify_all();
  }
  void Fail() {
    std::lock_guard lock(mu_);
    fail_ = true;
  }
  std::vector<std::string> sent() {
    std::lock_guard lock(mu_);
    return sent_;
  }

 private:
  std::mutex mu_;
  std::condition_variable released_;
  bool hold_ = false;
  bool fail_ = false;
  std::vector<std::string> sent_;
};

auth::MailMessage To(std::string to) { return {std::move(to), "subject", "text", "", ""}; }

TEST(BackgroundMailer, SendReturnsBeforeTheInnerMailerSentAndKeepsTheOrder) {
  GatedMailer inner;
  inner.Hold(true);
  {
    auto mailer = MakeBackgroundMailer(inner);
    for (const char* to : {"a@x.org", "b@x.org", "c@x.org"}) {
      EXPECT_TRUE(mailer->Send(To(to)).ok());  // would block forever if sent in Send
    }
    EXPECT_TRUE(inner.sent().empty());
    inner.Hold(false);
  }  // the destructor sends what was queued
  EXPECT_EQ(inner.sent(), (std::vector<std::string>{"a@x.org", "b@x.org", "c@x.org"}));
}

TEST(BackgroundMailer, AFullQueueRefusesInsteadOfGrowing) {
  GatedMailer inner;
  inner.Hold(true);
  auto mailer = MakeBackgroundMailer(inner, /*max_queued=*/2);
  int accepted = 0, refused = 0;
  for (int i = 0; i < 5; ++i) {
    Status s = mailer->Send(To("n" + std::to_string(i) + "@x.org"));
    s.ok() ? ++accepted : ++refused;
    if (!s.ok()) EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  }
  // The worker may have taken one message off the queue before blocking in the inner mailer.
  EXPECT_GE(accepted, 2);
  EXPECT_LE(accepted, 3);
  EXPECT_EQ(accepted + refused, 5);
  inner.Hold(false);
  mailer.reset();
  EXPECT_EQ(static_cast<int>(inner.sent().size()), accepted);
}

TEST(BackgroundMailer, AFailedInnerSendDoesNotStopTheOthers) {
  GatedMailer inner;
  inner.Fail();
  {
    auto mailer = MakeBackgroundMailer(inner);
    EXPECT_TRUE(mailer->Send(To("a@x.org")).ok());
    EXPECT_TRUE(mailer->Send(To("b@x.org")).ok());
  }
  EXPECT_EQ(inner.sent().size(), 2u);
}

}  // namespace
}  // namespace tb::mail
