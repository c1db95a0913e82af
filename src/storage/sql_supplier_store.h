#pragma once

#include "storage/database.h"
#include "suppliers/documents.h"
#include "suppliers/supplier_store.h"

namespace tb::storage {

// suppliers::SupplierStore over the portable Database interface (SQLite and PostgreSQL).
// The profile is kept as its JSON (`suppliers.doc`) beside the columns and side tables the
// directory filters need (countries, UNSPSC codes, certificate types) and the table that
// makes registration and tax numbers unique per country. Every write appends its
// supplier_events row and a `changes` row ("supplier") in the same transaction.
// Thread-safe (each call runs its own transaction); `db` must outlive it.
class SqlSupplierStore final : public suppliers::SupplierStore {
 public:
  explicit SqlSupplierStore(Database& db) : db_(db) {}

  Result<suppliers::SupplierRecord> Create(const suppliers::SupplierRecord& record,
                                           const suppliers::SupplierEvent& event,
                                           suppliers::UngmLevel level) override;
  Result<suppliers::SupplierRecord> Get(SupplierId id) override;
  Result<suppliers::DirectoryRecord> GetForDirectory(SupplierId id) override;
  Result<suppliers::SupplierRecord> Update(const suppliers::SupplierRecord& record,
                                           const suppliers::SupplierEvent& event,
                                           suppliers::UngmLevel level) override;
  Result<suppliers::DocumentInfo> AddDocument(const suppliers::DocumentInfo& document,
                                              std::span<const std::uint8_t> content,
                                              const suppliers::DocumentLimits& limits,
                                              const suppliers::SupplierEvent& event) override;
  Result<std::vector<suppliers::DocumentInfo>> ListDocuments(SupplierId supplier) override;
  Result<suppliers::DocumentInfo> GetDocument(suppliers::DocumentId id) override;
  Result<std::vector<std::uint8_t>> ReadDocumentContent(suppliers::DocumentId id) override;
  Status DeleteDocument(suppliers::DocumentId id, const suppliers::SupplierEvent& event) override;
  Result<std::vector<suppliers::ExpiringDocument>> ExpiringDocuments(Timestamp now, Timestamp until,
                                                                     SupplierId supplier) override;
  Status SetReadinessLevel(SupplierId supplier, suppliers::UngmLevel level) override;
  Status AppendEvent(const suppliers::SupplierEvent& event) override;
  Result<std::vector<suppliers::SupplierEvent>> ListEvents(SupplierId supplier) override;
  Result<suppliers::DirectoryPage> SearchDirectory(const suppliers::DirectoryQuery& query) override;
  Result<std::vector<suppliers::ScreeningSubject>> ScreeningSubjects(SupplierId after,
                                                                     int limit) override;

 private:
  Database& db_;
};

// suppliers::BlobStore over the `blobs` table. Thread-safe; `db` and `clock` must outlive it.
class SqlBlobStore final : public suppliers::BlobStore {
 public:
  SqlBlobStore(Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Result<std::string> Put(std::span<const std::uint8_t> content,
                          std::string_view media_type) override;
  Result<std::vector<std::uint8_t>> Get(std::string_view sha256) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace tb::storage
