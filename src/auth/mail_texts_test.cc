#include "auth/mail_texts.h"

#include <gtest/gtest.h>

#include <set>

namespace tb::auth {
namespace {

TEST(MailTexts, EverySixLanguageHasItsOwnTextsWithTheLink) {
  std::set<std::string> subjects;
  for (std::string_view language : {"en", "fr", "es", "zh", "ar", "ru"}) {
    SCOPED_TRACE(language);
    EXPECT_TRUE(IsMailLanguage(language));
    const MailMessage verify =
        VerificationMail(language, "a@b.org", "https://x/verify-email#token=T1");
    const MailMessage reset =
        PasswordResetMail(language, "a@b.org", "https://x/reset-password#token=T2");
    const MailMessage invite =
        InvitationMail(language, "a@b.org", "UNDP Kenya", "https://x/accept-invitation#token=T3");
    const MailMessage already = AlreadyRegisteredMail(language, "a@b.org");
    EXPECT_NE(verify.text.find("#token=T1"), std::string::npos);
    EXPECT_NE(reset.text.find("#token=T2"), std::string::npos);
    EXPECT_NE(invite.text.find("#token=T3"), std::string::npos);
    EXPECT_NE(invite.subject.find("UNDP Kenya"), std::string::npos);
    EXPECT_EQ(already.text.find("#token="), std::string::npos) << "no link that acts";
    EXPECT_EQ(verify.to, "a@b.org");
    EXPECT_EQ(verify.text.find("{"), std::string::npos) << "every placeholder filled";
    for (const MailMessage& m : {verify, reset, invite, already}) subjects.insert(m.subject);
  }
  EXPECT_EQ(subjects.size(), 24u) << "each language's four subjects are distinct";
}

TEST(MailTexts, UnknownLanguageFallsBackToEnglish) {
  EXPECT_FALSE(IsMailLanguage("de"));
  EXPECT_EQ(VerificationMail("de", "a@b.org", "L").subject,
            VerificationMail("en", "a@b.org", "L").subject);
}

}  // namespace
}  // namespace tb::auth
