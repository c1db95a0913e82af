#include "suppliers/documents.h"

#include <array>
#include <string_view>
#include <utility>

#include "crypto/random.h"
#include "suppliers/profile.h"

namespace tb::suppliers {
namespace {

constexpr std::array<std::pair<DocumentKind, std::string_view>, 8> kKinds = {{
    {DocumentKind::kIncorporationCertificate, "incorporation_certificate"},
    {DocumentKind::kCertificate, "certificate"},
    {DocumentKind::kReferenceLetter, "reference_letter"},
    {DocumentKind::kFinancialStatement, "financial_statement"},
    {DocumentKind::kWomenOwnedEvidence, "women_owned_evidence"},
    {DocumentKind::kOwnershipStructure, "ownership_structure"},
    {DocumentKind::kTranslation, "translation"},
    {DocumentKind::kOther, "other"},
}};

}  // namespace

std::string_view DocumentKindName(DocumentKind kind) {
  for (const auto& [value, name] : kKinds) {
    if (value == kind) return name;
  }
  return "other";
}

std::optional<DocumentKind> ParseDocumentKind(std::string_view name) {
  for (const auto& [value, n] : kKinds) {
    if (n == name) return value;
  }
  return std::nullopt;
}

std::string Sha256Hex(std::span<const std::uint8_t> content) {
  return crypto::Sha256Hex(
      std::string_view(reinterpret_cast<const char*>(content.data()), content.size()));
}

Status ValidateDocumentMetadata(const DocumentMetadata& m, Timestamp now) {
  if (m.valid_from && m.valid_until && *m.valid_until < *m.valid_from) {
    return Status::InvalidArgument("valid_until is before valid_from").WithField("valid_until");
  }
  if (m.kind == DocumentKind::kFinancialStatement) {
    if (m.fiscal_year < 1900 || m.fiscal_year > YearOf(now)) {
      return Status::InvalidArgument(
                 "a financial statement needs the fiscal_year it covers "
                 "(1900 to " +
                 std::to_string(YearOf(now)) + ")")
          .WithField("fiscal_year");
    }
  } else if (m.fiscal_year != 0 || m.audited) {
    return Status::InvalidArgument("fiscal_year and audited apply to financial statements only")
        .WithField(m.fiscal_year != 0 ? "fiscal_year" : "audited");
  }
  if (!m.language.empty() && (m.language.size() != 2 || m.language[0] < 'a' ||
                              m.language[0] > 'z' || m.language[1] < 'a' || m.language[1] > 'z')) {
    return Status::InvalidArgument("language must be a two-letter ISO 639-1 code such as en")
        .WithField("language");
  }
  if (m.kind == DocumentKind::kTranslation) {
    if (!m.translation_of || !m.translation_of->valid()) {
      return Status::InvalidArgument("a translation names the document it translates")
          .WithField("translation_of");
    }
  } else if (m.translation_of) {
    return Status::InvalidArgument("translation_of applies to translations only")
        .WithField("translation_of");
  }
  return Status::Ok();
}

}  // namespace tb::suppliers
