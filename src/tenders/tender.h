#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/language.h"
#include "core/money.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "suppliers/readiness.h"
#include "tenders/evaluation.h"

// The tender model of issue #6 item 1 (docs/tendering.md): what an agency officer prepares,
// publishes and amends. Plain value types; the rules that depend on time, roles and the
// agency's procedure tables are in lifecycle.h, procedure_rules.h and TenderService.
namespace tb::tenders {

// The life of a tender (docs/tendering.md has the transition table, lifecycle.h the code).
enum class TenderState {
  kDraft,
  kPublished,  // open for clarifications, interest and bids until the deadline
  kClosed,     // the deadline passed; bids wait sealed for the opening
  kOpened,
  kEvaluation,
  kAwarded,  // standstill
  kCompleted,
  kCancelled,
};
// "draft", "published", "closed", "opened", "evaluation", "awarded", "completed",
// "cancelled": the tenders.state column (tender-schema contract) and the API.
std::string_view TenderStateName(TenderState state);
std::optional<TenderState> ParseTenderState(std::string_view name);

// UN solicitation methods: request for quotation, invitation to bid, request for proposal.
enum class ProcurementMethod { kRfq, kItb, kRfp };
std::string_view ProcurementMethodName(ProcurementMethod method);  // "rfq", "itb", "rfp"
std::optional<ProcurementMethod> ParseProcurementMethod(std::string_view name);

// One sealed envelope per bid, or a technical and a financial one opened in two stages (ET-05).
enum class EnvelopeMode { kSingle, kTwo };
std::string_view EnvelopeModeName(EnvelopeMode mode);  // "single", "two"
std::optional<EnvelopeMode> ParseEnvelopeMode(std::string_view name);

// The envelopes a bid has; each has its own key pair (SECURITY.md §5.2).
enum class Envelope { kSingle, kTechnical, kFinancial };
std::string_view EnvelopeName(Envelope envelope);  // "single", "technical", "financial"
std::optional<Envelope> ParseEnvelope(std::string_view name);
// kSingle: {single}; kTwo: {technical, financial}.
std::vector<Envelope> EnvelopesOf(EnvelopeMode mode);

struct TenderLot {
  std::string id;  // unique in the tender: "1", "lot-a"
  std::string title;
  std::string description;
  std::optional<Money> estimated_value;  // in the tender's currency
  bool operator==(const TenderLot&) const = default;
};

// A line of what is bought.
struct TenderItem {
  std::string id;      // unique in the tender
  std::string lot_id;  // empty, or the id of one of the tender's lots
  std::string description;
  std::string unspsc;   // 8 digits at any depth ("43211503", "43210000")
  double quantity = 0;  // > 0
  std::string unit;     // UN/CEFACT unit code or a plain word: "EA", "KGM", "lump sum"
  bool operator==(const TenderItem&) const = default;
};

// What an uploaded tender document is; the OCDS documentType follows from it
// (DocumentTypeOfKind).
enum class TenderDocumentKind {
  kTechnicalSpecification,
  kTermsOfReference,
  kForm,  // bid forms, declarations, price schedules to fill in
  kBillOfQuantities,
  kContractDraft,
  kOther,
};
// "technical_specification", "terms_of_reference", "form", "bill_of_quantities",
// "contract_draft", "other".
std::string_view TenderDocumentKindName(TenderDocumentKind kind);
std::optional<TenderDocumentKind> ParseTenderDocumentKind(std::string_view name);
// "technicalSpecifications", "billOfQuantity", "contractDraft"; the rest "biddingDocuments".
std::string_view DocumentTypeOfKind(TenderDocumentKind kind);

// One uploaded version of a tender document. The bytes are the blob `sha256`
// (suppliers::BlobStore); every check of suppliers/upload_checks.h passed before it was kept.
struct TenderDocumentFile {
  int version = 1;         // 1, 2, ... within the document
  std::string filename;    // sanitised (suppliers::SanitiseDisplayName); never a path
  std::string media_type;  // detected from the bytes, one of the allowlist
  std::int64_t size = 0;
  std::string sha256;  // lower-case hex
  Timestamp uploaded_at;
  bool operator==(const TenderDocumentFile&) const = default;
};

// A solicitation document (terms of reference, forms, drawings): linked by `url`, or
// uploaded (`files` not empty, `url` empty: the download route serves it, TenderDocumentPath).
struct TenderDocument {
  std::string id;  // unique in the tender
  std::string title;
  std::string url;  // https:// or http://; empty for an uploaded document
  std::string
      document_type;     // OCDS documentType: "biddingDocuments", "technicalSpecifications", ...
  std::string language;  // ISO 639-1, or empty
  std::string kind;      // a TenderDocumentKind name, or empty (linked documents)
  // Uploaded versions, oldest first; the last is current. Only TenderDocumentService adds
  // to it (CheckUploadedFiles refuses any other change), and after publication only by an
  // amendment, so older versions stay downloadable and in the amendment history.
  std::vector<TenderDocumentFile> files;
  bool operator==(const TenderDocument&) const = default;
};

// "/api/v1/tenders/<ocid>/documents/<id>/versions/<version>/content" (version 0: the
// current one). Relative: the caller puts its public origin in front.
std::string TenderDocumentPath(std::string_view ocid, const TenderDocument& document,
                               int version = 0);

// Who may bid.
struct Eligibility {
  // Suppliers must have reached at least this UNGM registration level (kNone: no minimum).
  suppliers::UngmLevel minimum_level = suppliers::UngmLevel::kNone;
  std::vector<std::string> countries;     // ISO 3166-1 alpha-2; empty: any country
  bool reserved_for_sme = false;          // micro, small and medium enterprises only
  bool reserved_for_women_owned = false;  // women-owned businesses only
  bool operator==(const Eligibility&) const = default;
};

struct BidSecurity {
  bool required = false;
  std::optional<Money> amount;  // required: > 0, in the tender's currency
  bool operator==(const BidSecurity&) const = default;
};

// A tender as stored. `evaluation.currency` always equals `currency`.
struct Tender {
  TenderId id;                  // 0 until stored
  std::string ocid;             // public id, assigned by the store: "ocds-tbrdg1-000042"
  OrganisationId organisation;  // the buying agency
  std::string buyer_name;       // the agency's name, read with the tender
  UserId created_by;
  TenderState state = TenderState::kDraft;

  std::string reference;  // the agency's own ("RFQ/UNDP/2026/017")
  std::string title;
  std::string description;
  Language language = Language::English();  // of the title and description
  ProcurementMethod method = ProcurementMethod::kRfq;
  std::string main_category;           // OCDS: "goods", "services", "works"; empty until set
  std::vector<std::string> countries;  // delivery / beneficiary countries, ISO 3166-1 alpha-2
  std::vector<TenderLot> lots;
  std::vector<TenderItem> items;
  std::vector<TenderDocument> documents;

  std::optional<Timestamp> deadline;  // UTC; set from a local time in `time_zone` (ET-13)
  std::string time_zone;              // IANA zone of the agency ("America/New_York")

  EnvelopeMode envelope_mode = EnvelopeMode::kSingle;
  EvaluationRules evaluation;
  Eligibility eligibility;
  BidSecurity bid_security;
  std::string currency = "USD";          // ISO 4217 of every price in this tender
  std::optional<Money> estimated_value;  // in `currency`
  std::string source_notice;  // public id of the notice the tender was prepared from, if any

  int opening_threshold = 2;  // k of the opening committee (2 <= k < n)
  std::string cancellation_reason;
  int amendment_count = 0;
  // Set by a substantive amendment: bids received before `reconfirm_after` must be
  // confirmed again by their bidders (Prozorro's rule; the bids module applies it).
  bool reconfirm_required = false;
  std::optional<Timestamp> reconfirm_after;

  Timestamp created_at;
  Timestamp updated_at;
  std::optional<Timestamp> published_at;
  std::optional<Timestamp> closed_at;
  std::int64_t version = 0;  // +1 on every write to the tender or its committee and keys

  bool operator==(const Tender&) const = default;
};

// Field checks that hold for a draft at any time: formats and references, not completeness.
// InvalidArgument naming the field ("items/2/unspsc", "evaluation/technical_weight",
// "bid_security/amount", "time_zone").
Status ValidateDraft(const Tender& tender);

// An uploaded document's own checks (used by ValidateDraft; `path` is "documents/<i>/"):
// a known kind if any, no url beside files, versions 1..n in order, each file with a name,
// an allowlisted media type, a size and a SHA-256.
Status ValidateDocumentFiles(const TenderDocument& document, std::string_view path);

// ValidateDraft plus what a published tender must have: title, description, at least one
// item, a deadline and its zone, a main category, and a weighted method's criteria.
// InvalidArgument naming the first missing or wrong field.
Status ValidateComplete(const Tender& tender);

// The public id for the tender stored with `id`: "ocds-tbrdg1-" and six or more digits.
std::string OcidFor(TenderId id);

// The UTC instant of `local` ("2026-12-01T17:00" or "...T17:00:30") in `zone`. InvalidArgument
// with field "deadline" for text that is not such a time, and time_zone::ToUtc's refusals
// (unknown zone: field "time_zone"; a time in a DST gap or overlap: field "deadline", ET-13).
Result<Timestamp> DeadlineFromLocal(std::string_view local, std::string_view zone);

// The wall-clock time of `t` in `zone` without offset ("2026-12-01T17:00:00"), for the form
// that edits it. InvalidArgument for an unknown zone.
Result<std::string> LocalDeadlineText(Timestamp t, std::string_view zone);

}  // namespace tb::tenders
