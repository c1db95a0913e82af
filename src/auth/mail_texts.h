#pragma once

#include <string>
#include <string_view>

#include "auth/mailer.h"

namespace tb::auth {

// The e-mails the auth service sends, in the six UN languages (en, fr, es, zh, ar, ru);
// another language tag gets English. The texts state the default lifetimes (10 minutes for
// verification and reset links, 3 days for invitations). `link` is the whole URL.
MailMessage VerificationMail(std::string_view language, std::string_view to, std::string_view link);
MailMessage AlreadyRegisteredMail(std::string_view language, std::string_view to);
MailMessage PasswordResetMail(std::string_view language, std::string_view to,
                              std::string_view link);
MailMessage InvitationMail(std::string_view language, std::string_view to,
                           std::string_view organisation, std::string_view link);

// True for the language tags the mails are written in.
bool IsMailLanguage(std::string_view language);

}  // namespace tb::auth
