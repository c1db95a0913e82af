#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "core/language.h"
#include "suppliers/documents.h"
#include "suppliers/profile.h"
#include "suppliers/readiness.h"

namespace tb::suppliers {

// The profile in the order of UNGM's registration forms, so a company can copy it field by
// field: general information, address, contacts, countries, UNSPSC codes, declarations,
// then the Level 1 and Level 2 items, then what UNGM asks about separately (certificates,
// sustainability) and the readiness summary with next steps in `language`.
// Documents appear by name, kind, language, year and validity only: no content, and
// financial statements by fiscal year and audited flag only. `code_titles` maps a code to
// its title in `language`.
nlohmann::ordered_json UngmExportJson(const SupplierRecord& record,
                                      std::span<const DocumentInfo> documents,
                                      const Readiness& readiness,
                                      const std::map<std::string, std::string>& code_titles,
                                      const Language& language);

// The same as plain text: one "Section" heading per form, "  Field: value" lines, lists
// indented, English field labels (UNGM's forms are in English).
std::string UngmExportText(const nlohmann::ordered_json& exported);

}  // namespace tb::suppliers
