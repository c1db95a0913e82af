#include "tenders/reconfirm_mail.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>

#include "core/timestamp.h"

namespace tb::tenders {
namespace {

struct Texts {
  std::string_view subject;  // "<subject>: <title> (<ocid>)"
  std::string_view intro;    // then " <number>."
  std::string_view ask;
  std::string_view deadline;
  std::string_view rationale;
  std::string_view link;
};

Texts TextsFor(std::string_view language) {
  if (language == "fr") {
    return {"Veuillez reconfirmer votre offre",
            "Un modificatif substantiel a été publié pour cet appel d'offres : modificatif",
            "Votre offre a été reçue avant ce modificatif. Elle ne sera pas ouverte si vous ne la "
            "reconfirmez pas (ou ne la remplacez pas) avant la date limite.",
            "Date limite",
            "Motif",
            "Reconfirmer sur la page de l'appel d'offres"};
  }
  if (language == "es") {
    return {"Reconfirme su oferta",
            "Se ha publicado una enmienda sustancial de esta licitación: enmienda",
            "Su oferta se recibió antes de esta enmienda. No se abrirá si no la reconfirma (o la "
            "reemplaza) antes del plazo.",
            "Plazo",
            "Motivo",
            "Reconfirmar en la página de la licitación"};
  }
  if (language == "zh") {
    return {"请重新确认您的投标",
            "本招标已发布实质性修改：修改",
            "您的投标在此修改之前收到。如果您未在截止时间前重新确认（或替换）投标，该投标将不会被开"
            "启。",
            "截止时间",
            "理由",
            "在招标页面重新确认"};
  }
  if (language == "ar") {
    return {"يرجى إعادة تأكيد عطائك",
            "نُشر تعديل جوهري لهذه المناقصة: التعديل",
            "ورد عطاؤك قبل هذا التعديل. لن يُفتح العطاء ما لم تُعِد تأكيده (أو تستبدله) قبل "
            "الموعد النهائي.",
            "الموعد النهائي",
            "السبب",
            "أعد التأكيد في صفحة المناقصة"};
  }
  if (language == "ru") {
    return {"Подтвердите вашу заявку",
            "По этой закупке опубликовано существенное изменение: изменение",
            "Ваша заявка получена до этого изменения. Она не будет вскрыта, если вы не подтвердите "
            "её (или не замените) до окончания срока.",
            "Срок подачи",
            "Обоснование",
            "Подтвердить на странице закупки"};
  }
  return {"Please re-confirm your bid",
          "A substantive amendment to this tender was published: amendment",
          "Your bid was received before this amendment. It will not be opened unless you "
          "re-confirm it (or replace it) before the deadline.",
          "Deadline",
          "Rationale",
          "Re-confirm on the tender page"};
}

}  // namespace

auth::MailMessage ReconfirmMail(std::string_view language, std::string_view to,
                                const Tender& tender, const Amendment& amendment,
                                std::string_view base_url) {
  const Texts t = TextsFor(language);
  auth::MailMessage mail;
  mail.to = std::string(to);
  mail.subject = std::string(t.subject) + ": " + tender.title + " (" + tender.ocid + ")";
  std::string text = tender.title + " (" + tender.ocid + ")\n" + tender.buyer_name + "\n\n";
  text.append(t.intro).append(" ").append(std::to_string(amendment.number)).append(".\n\n");
  text.append(t.ask).append("\n\n");
  if (tender.deadline) {
    text.append(t.deadline).append(": ").append(tender.deadline->ToRfc3339());
    Result<std::string> local = time_zone::FormatLocal(*tender.deadline, tender.time_zone);
    if (local.ok())
      text.append(" (").append(*local).append(" ").append(tender.time_zone).append(")");
    text.append("\n");
  }
  text.append(t.rationale).append(": ").append(amendment.rationale).append("\n\n");
  text.append(t.link).append(": ").append(base_url).append("/tenders/").append(tender.ocid);
  text.append("\n");
  mail.text = std::move(text);
  return mail;
}

void SendReconfirmMails(auth::Mailer* mailer, const std::vector<BidderRecipient>& bidders,
                        const Tender& tender, const Amendment& amendment,
                        std::string_view base_url) {
  if (mailer == nullptr) return;
  for (const BidderRecipient& b : bidders) {
    if (Status sent = mailer->Send(ReconfirmMail(b.language, b.email, tender, amendment, base_url));
        !sent.ok()) {
      spdlog::warn("tenders: re-confirmation mail to supplier {} not sent: {}", b.supplier.value,
                   sent.ToString());
    }
  }
}

std::vector<Recipient> WithoutBidders(std::vector<Recipient> recipients,
                                      const std::vector<BidderRecipient>& bidders) {
  for (Recipient& r : recipients) {
    std::erase_if(r.emails, [&bidders](const std::string& email) {
      return std::any_of(bidders.begin(), bidders.end(),
                         [&email](const BidderRecipient& b) { return b.email == email; });
    });
  }
  return recipients;
}

}  // namespace tb::tenders
