#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/language.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "core/unspsc.h"
#include "suppliers/documents.h"
#include "suppliers/profile.h"
#include "suppliers/readiness.h"

namespace tb::suppliers {

// One line of a supplier's history (the supplier_events table): who did what, when.
struct SupplierEvent {
  std::int64_t id = 0;  // assigned by the store
  SupplierId supplier;
  Timestamp at;
  UserId actor;        // invalid for the system
  std::string action;  // "created", "profile_updated", "document_added", "submit", ...
  std::string detail;  // a small JSON object: changed fields, comment, document id
  bool operator==(const SupplierEvent&) const = default;
};

// Directory filters (GET /directory/suppliers); every one optional, all must hold.
struct DirectoryQuery {
  std::string text;                // words of legal, Latin or trading names
  std::optional<UnspscCode> code;  // a supplier code under it, or one above it
  std::string country;             // address country or a country of operation
  std::optional<PartyScale> size;
  std::optional<bool> women_owned;
  std::string certificate;         // certificate type: "iso_9001", ...
  std::optional<UngmLevel> level;  // readiness reached at least this level
  SupplierId after;                // cursor: continue after this supplier
  int limit = 20;                  // 1..100
  // The reader's language: which UNSPSC titles may expand `text` (DirectoryIndex only; the
  // SQL path matches names only). Unknown = titles of any language.
  Language language;
};

struct DirectoryEntry {
  SupplierId id;
  std::string legal_name;
  std::string legal_name_latin;
  std::string country;
  std::optional<PartyScale> party_scale;
  bool women_owned = false;
  UngmLevel level = UngmLevel::kNone;
  ReviewState state = ReviewState::kDraft;
  bool operator==(const DirectoryEntry&) const = default;
};

struct DirectoryPage {
  std::vector<DirectoryEntry> entries;  // by folded legal name, then id
  std::int64_t total = 0;               // matching suppliers
  SupplierId next;                      // invalid when this is the last page
  // Counts over all matching suppliers: "country" (address country), "size", "women_owned"
  // ("true"/"false"), "certificate", "level".
  std::map<std::string, std::map<std::string, std::int64_t>> facets;
};

// A stored supplier and the readiness level its last write recorded.
struct DirectoryRecord {
  SupplierRecord record;
  UngmLevel level = UngmLevel::kNone;
};

// The names a sanctions screen compares against the lists.
struct ScreeningSubject {
  SupplierId supplier;
  std::string legal_name;
  std::string legal_name_latin;
  std::vector<std::string> trading_names;
  std::vector<std::string> owner_names;
  std::string country;  // address country
  bool operator==(const ScreeningSubject&) const = default;
};

// Persistence of supplier profiles, documents and their history, declared here and
// implemented in storage/ (SqlSupplierStore) and in suppliers/testing (in memory). Every
// write appends its event in the same transaction. Thread-safe.
class SupplierStore {
 public:
  virtual ~SupplierStore() = default;

  // Stores a new supplier whose id is its organisation's id (`record.id`). AlreadyExists
  // when that supplier exists, or (field "/registration_numbers/i/number" or
  // "/tax_numbers/i/number") when another supplier holds one of its numbers.
  virtual Result<SupplierRecord> Create(const SupplierRecord& record, const SupplierEvent& event,
                                        UngmLevel level) = 0;

  // NotFound when there is no such supplier.
  virtual Result<SupplierRecord> Get(SupplierId id) = 0;

  // The supplier with the readiness level kept for the directory, read together (for the
  // directory index's projection). NotFound when there is no such supplier.
  virtual Result<DirectoryRecord> GetForDirectory(SupplierId id) = 0;

  // Replaces the stored record (profile, state, comment, UNGM number, code-of-conduct time)
  // when its version is still `record.version`, and returns it with version + 1 and
  // updated_at = `event.at`. `level` is the readiness reached, kept for the directory.
  // FailedPrecondition "the profile was changed by someone else" on a version mismatch;
  // AlreadyExists with the field as in Create for a taken number; NotFound.
  virtual Result<SupplierRecord> Update(const SupplierRecord& record, const SupplierEvent& event,
                                        UngmLevel level) = 0;

  // Stores the bytes (content-addressed, once) and the document row. ResourceExhausted when
  // the company's documents would exceed `limits.quota_bytes_per_company` or
  // `limits.max_documents_per_company`, leaving storage unchanged. NotFound when the
  // supplier does not exist, or (field "translation_of") the translated document is not
  // this supplier's.
  virtual Result<DocumentInfo> AddDocument(const DocumentInfo& document,
                                           std::span<const std::uint8_t> content,
                                           const DocumentLimits& limits,
                                           const SupplierEvent& event) = 0;

  // A supplier's documents, oldest first.
  virtual Result<std::vector<DocumentInfo>> ListDocuments(SupplierId supplier) = 0;
  // NotFound when there is no such document.
  virtual Result<DocumentInfo> GetDocument(DocumentId id) = 0;
  // The document's bytes. NotFound when there is no such document.
  virtual Result<std::vector<std::uint8_t>> ReadDocumentContent(DocumentId id) = 0;
  // Removes the document row (the blob stays: another document may share it).
  virtual Status DeleteDocument(DocumentId id, const SupplierEvent& event) = 0;

  // Documents whose valid_until is before `until`, earliest first, of one supplier or
  // (invalid `supplier`) of all; `expired` is set for those before `now`.
  virtual Result<std::vector<ExpiringDocument>> ExpiringDocuments(Timestamp now, Timestamp until,
                                                                  SupplierId supplier) = 0;

  // Updates the readiness kept for the directory (after a document change); a change of
  // level appends a `changes` row so the directory index follows it. NotFound.
  virtual Status SetReadinessLevel(SupplierId supplier, UngmLevel level) = 0;

  // Appends an event on its own (actions with no record change).
  virtual Status AppendEvent(const SupplierEvent& event) = 0;
  // A supplier's history, oldest first.
  virtual Result<std::vector<SupplierEvent>> ListEvents(SupplierId supplier) = 0;

  // InvalidArgument for a limit outside 1..100.
  virtual Result<DirectoryPage> SearchDirectory(const DirectoryQuery& query) = 0;

  // Suppliers with id > `after`, in id order, at most `limit` (1..1000).
  virtual Result<std::vector<ScreeningSubject>> ScreeningSubjects(SupplierId after, int limit) = 0;
};

}  // namespace tb::suppliers
