#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "core/unspsc.h"

namespace tb::suppliers {

// The company size of OCDS `parties/details/scale` (partyScale codelist).
enum class PartyScale { kMicro, kSmall, kMedium, kLarge };
std::string_view PartyScaleName(PartyScale scale);
std::optional<PartyScale> ParsePartyScale(std::string_view name);

// Where a profile stands in the centre's review (docs/suppliers.md, "Review workflow").
enum class ReviewState { kDraft, kSubmitted, kInReview, kChangesRequested, kReady, kRegistered };
std::string_view ReviewStateName(ReviewState state);
std::optional<ReviewState> ParseReviewState(std::string_view name);

// A registration or tax number as issued by one country's registry; unique per country
// among all suppliers (the store enforces it).
struct CompanyNumber {
  std::string country;  // ISO 3166-1 alpha-2
  std::string number;
  bool operator==(const CompanyNumber&) const = default;
};

struct Address {
  std::string street;
  std::string city;
  std::string postal_code;
  std::string region;
  std::string country;  // ISO 3166-1 alpha-2
  bool operator==(const Address&) const = default;
};

struct Contact {
  std::string name;
  std::string position;
  std::string email;
  std::string phone;
  bool operator==(const Contact&) const = default;
};

// UNGM asks whether the company is at least 51 % owned and controlled by women; the evidence
// is a document of kind women_owned_evidence.
struct WomenOwnership {
  bool declared = false;
  int ownership_percent = 0;  // 0..100
  bool controlled = false;
  bool operator==(const WomenOwnership&) const = default;
};

// A management-system or other certificate. `type` is "iso_9001", "iso_14001", "iso_45001"
// or "other" (then `name` says which).
struct Certificate {
  std::string type;
  std::string name;
  std::string number;
  std::string issuer;
  std::optional<Timestamp> valid_until;  // a date, midnight UTC
  bool operator==(const Certificate&) const = default;
};

struct EmissionsDisclosure {
  bool discloses = false;
  int reporting_year = 0;  // 0 = not given
  std::string scopes;      // "1", "1-2" or "1-3"; empty = not given
  std::string report_url;
  bool operator==(const EmissionsDisclosure&) const = default;
};

struct Sustainability {
  bool un_global_compact_participant = false;
  std::string un_global_compact_id;
  // HLCM sustainable-procurement indicators the company meets, as short snake_case ids
  // ("environmental_policy", "supply_chain_labour_standards", ...).
  std::vector<std::string> hlcm_indicators;
  EmissionsDisclosure emissions;
  bool operator==(const Sustainability&) const = default;
};

// A client for whom the company delivered comparable work (UNGM Level 1 asks for three).
struct Reference {
  std::string client_name;
  std::string contact_name;
  std::string contact_email;
  std::string description;
  int year = 0;         // 0 = not given
  std::string country;  // ISO 3166-1 alpha-2, may be empty
  bool operator==(const Reference&) const = default;
};

// A listed owner (a person or a company), for the ownership structure and for sanctions
// re-screening.
struct Owner {
  std::string name;
  int share_percent = 0;  // 0..100, 0 = not given
  std::string country;    // nationality or seat, ISO 3166-1 alpha-2, may be empty
  bool operator==(const Owner&) const = default;
};

// What the supplier fills in: every field is optional while the profile is a draft
// (save-as-you-go); validation checks only what is present (ValidateProfile). Server-owned
// facts (id, organisation, review state, UNGM number, times) live in SupplierRecord.
struct Profile {
  std::string legal_name;        // as registered, in its own script
  std::string legal_name_latin;  // the same in Latin script (UNGM needs it)
  std::vector<std::string> trading_names;
  std::vector<CompanyNumber> registration_numbers;
  std::vector<CompanyNumber> tax_numbers;
  std::optional<int> year_established;
  Address address;
  std::vector<std::string> countries_of_operation;  // ISO 3166-1 alpha-2
  std::vector<Contact> contacts;
  std::string website;
  std::vector<UnspscCode> unspsc_codes;
  std::optional<PartyScale> party_scale;
  std::optional<bool> sme;
  WomenOwnership women_owned;
  bool disability_inclusive = false;
  std::vector<Certificate> certificates;
  Sustainability sustainability;
  std::vector<Reference> references;
  std::vector<Owner> owners;
  bool operator==(const Profile&) const = default;
};

// A stored supplier: the profile plus what only the server sets.
struct SupplierRecord {
  SupplierId id;
  OrganisationId organisation;
  Profile profile;
  ReviewState state = ReviewState::kDraft;
  std::string review_comment;  // the last "changes requested" comment
  std::string ungm_number;     // set when registered on UNGM
  std::optional<Timestamp> code_of_conduct_accepted_at;
  Timestamp created_at;
  Timestamp updated_at;
  std::int64_t version = 0;  // +1 on every write; for optimistic concurrency
  bool operator==(const SupplierRecord&) const = default;
};

// One problem with one field, e.g. {"/address/country", "... is not an ISO 3166-1 code"}.
// `field` is a JSON pointer into the profile document.
struct FieldError {
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

// Checks the fields that are present (a draft may be incomplete): country codes are ISO
// 3166-1 alpha-2 (Debian iso-codes), years are 1800..`now`'s year, e-mail and URL shapes,
// percentages 0..100, SME status consistent with the size, certificate types known, no
// duplicate registration numbers within the profile. Empty when all is well.
std::vector<FieldError> ValidateProfile(const Profile& profile, Timestamp now);

// The first error as InvalidArgument with its field (message says how many more there are),
// or Ok.
Status FirstError(const std::vector<FieldError>& errors);

// Shape checks shared with documents and the review workflow.
bool IsCountryCode(std::string_view code);
bool LooksLikeEmail(std::string_view email);
bool LooksLikeWebUrl(std::string_view url);

// The form of a registration or tax number that uniqueness is checked on: letters and digits
// only, upper case ("12-345/6 ab" -> "123456AB").
std::string NormaliseCompanyNumber(std::string_view number);

// The calendar year of `t` (UTC).
int YearOf(Timestamp t);

}  // namespace tb::suppliers
