#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "suppliers/supplier_store.h"

namespace tb::suppliers::testing {

// SupplierStore in memory for tests of the service. Follows the interface contract
// (versions, number uniqueness, quota, events) but its directory search supports only the
// filters the service tests use: text (substring of the legal name), country and level.
// Thread-safe.
class InMemorySupplierStore final : public SupplierStore {
 public:
  Result<SupplierRecord> Create(const SupplierRecord& record, const SupplierEvent& event,
                                UngmLevel level) override;
  Result<SupplierRecord> Get(SupplierId id) override;
  Result<DirectoryRecord> GetForDirectory(SupplierId id) override;
  Result<SupplierRecord> Update(const SupplierRecord& record, const SupplierEvent& event,
                                UngmLevel level) override;
  Result<DocumentInfo> AddDocument(const DocumentInfo& document,
                                   std::span<const std::uint8_t> content,
                                   const DocumentLimits& limits,
                                   const SupplierEvent& event) override;
  Result<std::vector<DocumentInfo>> ListDocuments(SupplierId supplier) override;
  Result<DocumentInfo> GetDocument(DocumentId id) override;
  Result<std::vector<std::uint8_t>> ReadDocumentContent(DocumentId id) override;
  Status DeleteDocument(DocumentId id, const SupplierEvent& event) override;
  Result<std::vector<ExpiringDocument>> ExpiringDocuments(Timestamp now, Timestamp until,
                                                          SupplierId supplier) override;
  Status SetReadinessLevel(SupplierId supplier, UngmLevel level) override;
  Status AppendEvent(const SupplierEvent& event) override;
  Result<std::vector<SupplierEvent>> ListEvents(SupplierId supplier) override;
  Result<DirectoryPage> SearchDirectory(const DirectoryQuery& query) override;
  Result<std::vector<ScreeningSubject>> ScreeningSubjects(SupplierId after, int limit) override;

  std::size_t blob_count() const;
  UngmLevel level_of(SupplierId id) const;

 private:
  Status CheckNumbersFree(const SupplierRecord& record) const;  // mu_ held

  mutable std::mutex mu_;
  std::map<SupplierId, SupplierRecord> records_;            // Guarded by mu_.
  std::map<SupplierId, UngmLevel> levels_;                  // Guarded by mu_.
  std::map<DocumentId, DocumentInfo> documents_;            // Guarded by mu_.
  std::map<std::string, std::vector<std::uint8_t>> blobs_;  // Guarded by mu_.
  std::vector<SupplierEvent> events_;                       // Guarded by mu_.
  std::int64_t next_document_ = 1;                          // Guarded by mu_.
};

}  // namespace tb::suppliers::testing
