#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/timestamp.h"
#include "notices/notice.h"

namespace tb::notices::importers {

// Helpers shared by the UNGM and UNDP readers (docs/importers.md, "UNGM").

// The agency's usual acronym for a UNGM organisation name: "FOOD AND AGRICULTURE
// ORGANISATION (FAO)" -> "FAO"; the scraper's "... (IMO)" for the International Organization
// for Migration -> "IOM"; "UNITED NATIONS SYSTEM" -> "UN Women", "ECA" or "UN Secretariat"
// by the reference. Unknown names are returned trimmed.
std::string NormalizeAgency(std::string_view organisation, std::string_view reference);

// The notice type from the reference prefix (RFQ, ITB, RFP, EOI, RFI, IC, LRFQ/LRQS, LRPS,
// LTA, ...) and, failing that, from words in the title ("request for quotation",
// "national consultant", ...). kOther when neither says.
NoticeType InferNoticeType(std::string_view reference, std::string_view title);

// A reference with an amendment suffix split off: "UNDP-HQ-01791,2" and "UNDP-KEN-00242-2"
// -> {"UNDP-HQ-01791", 2}. References without one come back whole with amendment 0.
struct SplitReference {
  std::string base;
  int amendment = 0;
};
SplitReference SplitAmendmentSuffix(std::string_view reference);

// "03-Sep-2025 15:33 (GMT -4.00)" -> the UTC instant; `zone` is set to the matching IANA
// "Etc/GMT+4" zone for whole-hour offsets. InvalidArgument otherwise.
Result<Timestamp> ParseGmtOffsetTime(std::string_view text, std::string* zone);

// "09-Sep-25\n12:00 PM (New York time)" -> UTC through America/New_York; `zone` is set to
// "America/New_York". InvalidArgument otherwise.
Result<Timestamp> ParseNewYorkTime(std::string_view text, std::string* zone);

// "28-Jul-2025" or "03-Sep-25" -> midnight UTC of that day. InvalidArgument otherwise.
Result<Timestamp> ParseDayMonthYear(std::string_view text);

// "https://www.ungm.org/Public/Notice/228090" -> "228090"; "" when the URL has no number.
std::string UngmNoticeNumber(std::string_view url);

// "ungm-<number>" when the URL has one, else "<agency lower-case>-<reference>".
std::string UngmPublicId(std::string_view url, std::string_view agency, std::string_view reference);

// Replaces <br/> (and <br>, <br />) with newlines.
std::string BreaksToNewlines(std::string_view html);

}  // namespace tb::notices::importers
