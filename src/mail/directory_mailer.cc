#include <spdlog/spdlog.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "crypto/random.h"
#include "mail/mail_format.h"
#include "mail/mailers.h"

namespace tb::mail {
namespace {

class DirectoryMailer final : public auth::Mailer {
 public:
  DirectoryMailer(std::filesystem::path directory, std::string from, const Clock& clock)
      : directory_(std::move(directory)), from_(std::move(from)), clock_(clock) {}

  Status Send(const auth::MailMessage& message) override {
    const Timestamp now = clock_.Now();
    const std::string id = crypto::RandomToken(12);
    TB_ASSIGN_OR_RETURN(std::string text, FormatMessage(from_, message, now, id + "@tenderbridge"));
    // "2025-03-01T09:00:00Z" sorts by time; ':' is kept out of file names for portability.
    std::string stamp = now.ToRfc3339();
    for (char& c : stamp) {
      if (c == ':') c = '-';
    }
    const std::filesystem::path final_path = directory_ / (stamp + "-" + id + ".eml");
    const std::filesystem::path temp_path = directory_ / ("." + stamp + "-" + id + ".tmp");
    {
      std::ofstream out(temp_path, std::ios::binary | std::ios::trunc);
      out << text;
      out.flush();
      if (!out) {
        spdlog::error("mail: cannot write {}", temp_path.string());
        return Status::Unavailable("the mail directory is not writable");
      }
    }
    std::error_code ec;
    std::filesystem::rename(temp_path, final_path, ec);
    if (ec) {
      spdlog::error("mail: cannot rename {}: {}", temp_path.string(), ec.message());
      std::filesystem::remove(temp_path, ec);
      return Status::Unavailable("the mail directory is not writable");
    }
    return Status::Ok();
  }

 private:
  const std::filesystem::path directory_;
  const std::string from_;
  const Clock& clock_;
};

}  // namespace

Result<std::unique_ptr<auth::Mailer>> MakeDirectoryMailer(const std::string& directory,
                                                          std::string from, const Clock& clock) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec || !std::filesystem::is_directory(directory)) {
    return Status::InvalidArgument("cannot create the mail directory " + directory)
        .WithField("mail_dir");
  }
  return std::unique_ptr<auth::Mailer>(
      std::make_unique<DirectoryMailer>(directory, std::move(from), clock));
}

}  // namespace tb::mail
