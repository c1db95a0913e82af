// The readiness messages in the six UN languages, for the CLI and the UNGM export (the web UI
// carries its own copy in web/src/locales under the same keys). {name} is a parameter.
#include <array>

#include "suppliers/readiness.h"

namespace tb::suppliers {
namespace {

struct Message {
  std::string_view key;
  std::array<std::string_view, 6> text;  // en, fr, es, zh, ar, ru
};

constexpr std::array<std::string_view, 6> kLanguages = {"en", "fr", "es", "zh", "ar", "ru"};

constexpr Message kMessages[] = {
    {"readiness.general_information",
     {"Complete the general information: {missing}.",
      "Complétez les informations générales : {missing}.",
      "Complete la información general: {missing}.", "请填写基本信息：{missing}。",
      "أكمل المعلومات العامة: {missing}.", "Заполните общие сведения: {missing}."}},
    {"readiness.address",
     {"Enter the registered address: street, city and country.",
      "Saisissez l'adresse enregistrée : rue, ville et pays.",
      "Introduzca la dirección registrada: calle, ciudad y país.",
      "请填写注册地址：街道、城市和国家。", "أدخل العنوان المسجَّل: الشارع والمدينة والبلد.",
      "Укажите зарегистрированный адрес: улицу, город и страну."}},
    {"readiness.countries",
     {"List at least one country where your company operates.",
      "Indiquez au moins un pays dans lequel votre entreprise exerce ses activités.",
      "Indique al menos un país en el que opera su empresa.",
      "请至少列出一个贵公司开展业务的国家。", "اذكر بلدًا واحدًا على الأقل تعمل فيه شركتك.",
      "Укажите хотя бы одну страну, в которой работает ваша компания."}},
    {"readiness.contacts",
     {"Add a contact person with a name and an e-mail address.",
      "Ajoutez une personne de contact avec un nom et une adresse électronique.",
      "Añada una persona de contacto con nombre y correo electrónico.",
      "请添加一位联系人，并填写姓名和电子邮件地址。",
      "أضف شخصًا للاتصال مع اسمه وعنوان بريده الإلكتروني.",
      "Добавьте контактное лицо с именем и адресом электронной почты."}},
    {"readiness.codes",
     {"Choose the UNSPSC codes of the goods and services you offer with the code picker.",
      "Choisissez avec le sélecteur de codes les codes UNSPSC des biens et services que vous "
      "proposez.",
      "Elija con el selector de códigos los códigos UNSPSC de los bienes y servicios que ofrece.",
      "请使用代码选择器选择贵公司所提供货物和服务的 UNSPSC 代码。",
      "اختر باستخدام أداة اختيار الرموز رموز UNSPSC للسلع والخدمات التي تقدمها.",
      "Выберите с помощью подбора кодов коды UNSPSC товаров и услуг, которые вы предлагаете."}},
    {"readiness.code_of_conduct",
     {"Read and accept the UN Supplier Code of Conduct.",
      "Lisez et acceptez le Code de conduite des fournisseurs des Nations Unies.",
      "Lea y acepte el Código de Conducta para Proveedores de las Naciones Unidas.",
      "请阅读并接受《联合国供应商行为守则》。",
      "اقرأ مدونة قواعد سلوك موردي الأمم المتحدة ووافق عليها.",
      "Прочитайте и примите Кодекс поведения поставщиков ООН."}},
    {"readiness.incorporation_certificate",
     {"Upload your certificate of incorporation, in English or with a certified English "
      "translation.",
      "Téléversez votre certificat de constitution, en anglais ou accompagné d'une traduction "
      "certifiée en anglais.",
      "Suba su certificado de constitución, en inglés o con una traducción certificada al inglés.",
      "请上传贵公司的注册证书（英文版，或附经认证的英文译本）。",
      "حمِّل شهادة تأسيس شركتك باللغة الإنكليزية أو مع ترجمة معتمدة إلى الإنكليزية.",
      "Загрузите свидетельство о регистрации компании на английском языке или с заверенным "
      "переводом на английский."}},
    {"readiness.incorporation_translation",
     {"Upload a certified English translation of your certificate of incorporation.",
      "Téléversez une traduction certifiée en anglais de votre certificat de constitution.",
      "Suba una traducción certificada al inglés de su certificado de constitución.",
      "请上传注册证书经认证的英文译本。", "حمِّل ترجمة معتمدة إلى الإنكليزية لشهادة تأسيس شركتك.",
      "Загрузите заверенный перевод свидетельства о регистрации на английский язык."}},
    {"readiness.incorporation_expired",
     {"Your certificate of incorporation expired on {date}; upload a current one.",
      "Votre certificat de constitution a expiré le {date} ; téléversez-en un en cours de "
      "validité.",
      "Su certificado de constitución venció el {date}; suba uno vigente.",
      "贵公司的注册证书已于 {date} 过期，请上传有效的证书。",
      "انتهت صلاحية شهادة التأسيس في {date}؛ حمِّل شهادة سارية.",
      "Срок действия свидетельства о регистрации истёк {date}; загрузите действующее."}},
    {"readiness.references",
     {"Add {missing} more client references; UNGM asks for 3.",
      "Ajoutez {missing} référence(s) client supplémentaire(s) ; UNGM en demande 3.",
      "Añada {missing} referencia(s) de clientes más; UNGM pide 3.",
      "请再添加 {missing} 个客户推荐；UNGM 要求 3 个。",
      "المراجع الناقصة من العملاء: {missing}؛ أضفها (يطلب UNGM ثلاثة مراجع).",
      "Недостаёт рекомендаций клиентов: {missing}; добавьте их (UNGM требует 3)."}},
    {"readiness.ownership_structure",
     {"Describe your ownership structure: list the owners or upload an ownership chart.",
      "Décrivez la structure de propriété : indiquez les propriétaires ou téléversez un "
      "organigramme de propriété.",
      "Describa su estructura de propiedad: indique los propietarios o suba un organigrama de "
      "propiedad.",
      "请说明贵公司的所有权结构：列出所有者或上传股权结构图。",
      "صف هيكل ملكية شركتك: اذكر المالكين أو حمِّل مخططًا للملكية.",
      "Опишите структуру собственности: перечислите владельцев или загрузите схему владения."}},
    {"readiness.year_established",
     {"Enter the year your company was established.",
      "Indiquez l'année de création de votre entreprise.",
      "Indique el año de fundación de su empresa.", "请填写贵公司的成立年份。",
      "أدخل سنة تأسيس شركتك.", "Укажите год основания вашей компании."}},
    {"readiness.years_in_business",
     {"UNGM Level 2 needs 3 years in business; your company qualifies from {year}.",
      "Le niveau 2 d'UNGM exige 3 ans d'activité ; votre entreprise y aura droit à partir de "
      "{year}.",
      "El nivel 2 de UNGM exige 3 años de actividad; su empresa cumplirá el requisito a partir de "
      "{year}.",
      "UNGM 第 2 级要求经营满 3 年；贵公司自 {year} 年起符合条件。",
      "يتطلب المستوى 2 في UNGM ثلاث سنوات من النشاط؛ تستوفي شركتك هذا الشرط اعتبارًا من عام {year}.",
      "Для уровня 2 UNGM нужно 3 года деятельности; ваша компания будет соответствовать с {year} "
      "года."}},
    {"readiness.reference_letters",
     {"Upload {missing} more reference letters from clients; UNGM asks for 3.",
      "Téléversez {missing} lettre(s) de référence de clients supplémentaire(s) ; UNGM en demande "
      "3.",
      "Suba {missing} carta(s) de referencia de clientes más; UNGM pide 3.",
      "请再上传 {missing} 封客户推荐信；UNGM 要求 3 封。",
      "رسائل التوصية الناقصة من العملاء: {missing}؛ حمِّلها (يطلب UNGM ثلاث رسائل).",
      "Недостаёт рекомендательных писем клиентов: {missing}; загрузите их (UNGM требует 3)."}},
    {"readiness.financial_statements",
     {"Upload audited financial statements for {missing} more recent years; UNGM asks for 3.",
      "Téléversez les états financiers audités de {missing} exercice(s) récent(s) "
      "supplémentaire(s) ; UNGM en demande 3.",
      "Suba los estados financieros auditados de {missing} ejercicio(s) reciente(s) más; UNGM "
      "pide 3.",
      "请再上传最近 {missing} 个年度经审计的财务报表；UNGM 要求 3 年。",
      "السنوات الناقصة من البيانات المالية المدققة الأخيرة: {missing}؛ حمِّلها (يطلب UNGM ثلاث "
      "سنوات).",
      "Недостаёт лет аудированной финансовой отчётности: {missing}; загрузите её (UNGM требует 3 "
      "последних года)."}},
};

}  // namespace

std::vector<std::string_view> ReadinessMessageKeys() {
  std::vector<std::string_view> keys;
  for (const Message& m : kMessages) keys.push_back(m.key);
  return keys;
}

std::optional<std::string_view> ReadinessMessageTemplate(std::string_view key,
                                                         std::string_view language_code) {
  for (std::size_t lang = 0; lang < kLanguages.size(); ++lang) {
    if (kLanguages[lang] != language_code) continue;
    for (const Message& m : kMessages) {
      if (m.key == key && !m.text[lang].empty()) return m.text[lang];
    }
  }
  return std::nullopt;
}

}  // namespace tb::suppliers
