#include "auth/mail_texts.h"

#include <array>

namespace tb::auth {
namespace {

// One language's texts; "{link}" and "{org}" are filled in.
struct Texts {
  std::string_view language;
  std::string_view verify_subject, verify_body;
  std::string_view already_subject, already_body;
  std::string_view reset_subject, reset_body;
  std::string_view invite_subject, invite_body;
};

constexpr std::array<Texts, 6> kTexts = {{
    {"en", "Confirm your e-mail address for TenderBridge",
     "Hello,\n\nTo finish creating your TenderBridge account, open this link within 10 "
     "minutes:\n\n{link}\n\nIf you did not sign up, ignore this message.\n",
     "You already have a TenderBridge account",
     "Hello,\n\nSomeone tried to create a TenderBridge account with this e-mail address, but it "
     "already has one. If it was you, sign in; if you forgot your password, ask for a new one on "
     "the sign-in page.\n\nIf it was not you, ignore this message; nothing has changed.\n",
     "Reset your TenderBridge password",
     "Hello,\n\nTo choose a new password, open this link within 10 minutes:\n\n{link}\n\nIf you "
     "did not ask for this, ignore this message; your password has not changed.\n",
     "You are invited to join {org} on TenderBridge",
     "Hello,\n\nYou have been invited to join {org} on TenderBridge. To accept, open this link "
     "within 3 days:\n\n{link}\n\nIf you did not expect this, ignore this message.\n"},
    {"fr", "Confirmez votre adresse e-mail pour TenderBridge",
     "Bonjour,\n\nPour terminer la création de votre compte TenderBridge, ouvrez ce lien dans "
     "les 10 minutes :\n\n{link}\n\nSi vous ne vous êtes pas inscrit, ignorez ce message.\n",
     "Vous avez déjà un compte TenderBridge",
     "Bonjour,\n\nQuelqu'un a essayé de créer un compte TenderBridge avec cette adresse e-mail, "
     "mais un compte existe déjà pour elle. Si c'était vous, connectez-vous ; si vous avez oublié "
     "votre mot de passe, demandez-en un nouveau sur la page de connexion.\n\nSi ce n'était pas "
     "vous, ignorez ce message ; rien n'a changé.\n",
     "Réinitialisez votre mot de passe TenderBridge",
     "Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien dans les 10 minutes "
     ":\n\n{link}\n\nSi vous n'avez rien demandé, ignorez ce message ; votre mot de passe n'a "
     "pas changé.\n",
     "Invitation à rejoindre {org} sur TenderBridge",
     "Bonjour,\n\nVous êtes invité(e) à rejoindre {org} sur TenderBridge. Pour accepter, ouvrez "
     "ce lien dans les 3 jours :\n\n{link}\n\nSi vous ne vous y attendiez pas, ignorez ce "
     "message.\n"},
    {"es", "Confirme su dirección de correo electrónico para TenderBridge",
     "Hola:\n\nPara terminar de crear su cuenta de TenderBridge, abra este enlace en los "
     "próximos 10 minutos:\n\n{link}\n\nSi no se registró, ignore este mensaje.\n",
     "Ya tiene una cuenta de TenderBridge",
     "Hola:\n\nAlguien intentó crear una cuenta de TenderBridge con esta dirección de correo, "
     "pero ya existe una cuenta con ella. Si fue usted, inicie sesión; si olvidó su contraseña, "
     "solicite una nueva en la página de inicio de sesión.\n\nSi no fue usted, ignore este "
     "mensaje; no ha cambiado nada.\n",
     "Restablezca su contraseña de TenderBridge",
     "Hola:\n\nPara elegir una nueva contraseña, abra este enlace en los próximos 10 "
     "minutos:\n\n{link}\n\nSi no lo solicitó, ignore este mensaje; su contraseña no ha "
     "cambiado.\n",
     "Invitación para unirse a {org} en TenderBridge",
     "Hola:\n\nLe han invitado a unirse a {org} en TenderBridge. Para aceptar, abra este enlace "
     "en los próximos 3 días:\n\n{link}\n\nSi no esperaba esta invitación, ignore este "
     "mensaje.\n"},
    {"zh", "确认您的 TenderBridge 电子邮件地址",
     "您好：\n\n请在 10 分钟内打开以下链接，完成 TenderBridge 账户的创建：\n\n{link}\n\n"
     "如果您没有注册，请忽略此邮件。\n",
     "您已有 TenderBridge 账户",
     "您好：\n\n有人尝试用此电子邮件地址创建 TenderBridge 账户，但该地址已有账户。如果是您本人，"
     "请直接登录；如果忘记了密码，请在登录页面申请重设。\n\n如果不是您本人，请忽略此邮件，"
     "您的账户没有任何变化。\n",
     "重设您的 TenderBridge 密码",
     "您好：\n\n请在 10 分钟内打开以下链接，设置新密码：\n\n{link}\n\n"
     "如果您没有提出此请求，请忽略此邮件，您的密码没有改变。\n",
     "邀请您加入 TenderBridge 上的 {org}",
     "您好：\n\n您已受邀加入 TenderBridge 上的 {org}。请在 3 天内打开以下链接接受邀请：\n\n"
     "{link}\n\n如果您没有预料到此邀请，请忽略此邮件。\n"},
    {"ar", "أكِّد عنوان بريدك الإلكتروني في TenderBridge",
     "مرحبًا،\n\nلإكمال إنشاء حسابك في TenderBridge، افتح هذا الرابط خلال 10 دقائق:\n\n{link}\n\n"
     "إذا لم تقم بالتسجيل، فتجاهل هذه الرسالة.\n",
     "لديك حساب في TenderBridge بالفعل",
     "مرحبًا،\n\nحاول شخص ما إنشاء حساب في TenderBridge بعنوان البريد الإلكتروني هذا، ولكن يوجد "
     "حساب بهذا العنوان بالفعل. إذا كنت أنت، فسجِّل الدخول؛ وإذا نسيت كلمة المرور، فاطلب كلمة "
     "مرور جديدة من صفحة تسجيل الدخول.\n\nإذا لم تكن أنت، فتجاهل هذه الرسالة؛ لم يتغير شيء.\n",
     "إعادة تعيين كلمة المرور في TenderBridge",
     "مرحبًا،\n\nلاختيار كلمة مرور جديدة، افتح هذا الرابط خلال 10 دقائق:\n\n{link}\n\n"
     "إذا لم تطلب ذلك، فتجاهل هذه الرسالة؛ لم تتغير كلمة المرور.\n",
     "دعوة للانضمام إلى {org} في TenderBridge",
     "مرحبًا،\n\nتمت دعوتك للانضمام إلى {org} في TenderBridge. لقبول الدعوة، افتح هذا الرابط "
     "خلال 3 أيام:\n\n{link}\n\nإذا لم تكن تتوقع هذه الدعوة، فتجاهل هذه الرسالة.\n"},
    {"ru", "Подтвердите адрес электронной почты в TenderBridge",
     "Здравствуйте!\n\nЧтобы завершить создание учётной записи TenderBridge, откройте эту "
     "ссылку в течение 10 минут:\n\n{link}\n\nЕсли вы не регистрировались, просто "
     "проигнорируйте это письмо.\n",
     "У вас уже есть учётная запись TenderBridge",
     "Здравствуйте!\n\nКто-то попытался создать учётную запись TenderBridge с этим адресом "
     "электронной почты, но она уже существует. Если это были вы, войдите в систему; если вы "
     "забыли пароль, запросите новый на странице входа.\n\nЕсли это были не вы, проигнорируйте "
     "это письмо: ничего не изменилось.\n",
     "Сброс пароля TenderBridge",
     "Здравствуйте!\n\nЧтобы задать новый пароль, откройте эту ссылку в течение 10 "
     "минут:\n\n{link}\n\nЕсли вы этого не запрашивали, проигнорируйте письмо: ваш пароль не "
     "изменился.\n",
     "Приглашение присоединиться к {org} в TenderBridge",
     "Здравствуйте!\n\nВас пригласили присоединиться к {org} в TenderBridge. Чтобы принять "
     "приглашение, откройте эту ссылку в течение 3 дней:\n\n{link}\n\nЕсли вы не ожидали "
     "этого приглашения, проигнорируйте письмо.\n"},
}};

const Texts& For(std::string_view language) {
  for (const Texts& texts : kTexts) {
    if (texts.language == language) return texts;
  }
  return kTexts[0];
}

std::string Fill(std::string_view text, std::string_view link, std::string_view organisation) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.substr(i, 6) == "{link}") {
      out += link;
      i += 6;
    } else if (text.substr(i, 5) == "{org}") {
      out += organisation;
      i += 5;
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

}  // namespace

bool IsMailLanguage(std::string_view language) {
  for (const Texts& texts : kTexts) {
    if (texts.language == language) return true;
  }
  return false;
}

MailMessage VerificationMail(std::string_view language, std::string_view to,
                             std::string_view link) {
  const Texts& t = For(language);
  return {std::string(to), std::string(t.verify_subject), Fill(t.verify_body, link, {})};
}

MailMessage AlreadyRegisteredMail(std::string_view language, std::string_view to) {
  const Texts& t = For(language);
  return {std::string(to), std::string(t.already_subject), std::string(t.already_body)};
}

MailMessage PasswordResetMail(std::string_view language, std::string_view to,
                              std::string_view link) {
  const Texts& t = For(language);
  return {std::string(to), std::string(t.reset_subject), Fill(t.reset_body, link, {})};
}

MailMessage InvitationMail(std::string_view language, std::string_view to,
                           std::string_view organisation, std::string_view link) {
  const Texts& t = For(language);
  return {std::string(to), Fill(t.invite_subject, {}, organisation),
          Fill(t.invite_body, link, organisation)};
}

}  // namespace tb::auth
