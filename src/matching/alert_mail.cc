#include "matching/alert_mail.h"

#include <array>

namespace tb::matching {
namespace {

// The texts of the alert e-mails, one row per language.
struct MailTexts {
  std::string_view language;
  std::string_view instant_subject;  // followed by " (N)"
  std::string_view daily_subject;
  std::string_view weekly_subject;
  std::string_view intro;
  std::string_view deadline;
  std::string_view profile;
  std::string_view saved_search;  // followed by ": name"
  std::string_view amendment;
  std::string_view invitation;
  std::string_view settings;
  std::string_view unsubscribe;
};

constexpr std::array<MailTexts, 6> kTexts = {{
    {"en", "New procurement notices for you", "Your daily procurement digest",
     "Your weekly procurement digest", "These notices match what you asked TenderBridge to watch.",
     "Deadline", "Matches your company profile", "Your saved search", "Amended notice",
     "A procurement officer invited your company", "Change your alert settings", "Unsubscribe"},
    {"fr", "Nouveaux avis de marché pour vous", "Votre résumé quotidien des marchés",
     "Votre résumé hebdomadaire des marchés",
     "Ces avis correspondent à ce que vous avez demandé à TenderBridge de suivre.",
     "Date limite", "Correspond au profil de votre entreprise", "Votre recherche enregistrée",
     "Avis modifié", "Un responsable des achats a invité votre entreprise",
     "Modifier vos alertes", "Se désabonner"},
    {"es", "Nuevos avisos de adquisiciones para usted", "Su resumen diario de adquisiciones",
     "Su resumen semanal de adquisiciones",
     "Estos avisos coinciden con lo que pidió a TenderBridge que vigilara.", "Fecha límite",
     "Coincide con el perfil de su empresa", "Su búsqueda guardada", "Aviso modificado",
     "Un oficial de adquisiciones invitó a su empresa", "Cambiar sus alertas",
     "Cancelar la suscripción"},
    {"zh", "为您推荐的新采购公告", "您的每日采购摘要", "您的每周采购摘要",
     "这些公告符合您在 TenderBridge 上设置的关注条件。", "截止日期", "与贵公司资料匹配",
     "您保存的搜索", "公告已修订", "采购官员邀请了贵公司", "更改提醒设置", "退订"},
    {"ar", "إشعارات شراء جديدة لك", "ملخصك اليومي للمشتريات", "ملخصك الأسبوعي للمشتريات",
     "تطابق هذه الإشعارات ما طلبت من TenderBridge متابعته.", "الموعد النهائي",
     "تطابق ملف شركتك", "بحثك المحفوظ", "إشعار معدَّل", "دعا موظف مشتريات شركتك",
     "تغيير إعدادات التنبيه", "إلغاء الاشتراك"},
    {"ru", "Новые закупочные извещения для вас", "Ваша ежедневная сводка закупок",
     "Ваша еженедельная сводка закупок",
     "Эти извещения соответствуют тому, что вы попросили TenderBridge отслеживать.",
     "Срок подачи", "Соответствует профилю вашей компании", "Ваш сохранённый поиск",
     "Извещение изменено", "Сотрудник по закупкам пригласил вашу компанию",
     "Изменить настройки оповещений", "Отписаться"},
}};

const MailTexts& TextsFor(std::string_view language) {
  for (const MailTexts& t : kTexts) {
    if (t.language == language) return t;
  }
  return kTexts[0];
}

std::string ReasonLine(const MailTexts& t, const AlertMailItem& item) {
  switch (item.reason) {
    case AlertReason::kProfile:
      return std::string(t.profile);
    case AlertReason::kSavedSearch:
      return std::string(t.saved_search) + ": " + item.saved_search_name;
    case AlertReason::kAmendment:
      return std::string(t.amendment);
    case AlertReason::kInvitation:
      return std::string(t.invitation);
  }
  return "";
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

auth::MailMessage AlertMail(std::string_view language, std::string_view to, std::string_view kind,
                            const std::vector<AlertMailItem>& items,
                            std::string_view unsubscribe_url, std::string_view settings_url) {
  const MailTexts& t = TextsFor(language);
  auth::MailMessage m;
  m.to = std::string(to);
  const std::string_view subject =
      kind == "daily" ? t.daily_subject : kind == "weekly" ? t.weekly_subject : t.instant_subject;
  m.subject = std::string(subject) + " (" + std::to_string(items.size()) + ")";
  m.list_unsubscribe = std::string(unsubscribe_url);

  const bool rtl = t.language == "ar";
  m.text = std::string(t.intro) + "\n\n";
  m.html = "<!doctype html><html lang=\"" + std::string(t.language) + "\" dir=\"" +
           (rtl ? "rtl" : "ltr") + "\"><body style=\"font-family:sans-serif\"><p>" +
           EscapeHtml(t.intro) + "</p><ul>";
  for (const AlertMailItem& item : items) {
    const std::string reason = ReasonLine(t, item);
    m.text += "* " + item.title + "\n  " + item.agency;
    if (item.deadline) m.text += " | " + std::string(t.deadline) + ": " + item.deadline->ToRfc3339();
    m.text += "\n  " + reason;
    if (!item.why.empty()) m.text += " (" + item.why + ")";
    m.text += "\n  " + item.url + "\n\n";

    m.html += "<li><a href=\"" + EscapeHtml(item.url) + "\">" + EscapeHtml(item.title) + "</a><br>" +
              EscapeHtml(item.agency);
    if (item.deadline) {
      m.html += " · " + EscapeHtml(t.deadline) + ": " + EscapeHtml(item.deadline->ToRfc3339());
    }
    m.html += "<br><small>" + EscapeHtml(reason);
    if (!item.why.empty()) m.html += " — " + EscapeHtml(item.why);
    m.html += "</small></li>";
  }
  m.text += std::string(t.settings) + ": " + std::string(settings_url) + "\n" +
            std::string(t.unsubscribe) + ": " + std::string(unsubscribe_url) + "\n";
  m.html += "</ul><p><a href=\"" + EscapeHtml(settings_url) + "\">" + EscapeHtml(t.settings) +
            "</a> · <a href=\"" + EscapeHtml(unsubscribe_url) + "\">" + EscapeHtml(t.unsubscribe) +
            "</a></p></body></html>";
  return m;
}

}  // namespace tb::matching
