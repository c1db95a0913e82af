#include "notices/importers/secop_reader.h"

#include <cstdlib>

#include "core/text.h"

namespace tb::notices::importers {
namespace {

// "2025-12-26T00:00:00.000" (no offset): a wall-clock time in `zone`.
Result<Timestamp> LocalTime(std::string_view text, std::string_view zone) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
    return Status::InvalidArgument("not a date: \"" + std::string(text.substr(0, 40)) + "\"");
  }
  const auto num = [&](std::size_t at, std::size_t n, int& out) {
    if (at + n > text.size()) return false;
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  LocalDateTime local;
  bool ok = num(0, 4, local.year) && num(5, 2, local.month) && num(8, 2, local.day);
  if (ok && text.size() >= 16 && text[10] == 'T') {
    ok = num(11, 2, local.hour) && num(14, 2, local.minute);
    if (ok && text.size() >= 19) ok = num(17, 2, local.second);
  }
  if (!ok) return Status::InvalidArgument("not a date: \"" + std::string(text.substr(0, 40)) + "\"");
  return time_zone::ToUtc(local, zone);
}

// SECOP's modalidad de contratación and phase to a notice type. Colombian law names them:
// licitación pública (ITB), selección abreviada with manifestación de interés (EOI),
// mínima cuantía (a price quotation: RFQ), concurso de méritos (consultants: RFP).
NoticeType SecopType(std::string_view modality, std::string_view phase) {
  const std::string m = text::ToLowerAscii(std::string(modality) + " " + std::string(phase));
  if (m.find("manifestaci") != std::string::npos) return NoticeType::kExpressionOfInterest;
  if (m.find("licitaci") != std::string::npos) return NoticeType::kInvitationToBid;
  if (m.find("nima cuant") != std::string::npos) return NoticeType::kRequestForQuotation;
  if (m.find("concurso de m") != std::string::npos) return NoticeType::kRequestForProposal;
  return NoticeType::kOther;
}

std::string SecopMethod(std::string_view modality) {
  const std::string m = text::ToLowerAscii(modality);
  if (m.find("licitaci") != std::string::npos || m.find("nima cuant") != std::string::npos) return "open";
  if (m.find("selecci") != std::string::npos || m.find("concurso") != std::string::npos) return "selective";
  if (m.find("directa") != std::string::npos) return "direct";
  if (m.find("especial") != std::string::npos) return "limited";
  return {};
}

std::string SecopCategory(std::string_view contract_type) {
  const std::string t = text::ToLowerAscii(contract_type);
  if (t.find("obra") != std::string::npos) return "works";
  if (t.find("suministro") != std::string::npos || t.find("compraventa") != std::string::npos) return "goods";
  if (t.find("servicio") != std::string::npos || t.find("consultor") != std::string::npos) return "services";
  return {};
}

NoticeStatus Secop2Status(std::string_view state) {
  const std::string s = text::ToLowerAscii(state);
  if (s.find("cancel") != std::string::npos) return NoticeStatus::kCancelled;
  if (s.find("adjudicado") != std::string::npos || s.find("celebrado") != std::string::npos) return NoticeStatus::kComplete;
  if (s.find("desiert") != std::string::npos) return NoticeStatus::kUnsuccessful;
  return NoticeStatus::kActive;
}

// Long SECOP I objects make poor titles: cut at a word boundary near `limit` bytes.
std::string ShortTitle(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = text.rfind(' ', limit);
  if (cut == std::string_view::npos || cut < limit / 2) cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return std::string(text::Trim(text.substr(0, cut))) + "…";
}

Status AddCode(std::string_view code_text, std::string_view column, Notice& notice) {
  code_text = text::Trim(code_text);
  if (code_text.empty()) return Status::Ok();
  auto code = UnspscCode::Parse(code_text);
  if (!code.ok()) {
    return Status::InvalidArgument("not a UNSPSC code: \"" + std::string(code_text) + "\"").WithField(std::string(column));
  }
  notice.unspsc.push_back(*code);
  return Status::Ok();
}

Status AddValue(std::string_view amount, std::string_view column, Notice& notice) {
  amount = text::Trim(amount);
  if (amount.empty() || amount == "0") return Status::Ok();
  auto money = Money::FromDecimal(amount, "COP");
  if (!money.ok()) return money.status().WithField(std::string(column));
  notice.estimated_value = *money;
  return Status::Ok();
}

ReadRecord Fail(std::string locator, Status status) {
  ReadRecord record;
  record.locator = std::move(locator);
  record.error = std::move(status);
  return record;
}

}  // namespace

SecopReader::SecopReader(std::istream& in, std::string name) : name_(std::move(name)), csv_(in) {}

ReadRecord SecopReader::MapSecop2(const std::vector<std::string>& row, std::string locator) const {
  const auto col = [&](std::string_view c) { return text::Trim(header_.Get(row, c)); };
  Notice notice;
  notice.public_id = std::string(col("id_del_proceso"));
  if (notice.public_id.empty()) return Reject(locator, "id_del_proceso", "the process has no id");
  notice.reference = std::string(col("referencia_del_proceso"));
  notice.title = {std::string(col("nombre_del_procedimiento")), Language::Spanish()};
  notice.description = {std::string(col("descripci_n_del_procedimiento")), Language::Spanish()};
  notice.buyer = std::string(col("entidad"));
  if (const auto nit = col("nit_entidad"); !nit.empty()) notice.buyer_id = "CO-NIT-" + std::string(nit);
  notice.type = SecopType(col("modalidad_de_contratacion"), col("fase"));
  notice.status = Secop2Status(col("estado_del_procedimiento"));
  notice.procurement_method = SecopMethod(col("modalidad_de_contratacion"));
  notice.main_category = SecopCategory(col("tipo_de_contrato"));
  notice.countries = {"CO"};
  notice.source = "secop";
  notice.source_url = std::string(col("urlproceso"));
  if (const auto t = col("fecha_de_publicacion_del"); !t.empty()) {
    auto published = LocalTime(t, "America/Bogota");
    if (!published.ok()) return Fail(locator, published.status().WithField("fecha_de_publicacion_del"));
    notice.published = *published;
  }
  if (const auto t = col("fecha_de_recepcion_de"); !t.empty()) {
    auto deadline = LocalTime(t, "America/Bogota");
    if (!deadline.ok()) return Fail(locator, deadline.status().WithField("fecha_de_recepcion_de"));
    notice.deadline = *deadline;
    notice.deadline_time_zone = "America/Bogota";
  }
  if (Status s = AddCode(col("unspsc"), "unspsc", notice); !s.ok()) return Fail(locator, s);
  if (Status s = AddValue(col("precio_base"), "precio_base", notice); !s.ok()) return Fail(locator, s);
  Normalize(notice);
  return {std::move(locator), std::move(notice), std::nullopt, Status::Ok()};
}

ReadRecord SecopReader::MapSecop1(const std::vector<std::string>& row, std::string locator) const {
  const auto col = [&](std::string_view c) { return text::Trim(header_.Get(row, c)); };
  Notice notice;
  notice.public_id = std::string(col("numero_de_constancia"));
  if (notice.public_id.empty()) return Reject(locator, "numero_de_constancia", "the process has no id");
  notice.reference = std::string(col("numero_de_proceso"));
  const std::string_view object = col("detalle_del_objeto_a_contratar");
  notice.title = {ShortTitle(object, 160), Language::Spanish()};
  if (object.size() > 160) notice.description = {std::string(object), Language::Spanish()};
  notice.buyer = std::string(col("nombre_entidad"));
  if (const auto nit = col("nit_de_la_entidad"); !nit.empty()) notice.buyer_id = "CO-NIT-" + std::string(nit);
  notice.type = SecopType(col("modalidad_de_contratacion"), "");
  const std::string_view award = col("id_adjudicacion");
  notice.status = !award.empty() && text::ToLowerAscii(award) != "sin adjudicar" ? NoticeStatus::kComplete
                                                                                  : NoticeStatus::kActive;
  notice.procurement_method = SecopMethod(col("modalidad_de_contratacion"));
  notice.main_category = SecopCategory(col("tipo_de_contrato"));
  notice.countries = {"CO"};
  notice.source = "secop";
  notice.source_url = std::string(col("ruta_proceso_en_secop_i"));
  if (const auto t = col("fecha_de_cargue_en_el_secop"); !t.empty()) {
    auto published = Timestamp::FromRfc3339(t);
    if (!published.ok()) return Fail(locator, published.status().WithField("fecha_de_cargue_en_el_secop"));
    notice.published = *published;
  }
  if (Status s = AddCode(col("unspsc"), "unspsc", notice); !s.ok()) return Fail(locator, s);
  if (Status s = AddValue(col("cuantia_proceso"), "cuantia_proceso", notice); !s.ok()) return Fail(locator, s);
  Normalize(notice);
  return {std::move(locator), std::move(notice), std::nullopt, Status::Ok()};
}

Result<bool> SecopReader::Next(ReadRecord& record) {
  if (version_ == 0) {
    TB_ASSIGN_OR_RETURN(bool has_header, csv_.Next(row_));
    if (!has_header) return false;
    header_ = CsvHeader(row_);
    if (header_.Has("id_del_proceso")) {
      version_ = 2;
    } else if (header_.Has("numero_de_constancia")) {
      version_ = 1;
    } else {
      return Status::InvalidArgument(LineLocator(name_, 1) +
                                     ": not a SECOP I or SECOP II file (no id_del_proceso or "
                                     "numero_de_constancia column)");
    }
  }
  auto more = csv_.Next(row_);
  if (!more.ok()) return more.status().WithContext(LineLocator(name_, csv_.record_line()));
  if (!*more) return false;
  std::string locator = LineLocator(name_, csv_.record_line());
  record = version_ == 2 ? MapSecop2(row_, std::move(locator)) : MapSecop1(row_, std::move(locator));
  return true;
}

}  // namespace tb::notices::importers
