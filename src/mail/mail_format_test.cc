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

TEST(FormatMessage, SendsHtmlAsAnAlternativeWithAnUnsubscribeHeader) {
  auth::MailMessage message{"ana@example.org", "New notice", "Solar panels\n"};
  message.html = "<p>Solar panels</p>";
  message.list_unsubscribe = "https://tb.example/unsubscribe?token=abc";
  Result<std::string> text = FormatMessage("noreply@tb.example", message, kDate, "m@tb");
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("List-Unsubscribe: <https://tb.example/unsubscribe?token=abc>\r\n"),
            std::string::npos);
  const std::string boundary = "=_tenderbridge_alternative";
  EXPECT_NE(text->find("Content-Type: multipart/alternative; boundary=\"" + boundary + "\""),
            std::string::npos);
  const std::size_t plain = text->find("Content-Type: text/plain");
  const std::size_t html = text->find("Content-Type: text/html");
  ASSERT_NE(plain, std::string::npos);
  ASSERT_NE(html, std::string::npos);
  EXPECT_LT(plain, html);  // the plainest alternative first (RFC 2046)
  EXPECT_NE(text->find("<p>Solar panels</p>\r\n--" + boundary + "--\r\n"), std::string::npos);

  message.list_unsubscribe = "https://x\r\nBcc: eve@y.org";
  EXPECT_FALSE(FormatMessage("noreply@tb.example", message, kDate, "m@tb").ok());
}

TEST(FormatMessage, PicksABoundaryTheBodyDoesNotHold) {
  auth::MailMessage message{"ana@example.org", "s", "--=_tenderbridge_alternative\n"};
  message.html = "<p>x</p>";
  Result<std::string> text = FormatMessage("noreply@tb.example", message, kDate, "m@tb");
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("boundary=\"=_tenderbridge_alternative_\""), std::string::npos);
}

}  // namespace
}  // namespace tb::mail
