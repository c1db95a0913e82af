#include "mail/mailers.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "mail/mail_format.h"

namespace tb::mail {
namespace {

const Timestamp kDate = Timestamp::FromRfc3339("2025-03-01T09:00:00Z").value();

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(DirectoryMailer, WritesOneCompleteFilePerMessage) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("tb-mail-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  FakeClock clock(kDate);
  Result<std::unique_ptr<auth::Mailer>> mailer =
      MakeDirectoryMailer(dir.string(), "noreply@tb.example", clock);
  ASSERT_TRUE(mailer.ok());
  ASSERT_TRUE(
      (*mailer)->Send({"ana@example.org", "Réinitialisez", "Lien : https://x/#token=abc\n"}).ok());
  ASSERT_TRUE((*mailer)->Send({"bo@example.org", "Second", "two\n"}).ok());
  EXPECT_FALSE((*mailer)->Send({"bad\r\nBcc: x@y.org", "s", "t"}).ok());

  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files.push_back(entry.path());
  ASSERT_EQ(files.size(), 2u) << "no temporary file left behind, nothing for the refused one";
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    EXPECT_EQ(f.extension(), ".eml");
    EXPECT_TRUE(f.filename().string().starts_with("2025-03-01T09-00-00Z-"));
  }
  const std::string both = ReadFile(files[0]) + ReadFile(files[1]);
  EXPECT_NE(both.find("To: ana@example.org\r\n"), std::string::npos);
  EXPECT_NE(both.find("#token=abc"), std::string::npos);
  std::filesystem::remove_all(dir);
}

// A minimal SMTP server on 127.0.0.1 for one message: enough of RFC 5321 for libcurl.
class FakeSmtpServer {
 public:
  FakeSmtpServer() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listener_, 1);
    socklen_t length = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &length);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeSmtpServer() {
    if (thread_.joinable()) thread_.join();
    ::close(listener_);
  }
  int port() const { return port_; }
  // What the client sent, after the server finished.
  std::string Transcript() {
    if (thread_.joinable()) thread_.join();
    return transcript_;
  }

 private:
  void Serve() {
    // Bounded: a client that never connects leaves the test failing, not hanging.
    timeval timeout{10, 0};
    ::setsockopt(listener_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    const int client = ::accept(listener_, nullptr, nullptr);
    if (client < 0) return;
    ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    auto say = [client](std::string_view line) {
      (void)!::write(client, line.data(), line.size());
    };
    say("220 fake ESMTP\r\n");
    std::string buffer;
    bool in_data = false;
    char chunk[4096];
    for (;;) {
      const ssize_t n = ::read(client, chunk, sizeof chunk);
      if (n <= 0) break;
      buffer.append(chunk, static_cast<std::size_t>(n));
      transcript_.append(chunk, static_cast<std::size_t>(n));
      for (;;) {
        if (in_data) {
          const std::size_t end = buffer.find("\r\n.\r\n");
          if (end == std::string::npos) break;
          buffer.erase(0, end + 5);
          in_data = false;
          say("250 queued\r\n");
          continue;
        }
        const std::size_t eol = buffer.find("\r\n");
        if (eol == std::string::npos) break;
        const std::string line = buffer.substr(0, eol);
        buffer.erase(0, eol + 2);
        if (line.starts_with("EHLO")) {
          say("250-fake\r\n250 8BITMIME\r\n");
        } else if (line.starts_with("DATA")) {
          say("354 go on\r\n");
          in_data = true;
        } else if (line.starts_with("QUIT")) {
          say("221 bye\r\n");
          ::close(client);
          return;
        } else {
          say("250 ok\r\n");
        }
      }
    }
    ::close(client);
  }

  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::string transcript_;
};

TEST(SmtpMailer, DeliversThroughAnSmtpServer) {
  FakeSmtpServer server;
  FakeClock clock(kDate);
  SmtpOptions options;
  options.url = "smtp://127.0.0.1:" + std::to_string(server.port());
  options.from = "noreply@tb.example";
  options.timeout = std::chrono::seconds(10);
  Result<std::unique_ptr<auth::Mailer>> mailer = MakeSmtpMailer(options, clock);
  ASSERT_TRUE(mailer.ok());
  const Status sent =
      (*mailer)->Send({"ana@example.org", "Сброс пароля", "Ссылка:\n.hidden dot line\n"});
  EXPECT_TRUE(sent.ok()) << sent.ToString();
  const std::string transcript = server.Transcript();
  EXPECT_NE(transcript.find("MAIL FROM:<noreply@tb.example>"), std::string::npos) << transcript;
  EXPECT_NE(transcript.find("RCPT TO:<ana@example.org>"), std::string::npos);
  EXPECT_NE(transcript.find("To: ana@example.org\r\n"), std::string::npos);
  EXPECT_NE(transcript.find("\r\n..hidden dot line\r\n"), std::string::npos)
      << "a body line starting with a dot is dot-stuffed";
}

TEST(SmtpMailer, UnreachableServerIsUnavailable) {
  FakeClock clock(kDate);
  // A port nothing listens on: bind one, then close it.
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t length = sizeof addr;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &length);
  ::close(s);
  SmtpOptions options;
  options.url = "smtp://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  options.from = "n@tb.example";
  options.timeout = std::chrono::seconds(5);
  Result<std::unique_ptr<auth::Mailer>> mailer = MakeSmtpMailer(options, clock);
  ASSERT_TRUE(mailer.ok());
  EXPECT_EQ((*mailer)->Send({"a@b.org", "s", "t"}).code(), StatusCode::kUnavailable);
}

TEST(SmtpMailer, RefusesOtherSchemes) {
  FakeClock clock(kDate);
  SmtpOptions options;
  options.url = "http://127.0.0.1:25";
  options.from = "n@tb.example";
  EXPECT_EQ(MakeSmtpMailer(options, clock).status().field(), "smtp_url");
}

}  // namespace
}  // namespace tb::mail
