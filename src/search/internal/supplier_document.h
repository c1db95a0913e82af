#pragma once

#include <string>

#include "core/ids.h"
#include "search/supplier_index.h"

namespace Xapian {
class Document;
}

namespace tb::search {
class UnspscTitleLookup;
}

// The supplier directory's Xapian document (docs/search.md, "Supplier directory"). Private
// to search/.
namespace tb::search::internal {

// Boolean terms beside kIdPrefix ("Q<id>") and kCodePrefix ("XC" + every ancestor prefix of
// every code) of layout.h.
inline constexpr std::string_view kListedCodePrefix = "XE";       // XE432115: a code as listed
inline constexpr std::string_view kSupplierCountryPrefix = "XK";  // address and operations
inline constexpr std::string_view kSizePrefix = "XZ";             // XZsmall
inline constexpr std::string_view kWomenOwnedPrefix = "XW";       // XW1 / XW0
inline constexpr std::string_view kDisabilityPrefix = "XD";       // XD1 / XD0
inline constexpr std::string_view kSmePrefix = "XM";              // XM1 / XM0; none when unknown
inline constexpr std::string_view kCertificatePrefix = "XT";      // XTiso_9001
inline constexpr std::string_view kLevelAtLeastPrefix = "XV";     // XV0 .. XV<level>
inline constexpr std::string_view kReviewStatePrefix = "XR";      // XRregistered

// Value slots.
inline constexpr unsigned kNameSortSlot = 0;  // folded name, NUL, 20-digit id: unique, ordered
// The facet record: country, size, women-owned ("true"/"false"), level ("0".."3") and the
// certificate types (joined by kListSeparator), separated by kRecordSeparator.
inline constexpr unsigned kSupplierFacetSlot = 1;

// Field weights (wdf per word): names > code titles > description.
inline constexpr unsigned kNameWeight = 5;
inline constexpr unsigned kSupplierCodeTitleWeight = 3;
inline constexpr unsigned kSupplierDescriptionWeight = 1;

// "Q<id>".
std::string SupplierIdTerm(SupplierId id);

// The sort key of kNameSortSlot.
std::string SupplierSortKey(const SupplierDocument& supplier);

// Builds the document. `titles` (may be null) supplies the English titles of the codes.
Xapian::Document BuildSupplierDocument(const SupplierDocument& supplier,
                                       const UnspscTitleLookup* titles);

// The SupplierDocument kept as the document's data (description cut to 4,000 bytes).
SupplierDocument ReadStoredSupplier(const std::string& data);

}  // namespace tb::search::internal
