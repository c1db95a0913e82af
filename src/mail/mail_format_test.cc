#include "mail/mail_format.h"

#include <gtest/gtest.h>

namespace tb::mail {
namespace {

const Timestamp kDate = Timestamp::FromRfc3339("2025-03-01T09:00:00Z").value();

TEST(FormatMessage, WritesHeadersAndACrlfBody) {
  const auth::MailMessage message{"ana@example.org", "Confirm your e-mail", "Hello,\n\nLink\n"};
  Result<std::string> text = FormatMessage("noreply@tb.example", message, kDate, "abc@tb");
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("From: noreply@tb.example\r\n"), std::string::npos);
  EXPECT_NE(text->find("To: ana@example.org\r\n"), std::string::npos);
  EXPECT_NE(text->find("Subject: Confirm your e-mail\r\n"), std::string::npos);
  EXPECT_NE(text->find("Date: Sat, 01 Mar 2025 09:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(text->find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_TRUE(text->ends_with("\r\n\r\nHello,\r\n\r\nLink\r\n"));
}

TEST(FormatMessage, EncodesNonAsciiSubjectsThatDecodeBack) {
  const std::string subject = "邀请您加入 TenderBridge 上的 联合国开发计划署 — دعوة للانضمام";
  Result<std::string> text =
      FormatMessage("noreply@tb.example", {"a@b.org", subject, "x"}, kDate, "i");
  ASSERT_TRUE(text.ok());
  const std::size_t start = text->find("Subject: ") + 9;
  const std::size_t end = text->find("\r\nDate:");
  const std::string header = text->substr(start, end - start);
  EXPECT_TRUE(header.starts_with("=?UTF-8?B?"));
  for (char c : header) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
  EXPECT_EQ(DecodeHeaderValue(header), subject);
}

TEST(FormatMessage, RefusesHeaderInjection) {
  EXPECT_FALSE(
      FormatMessage("n@tb.example", {"a@b.org\r\nBcc: x@y.org", "s", "t"}, kDate, "i").ok());
  EXPECT_FALSE(
      FormatMessage("n@tb.example", {"a@b.org", "s\r\nBcc: x@y.org", "t"}, kDate, "i").ok());
  EXPECT_FALSE(FormatMessage("n@tb.example", {"a@b.org", "s\nX: y", "t"}, kDate, "i").ok());
  EXPECT_FALSE(FormatMessage("not an address", {"a@b.org", "s", "t"}, kDate, "i").ok());
  EXPECT_FALSE(FormatMessage("n@tb.example", {"Eve <a@b.org>", "s", "t"}, kDate, "i").ok());
}

}  // namespace
}  // namespace tb::mail
