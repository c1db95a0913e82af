#pragma once

#include <atomic>
#include <functional>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "auth/actor.h"
#include "core/language.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "suppliers/directory_index.h"
#include "suppliers/documents.h"
#include "suppliers/profile.h"
#include "suppliers/readiness.h"
#include "suppliers/review.h"
#include "suppliers/supplier_store.h"
#include "suppliers/upload_checks.h"

namespace tb::notices {
class UnspscCatalogue;
}

namespace tb::suppliers {

// Supplier profiles, documents, readiness, the centre's review and the directory, with
// the object checks of docs/accounts.md (AS-14): a supplier user acts on its own company
// only; agency officers, centre staff and administrators read; financial statements go to
// the company and agency officers only. A read the actor may not make answers NotFound,
// exactly as for a supplier or document that does not exist. A write on an object the actor
// may read but not change is PermissionDenied.
//
// A supplier's id is its organisation's id. Thread-safe. `store`, `detector`, `scanner`,
// `clock` and `catalogue` (may be null: codes then have no titles) must outlive it.
class SupplierService {
 public:
  SupplierService(SupplierStore& store, ContentTypeDetector& detector, VirusScanner& scanner,
                  const Clock& clock, notices::UnspscCatalogue* catalogue,
                  DocumentLimits limits = {});

  SupplierService(const SupplierService&) = delete;
  SupplierService& operator=(const SupplierService&) = delete;

  // For the sign-up flow (no actor check: the caller has just created `organisation` as a
  // supplier organisation): a draft profile with the company's name and country.
  // AlreadyExists when the supplier exists; InvalidArgument for a bad country.
  Result<SupplierRecord> CreateSupplier(OrganisationId organisation, std::string legal_name,
                                        std::string country, UserId created_by);

  // The supplier ids (= organisation ids) the actor acts for as a supplier user.
  std::vector<SupplierId> OwnSuppliers(const auth::Actor& actor) const;

  // GET /suppliers/{id}/profile. NotFound when missing or not readable by the actor.
  Result<SupplierRecord> GetProfile(const auth::Actor& actor, SupplierId id);
  // The titles of the record's codes in `language` (English fallback), for RecordToJson.
  std::map<std::string, std::string> CodeTitles(const Profile& profile, const Language& language);

  // PATCH /suppliers/{id}/profile with a JSON merge patch (profile_json.h). When
  // `expected_version` is given (If-Match) and differs: FailedPrecondition. Unknown or
  // server-owned fields: InvalidArgument (IsUnknownFieldError). Invalid values: the first
  // FieldError as InvalidArgument. A registration or tax number another company holds:
  // AlreadyExists with its field. Officers and staff: PermissionDenied.
  Result<SupplierRecord> PatchProfile(const auth::Actor& actor, SupplierId id,
                                      const nlohmann::json& patch,
                                      std::optional<std::int64_t> expected_version = std::nullopt);

  // GET /suppliers/{id}/readiness.
  Result<Readiness> GetReadiness(const auth::Actor& actor, SupplierId id);

  // POST /suppliers/{id}/documents. Runs CheckUpload (size, zip directory, content type,
  // virus scan) and ValidateDocumentMetadata; quota as SupplierStore::AddDocument.
  Result<DocumentInfo> UploadDocument(const auth::Actor& actor, SupplierId id,
                                      const DocumentMetadata& metadata,
                                      std::span<const std::uint8_t> content);

  // GET /suppliers/{id}/documents: the documents the actor may read (staff and
  // administrators do not see financial statements).
  Result<std::vector<DocumentInfo>> ListDocuments(const auth::Actor& actor, SupplierId id);

  struct DocumentContent {
    DocumentInfo info;
    std::vector<std::uint8_t> bytes;
  };
  // GET /documents/{id}/content. Serve with Content-Disposition: attachment, nosniff and
  // `info.media_type` (AS-29). NotFound when missing or not readable.
  Result<DocumentContent> GetDocumentContent(const auth::Actor& actor, DocumentId id);

  // DELETE /documents/{id} (the company only).
  Status DeleteDocument(const auth::Actor& actor, DocumentId id);

  // POST /suppliers/{id}/review. See review.h for the outcomes.
  Result<SupplierRecord> Review(const auth::Actor& actor, SupplierId id,
                                const ReviewRequest& request);

  // The change history: the company and centre staff/administrators.
  Result<std::vector<SupplierEvent>> History(const auth::Actor& actor, SupplierId id);

  // GET /suppliers/{id}/export/ungm: the company and centre staff/administrators.
  Result<nlohmann::ordered_json> ExportUngm(const auth::Actor& actor, SupplierId id,
                                            const Language& language);

  // GET /directory/suppliers: agency officers, centre staff and administrators
  // (PermissionDenied for others). Answered by the directory index when one is set (and
  // readable), else by the store's SQL; both list the same fields, never financial data.
  Result<DirectoryPage> SearchDirectory(const auth::Actor& actor, const DirectoryQuery& query);

  // Answers SearchDirectory from `index` (may be null: the store's SQL). `index` must
  // outlive the service or be unset first. May be called while requests are served.
  void SetDirectoryIndex(DirectoryIndex* index) { directory_index_.store(index); }

  // Called with the company's names and owners each time a profile is submitted for the
  // centre's review (app/ screens them against the sanctions list). Set once, before the
  // service is shared between threads; empty (the default) calls nothing.
  using SubmittedListener = std::function<void(const ScreeningSubject&)>;
  void SetSubmittedListener(SubmittedListener listener) { submitted_ = std::move(listener); }

  // Documents expiring within `within_days` (0..366) or expired: the company's own when
  // `supplier` is valid (the company, staff, administrators), or every company's (staff
  // and administrators only).
  Result<std::vector<ExpiringDocument>> ExpiringDocuments(const auth::Actor& actor,
                                                          SupplierId supplier, int within_days);

  // For the sanctions re-screening job (a system task, no actor): see SupplierStore.
  Result<std::vector<ScreeningSubject>> ScreeningSubjects(SupplierId after, int limit);

 private:
  Result<SupplierRecord> ReadableRecord(const auth::Actor& actor, SupplierId id);
  Result<DocumentInfo> ReadableDocument(const auth::Actor& actor, DocumentId id);
  Status RefreshReadiness(SupplierId id);
  Result<std::vector<DocumentInfo>> VisibleDocuments(const auth::Actor& actor, SupplierId id);

  SupplierStore& store_;
  ContentTypeDetector& detector_;
  VirusScanner& scanner_;
  const Clock& clock_;
  notices::UnspscCatalogue* catalogue_;
  const DocumentLimits limits_;
  std::atomic<DirectoryIndex*> directory_index_{nullptr};
  SubmittedListener submitted_;
};

}  // namespace tb::suppliers
