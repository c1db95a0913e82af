#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/language.h"
#include "core/money.h"
#include "core/timestamp.h"
#include "core/unspsc.h"

namespace tb::notices {

// How the agency solicits offers. Maps to OCDS tender.procurementMethodDetails and to the
// UNGM notice types.
enum class NoticeType {
  kRequestForQuotation,   // RFQ
  kInvitationToBid,       // ITB
  kRequestForProposal,    // RFP
  kExpressionOfInterest,  // EOI
  kRequestForInformation, // RFI
  kIndividualConsultant,  // IC
  kGrant,                 // call for proposals for grants
  kOther,
};

// OCDS tender.status codelist.
enum class NoticeStatus { kPlanning, kPlanned, kActive, kCancelled, kUnsuccessful, kComplete, kWithdrawn };

// Stable lower-case names used in the API, the database and OCDS mapping ("rfq", "itb",
// "rfp", "eoi", "rfi", "individual_consultant", "grant", "other"; "active", "complete", ...).
std::string_view NoticeTypeName(NoticeType type);
std::optional<NoticeType> NoticeTypeFromName(std::string_view name);
std::string_view NoticeStatusName(NoticeStatus status);
std::optional<NoticeStatus> NoticeStatusFromName(std::string_view name);

// Text together with the language it is written in.
struct LocalizedText {
  std::string text;
  Language language;
  bool operator==(const LocalizedText&) const = default;
};

// OCDS tender.lots[].
struct Lot {
  std::string id;
  std::string title;
  std::string description;
  std::optional<Money> value;
  std::string status;
  bool operator==(const Lot&) const = default;
};

// OCDS documents[]; also links to the agency's notice pages.
struct Document {
  std::string id;
  std::string title;
  std::string url;
  std::string document_type;  // OCDS documentType codelist ("tenderNotice", ...)
  std::string format;         // MIME type when known
  Language language;
  std::optional<Timestamp> published;
  bool operator==(const Document&) const = default;
};

// OCDS contactPoint of the buyer, as published.
struct Contact {
  std::string name;
  std::string email;
  std::string telephone;
  std::string url;
  std::string address;
  bool operator==(const Contact&) const = default;
};

// One change to a published notice: OCDS tender.amendments[] as the publisher states it,
// or a change the importer observed between two versions of the same notice.
struct Amendment {
  std::string id;
  std::optional<Timestamp> date;
  std::string rationale;
  std::string description;
  bool operator==(const Amendment&) const = default;
};

// A procurement notice from a UN agency or an open-contracting publisher. It maps to an
// OCDS 1.1 compiled release (docs/ocds-mapping.md): public_id is the ocid, or the agency's
// reference for UNGM notices. Plain value type.
struct Notice {
  NoticeId id;            // internal; 0 until stored
  std::string public_id;  // stable, unique: ocid or "ungm-<number>" etc.
  std::string reference;  // the agency's own reference ("RFQ/2024/50941")
  LocalizedText title;
  LocalizedText description;
  std::string buyer;      // agency or buyer name ("UNDP", "Ministry of Health")
  std::string buyer_id;   // OCDS party id when published
  NoticeType type = NoticeType::kOther;
  NoticeStatus status = NoticeStatus::kActive;
  std::string procurement_method;  // OCDS: open, selective, limited, direct
  std::string main_category;       // OCDS: goods, works, services
  std::optional<Timestamp> published;
  std::optional<Timestamp> deadline;  // UTC
  std::string deadline_time_zone;     // IANA zone the agency stated the deadline in, if known
  std::vector<std::string> countries;  // beneficiary countries, ISO 3166-1 alpha-2, sorted
  std::vector<UnspscCode> unspsc;      // sorted, unique, any depth
  std::vector<Lot> lots;
  std::optional<Money> estimated_value;
  std::vector<Document> documents;
  Contact contact;
  std::string source;      // "ungm", "undp", "ocds", "secop", "austender"
  std::string source_url;  // where the notice is published
  std::vector<Amendment> amendments;
  std::optional<Timestamp> updated;  // the date of the latest release or amendment applied

  bool operator==(const Notice&) const = default;
};

// Sorts and de-duplicates `countries` and `unspsc`, trims text. Importers call it so that the
// same notice always serialises to the same bytes (imports compare content to stay idempotent).
void Normalize(Notice& notice);

// A digest of everything in the notice except `id`: equal content, equal fingerprint.
std::string Fingerprint(const Notice& notice);

// Merges `incoming` (a newer view of the same notice, e.g. a later OCDS release or a later
// UNGM row) into `current`: fields that `incoming` has win; empty ones leave `current` alone;
// code and country lists are united, documents and amendments appended when new. This is the
// OCDS merge rule for compiled releases at field level.
Notice Merge(Notice current, const Notice& incoming);

}  // namespace tb::notices
