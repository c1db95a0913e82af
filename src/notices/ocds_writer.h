#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/timestamp.h"

// Writes OCDS 1.1 releases and release packages (schema 1.1.5 in data/ocds/schema-1.1.5,
// with the lots, bid and party-scale extensions). The values below are the OCDS fields
// themselves; deciding what may be published when (ET-03: nothing about bidders before the
// opening) is the caller's job (tenders/ocds_export.h). docs/evaluation.md has the mapping.
namespace tb::notices::ocds {

struct OrganizationReference {
  std::string id;
  std::string name;
  bool operator==(const OrganizationReference&) const = default;
};

// parties[]: every organisation the release names, with its roles ("buyer",
// "procuringEntity", "tenderer", "supplier") and, for suppliers and tenderers, its scale
// (the partyScale extension's details.scale: "micro", "sme", "large").
struct Organization {
  std::string id;
  std::string name;
  std::vector<std::string> roles;
  std::string identifier_scheme;  // e.g. "XI-UNGM", "XI-TBRDG" (empty: no identifier)
  std::string identifier_id;
  std::string country_name;  // address.countryName
  std::string scale;         // details.scale; empty: not stated
  bool operator==(const Organization&) const = default;
};

struct Period {
  std::optional<Timestamp> start;
  std::optional<Timestamp> end;
  bool operator==(const Period&) const = default;
};

struct Item {
  std::string id;
  std::string description;
  std::string classification_scheme;  // "UNSPSC"
  std::string classification_id;      // "43211503"
  std::string classification_description;
  double quantity = 0;
  std::string unit_name;
  std::string related_lot;  // lots extension
  bool operator==(const Item&) const = default;
};

struct Lot {
  std::string id;
  std::string title;
  std::string description;
  std::optional<Money> value;
  std::string status;  // tenderStatus codelist; empty: as the tender
  bool operator==(const Lot&) const = default;
};

struct Amendment {
  std::string id;
  Timestamp date;
  std::string rationale;
  std::string description;
  bool operator==(const Amendment&) const = default;
};

struct Document {
  std::string id;
  std::string document_type;
  std::string title;
  std::string url;
  std::string language;
  std::optional<Timestamp> date_published;
  // Uploaded tender documents also have these (empty / nullopt: not written).
  std::string format;  // IANA media type
  std::optional<Timestamp> date_modified;
  std::string description;
  bool operator==(const Document&) const = default;
};

struct Tender {
  std::string id;
  std::string title;
  std::string description;
  std::string status;  // tenderStatus: "active", "complete", "cancelled", ...
  OrganizationReference procuring_entity;
  std::optional<Money> value;
  std::string procurement_method;          // method codelist: "open", "selective", ...
  std::string procurement_method_details;  // "Request for quotation (RFQ)"
  std::string main_procurement_category;   // "goods", "services", "works"
  std::string award_criteria;              // "priceOnly", "ratedCriteria"
  std::string award_criteria_details;
  std::vector<std::string> submission_method;  // {"electronicSubmission"}
  std::string submission_method_details;
  std::string eligibility_criteria;
  Period tender_period;
  Period award_period;
  std::optional<int> number_of_tenderers;  // only once bidders may be known
  std::vector<OrganizationReference> tenderers;
  std::vector<Item> items;
  std::vector<Lot> lots;
  std::vector<Amendment> amendments;
  std::vector<Document> documents;
  bool operator==(const Tender&) const = default;
};

// One bids.statistics[] entry of the bid extension: a count, never a bid's content.
struct BidStatistic {
  std::string id;
  std::string measure;  // bidStatistics codelist: "bids", "validBids", "disqualifiedBids", ...
  std::int64_t value = 0;
  Timestamp date;
  std::string notes;
  bool operator==(const BidStatistic&) const = default;
};

struct Award {
  std::string id;
  std::string title;
  std::string description;
  std::string status;  // awardStatus: "pending", "active", "cancelled", "unsuccessful"
  Timestamp date;
  std::optional<Money> value;
  std::vector<OrganizationReference> suppliers;
  Period contract_period;
  std::vector<std::string> related_lots;
  bool operator==(const Award&) const = default;
};

struct Contract {
  std::string id;
  std::string award_id;
  std::string title;
  std::string status;  // contractStatus: "pending", "active", "cancelled", "terminated"
  std::optional<Money> value;
  Period period;
  std::optional<Timestamp> date_signed;
  bool operator==(const Contract&) const = default;
};

struct Release {
  std::string ocid;
  std::string id;  // unique within the ocid, stable: the same event always has the same id
  Timestamp date;
  std::vector<std::string> tag;  // releaseTag: "tender", "tenderAmendment", "award", ...
  std::string initiation_type = "tender";
  std::string language = "en";
  std::vector<Organization> parties;
  OrganizationReference buyer;
  Tender tender;
  std::vector<BidStatistic> bid_statistics;  // written as bids.statistics when not empty
  std::vector<Award> awards;
  std::vector<Contract> contracts;
  bool operator==(const Release&) const = default;
};

struct PackageInfo {
  std::string uri;  // where this package can be fetched again
  Timestamp published_date;
  std::string publisher_name = "TenderBridge";
  std::string publisher_uri;
  std::string license;
  std::string publication_policy;
};

// The extension.json URLs a package lists in "extensions" (lots, bids, party scale).
const std::vector<std::string>& ExtensionUrls();

// A release as OCDS JSON. Money amounts become JSON numbers in major units (1234.5 for
// USD 123450 minor), times RFC 3339 UTC; empty strings, lists and absent values are omitted.
void to_json(nlohmann::json& out, const Release& release);

// {"uri", "version": "1.1", "extensions", "publishedDate", "publisher", "license",
//  "publicationPolicy", "releases"}. OCDS requires at least one release; the caller checks.
nlohmann::json PackageJson(std::span<const Release> releases, const PackageInfo& info);

}  // namespace tb::notices::ocds
