#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <cstring>
#include <mutex>

#include "crypto/random.h"
#include "mail/mail_format.h"
#include "mail/mailers.h"

namespace tb::mail {
namespace {

// curl_global_init is not thread-safe: run it once, before any handle exists.
void EnsureCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  const std::string* text;
  std::size_t offset = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t left = upload->text->size() - upload->offset;
  const std::size_t n = std::min(room, left);
  std::memcpy(buffer, upload->text->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

class SmtpMailer final : public auth::Mailer {
 public:
  SmtpMailer(SmtpOptions options, const Clock& clock)
      : options_(std::move(options)), clock_(clock) {}

  Status Send(const auth::MailMessage& message) override {
    const std::string id = crypto::RandomToken(12);
    TB_ASSIGN_OR_RETURN(std::string text,
                        FormatMessage(options_.from, message, clock_.Now(), id + "@tenderbridge"));
    CURL* curl = curl_easy_init();
    if (curl == nullptr) return Status::Unavailable("the mail client could not start");
    Upload upload{&text};
    const std::string from = "<" + options_.from + ">";
    const std::string to = "<" + message.to + ">";
    curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadUpload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_USE_SSL,
                     options_.require_tls ? static_cast<long>(CURLUSESSL_ALL)
                                          : static_cast<long>(CURLUSESSL_TRY));
    if (!options_.username.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
    }
    const CURLcode result = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (result != CURLE_OK) {
      // The server's reply and the recipient go to the log only; the caller gets a retry hint.
      spdlog::error("mail: SMTP delivery to {} via {} failed: {} {}", message.to, options_.url,
                    curl_easy_strerror(result), error);
      return Status::Unavailable("the mail server did not accept the message; try again later");
    }
    return Status::Ok();
  }

 private:
  const SmtpOptions options_;
  const Clock& clock_;
};

}  // namespace

Result<std::unique_ptr<auth::Mailer>> MakeSmtpMailer(SmtpOptions options, const Clock& clock) {
  if (!options.url.starts_with("smtp://") && !options.url.starts_with("smtps://")) {
    return Status::InvalidArgument("the mail URL must start with smtp:// or smtps://")
        .WithField("smtp_url");
  }
  if (options.from.find('@') == std::string::npos) {
    return Status::InvalidArgument("the sender address is not an e-mail address")
        .WithField("mail_from");
  }
  EnsureCurl();
  return std::unique_ptr<auth::Mailer>(std::make_unique<SmtpMailer>(std::move(options), clock));
}

}  // namespace tb::mail
