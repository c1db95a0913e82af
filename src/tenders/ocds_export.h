#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "notices/ocds_writer.h"
#include "tenders/evaluation_store.h"
#include "tenders/tender.h"
#include "tenders/tender_store.h"

namespace tb::suppliers {
class SupplierStore;  // suppliers/supplier_store.h
}  // namespace tb::suppliers

// The open-data view of a tendering process (issue #6 item 6; docs/evaluation.md, "OCDS"):
// one OCDS 1.1 release per event — the publication, each amendment, the opening, the award
// notice, the contract, a cancellation — with stable ids ("<ocid>-tender",
// "<ocid>-amendment-2", "<ocid>-opening", "<ocid>-award", "<ocid>-contract",
// "<ocid>-cancellation"), each a snapshot of what was public at its date.
namespace tb::tenders {

// Everything a process's releases are built from.
struct ProcessFacts {
  Tender tender;                         // as it is now
  std::vector<Amendment> amendments;     // oldest first (TenderStore::ListAmendments)
  std::optional<OpeningRecord> opening;  // the technical or single envelope's
  EvaluationRecord record;               // award and contract
  std::size_t excluded_bids = 0;         // bids excluded by the evaluation (award statistics)
  std::size_t valid_bids = 0;            // bids ranked
  // details.scale of bidders, by organisation id: "micro", "sme", "large".
  std::map<std::int64_t, std::string> scales;
  // The public origin uploaded documents are downloaded from ("https://tenders.example.org");
  // empty: their OCDS documents carry no url.
  std::string document_base_url;
};

// The releases of one process, oldest first. Nothing for a tender never published; nothing
// about bidders (names, count, statistics) before the opening (ET-03); the award and its
// supplier only from the award notice on; no bid content, ever (prices are not published
// except the awarded value and the contract value).
std::vector<notices::ocds::Release> BuildReleases(const ProcessFacts& facts);

// The tender as it stood after the first `amendments_applied` amendments: the current tender
// with the later amendments' "before" values put back (their changes_json). Amendments whose
// changes cannot be reverted leave the current values (docs/evaluation.md says so).
Tender TenderAsOf(const Tender& current, const std::vector<Amendment>& amendments,
                  std::size_t amendments_applied);

// "open", or "selective" when only suppliers pre-qualified at UNGM level 1 or 2 may bid.
std::string_view OcdsProcurementMethod(const Tender& tender);

// Reads processes from the stores and builds their packages. Thread-safe; the stores must
// outlive it. `suppliers` may be null (no details.scale then).
class OcdsExporter {
 public:
  OcdsExporter(TenderStore& tenders, EvaluationStore& evaluations,
               suppliers::SupplierStore* suppliers)
      : tenders_(tenders), evaluations_(evaluations), suppliers_(suppliers) {}

  // The facts of one process. NotFound for an unknown ocid or a tender never published (no
  // existence oracle for drafts).
  Result<ProcessFacts> Facts(std::string_view ocid);

  // The releases of the given processes (or, with `ocids` empty, of every published tender,
  // oldest first), in process order then date order.
  Result<std::vector<notices::ocds::Release>> Releases(const std::vector<std::string>& ocids);

  // The origin for uploaded documents' urls (ProcessFacts::document_base_url). Set before
  // the exporter is shared between threads.
  void set_document_base_url(std::string base_url) { document_base_url_ = std::move(base_url); }

 private:
  std::string document_base_url_;
  TenderStore& tenders_;
  EvaluationStore& evaluations_;
  suppliers::SupplierStore* suppliers_;
};

}  // namespace tb::tenders
