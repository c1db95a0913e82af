#include "suppliers/supplier_service.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "auth/policy.h"
#include "core/text.h"
#include "notices/unspsc_catalogue.h"
#include "suppliers/profile_json.h"
#include "suppliers/ungm_export.h"

namespace tb::suppliers {
namespace {

using auth::CanActForSupplier;
using auth::CanReadSupplierFinancials;
using auth::CanReadSupplierPrivate;

OrganisationId OrganisationOf(SupplierId id) { return OrganisationId{id.value}; }

// The one answer for "missing" and "not yours" (AS-14): same code, message and field.
Status SupplierNotFound() { return Status::NotFound("no such supplier").WithField("id"); }
Status DocumentNotFound() { return Status::NotFound("no such document").WithField("id"); }

bool IsStaffOrAdmin(const auth::Actor& actor) {
  return auth::IsCentreStaff(actor) || auth::IsAdministrator(actor);
}

SupplierEvent Event(SupplierId id, const auth::Actor* actor, Timestamp at, std::string action,
                    nlohmann::json detail) {
  return SupplierEvent{0, id, at, actor ? actor->user : UserId{}, std::move(action), detail.dump()};
}

bool MayReadDocument(const auth::Actor& actor, const DocumentInfo& d) {
  const OrganisationId owner = OrganisationOf(d.supplier);
  return d.kind == DocumentKind::kFinancialStatement ? CanReadSupplierFinancials(actor, owner)
                                                     : CanReadSupplierPrivate(actor, owner);
}

}  // namespace

SupplierService::SupplierService(SupplierStore& store, ContentTypeDetector& detector,
                                 VirusScanner& scanner, const Clock& clock,
                                 notices::UnspscCatalogue* catalogue, DocumentLimits limits)
    : store_(store),
      detector_(detector),
      scanner_(scanner),
      clock_(clock),
      catalogue_(catalogue),
      limits_(limits) {}

Result<SupplierRecord> SupplierService::CreateSupplier(OrganisationId organisation,
                                                       std::string legal_name, std::string country,
                                                       UserId created_by) {
  if (!organisation.valid())
    return Status::InvalidArgument("no organisation").WithField("organisation");
  const Timestamp now = clock_.Now();
  SupplierRecord record;
  record.id = SupplierId{organisation.value};
  record.organisation = organisation;
  record.profile.legal_name = std::string(text::Trim(legal_name));
  record.profile.address.country = std::move(country);
  TB_RETURN_IF_ERROR(FirstError(ValidateProfile(record.profile, now)));
  record.created_at = now;
  record.updated_at = now;
  record.version = 1;
  auth::Actor creator;
  creator.user = created_by;
  const UngmLevel level = AssessReadiness(record, {}, now).reached;
  return store_.Create(record, Event(record.id, &creator, now, "created", nlohmann::json::object()),
                       level);
}

std::vector<SupplierId> SupplierService::OwnSuppliers(const auth::Actor& actor) const {
  std::vector<SupplierId> out;
  for (const auth::Membership& m : actor.memberships) {
    if (CanActForSupplier(actor, m.organisation)) out.push_back(SupplierId{m.organisation.value});
  }
  return out;
}

Result<SupplierRecord> SupplierService::ReadableRecord(const auth::Actor& actor, SupplierId id) {
  // The check comes before the read so that a denied id costs the same as a missing one.
  if (!id.valid() || !CanReadSupplierPrivate(actor, OrganisationOf(id))) return SupplierNotFound();
  Result<SupplierRecord> record = store_.Get(id);
  if (!record.ok() && record.status().code() == StatusCode::kNotFound) return SupplierNotFound();
  return record;
}

Result<std::vector<DocumentInfo>> SupplierService::VisibleDocuments(const auth::Actor& actor,
                                                                    SupplierId id) {
  TB_ASSIGN_OR_RETURN(std::vector<DocumentInfo> docs, store_.ListDocuments(id));
  std::erase_if(docs, [&](const DocumentInfo& d) { return !MayReadDocument(actor, d); });
  return docs;
}

Result<SupplierRecord> SupplierService::GetProfile(const auth::Actor& actor, SupplierId id) {
  return ReadableRecord(actor, id);
}

std::map<std::string, std::string> SupplierService::CodeTitles(const Profile& profile,
                                                               const Language& language) {
  std::map<std::string, std::string> titles;
  if (catalogue_ == nullptr || profile.unspsc_codes.empty()) return titles;
  Result<std::vector<notices::UnspscEntry>> entries = catalogue_->GetMany(profile.unspsc_codes);
  if (!entries.ok()) return titles;  // titles are a convenience; the codes still show
  for (const notices::UnspscEntry& e : *entries) titles[e.code.ToString()] = e.TitleIn(language);
  return titles;
}

Result<SupplierRecord> SupplierService::PatchProfile(const auth::Actor& actor, SupplierId id,
                                                     const nlohmann::json& patch,
                                                     std::optional<std::int64_t> expected_version) {
  TB_ASSIGN_OR_RETURN(SupplierRecord record, ReadableRecord(actor, id));
  if (!CanActForSupplier(actor, record.organisation)) {
    return Status::PermissionDenied("only the company edits its profile");
  }
  if (expected_version && *expected_version != record.version) {
    return Status::FailedPrecondition("the profile was changed by someone else; reload it")
        .WithField("version");
  }
  TB_ASSIGN_OR_RETURN(ProfilePatch applied, ApplyProfilePatch(record.profile, patch));
  const Timestamp now = clock_.Now();
  TB_RETURN_IF_ERROR(FirstError(ValidateProfile(applied.profile, now)));
  const std::optional<Timestamp> accepted_before = record.code_of_conduct_accepted_at;
  if (applied.code_of_conduct_accepted) {
    if (!*applied.code_of_conduct_accepted) {
      record.code_of_conduct_accepted_at.reset();
    } else if (!record.code_of_conduct_accepted_at) {
      record.code_of_conduct_accepted_at = now;
    }
  }
  if (applied.profile == record.profile && accepted_before == record.code_of_conduct_accepted_at) {
    return record;  // nothing changed: no version bump, no event
  }
  record.profile = std::move(applied.profile);
  TB_ASSIGN_OR_RETURN(std::vector<DocumentInfo> docs, store_.ListDocuments(id));
  const UngmLevel level = AssessReadiness(record, docs, now).reached;
  return store_.Update(
      record, Event(id, &actor, now, "profile_updated", {{"fields", applied.changed_fields}}),
      level);
}

Result<Readiness> SupplierService::GetReadiness(const auth::Actor& actor, SupplierId id) {
  TB_ASSIGN_OR_RETURN(SupplierRecord record, ReadableRecord(actor, id));
  // Readiness counts every document, financial statements included, whoever asks: the
  // checklist says only whether they are there.
  TB_ASSIGN_OR_RETURN(std::vector<DocumentInfo> docs, store_.ListDocuments(id));
  return AssessReadiness(record, docs, clock_.Now());
}

Status SupplierService::RefreshReadiness(SupplierId id) {
  TB_ASSIGN_OR_RETURN(SupplierRecord record, store_.Get(id));
  TB_ASSIGN_OR_RETURN(std::vector<DocumentInfo> docs, store_.ListDocuments(id));
  return store_.SetReadinessLevel(id, AssessReadiness(record, docs, clock_.Now()).reached);
}

Result<DocumentInfo> SupplierService::UploadDocument(const auth::Actor& actor, SupplierId id,
                                                     const DocumentMetadata& metadata,
                                                     std::span<const std::uint8_t> content) {
  TB_ASSIGN_OR_RETURN(SupplierRecord record, ReadableRecord(actor, id));
  if (!CanActForSupplier(actor, record.organisation)) {
    return Status::PermissionDenied("only the company uploads its documents");
  }
  const Timestamp now = clock_.Now();
  TB_RETURN_IF_ERROR(ValidateDocumentMetadata(metadata, now));
  TB_ASSIGN_OR_RETURN(CheckedUpload checked,
                      CheckUpload(content, metadata.filename, limits_, detector_, scanner_));
  DocumentInfo doc;
  doc.supplier = id;
  doc.kind = metadata.kind;
  doc.display_name = std::move(checked.display_name);
  doc.media_type = std::move(checked.media_type);
  doc.size = static_cast<std::int64_t>(content.size());
  doc.sha256 = std::move(checked.sha256);
  doc.uploaded_at = now;
  doc.uploaded_by = actor.user;
  doc.valid_from = metadata.valid_from;
  doc.valid_until = metadata.valid_until;
  doc.fiscal_year = metadata.fiscal_year;
  doc.audited = metadata.audited;
  doc.language = metadata.language;
  doc.translation_of = metadata.translation_of;
  TB_ASSIGN_OR_RETURN(DocumentInfo stored,
                      store_.AddDocument(doc, content, limits_,
                                         Event(id, &actor, now, "document_added",
                                               {{"kind", DocumentKindName(doc.kind)},
                                                {"sha256", doc.sha256},
                                                {"size", doc.size}})));
  TB_RETURN_IF_ERROR(RefreshReadiness(id));
  return stored;
}

Result<std::vector<DocumentInfo>> SupplierService::ListDocuments(const auth::Actor& actor,
                                                                 SupplierId id) {
  TB_RETURN_IF_ERROR(ReadableRecord(actor, id).status());
  return VisibleDocuments(actor, id);
}

Result<DocumentInfo> SupplierService::ReadableDocument(const auth::Actor& actor, DocumentId id) {
  if (!id.valid()) return DocumentNotFound();
  Result<DocumentInfo> doc = store_.GetDocument(id);
  if (!doc.ok()) {
    return doc.status().code() == StatusCode::kNotFound ? DocumentNotFound() : doc.status();
  }
  if (!MayReadDocument(actor, *doc)) return DocumentNotFound();
  return doc;
}

Result<SupplierService::DocumentContent> SupplierService::GetDocumentContent(
    const auth::Actor& actor, DocumentId id) {
  TB_ASSIGN_OR_RETURN(DocumentInfo info, ReadableDocument(actor, id));
  TB_ASSIGN_OR_RETURN(std::vector<std::uint8_t> bytes, store_.ReadDocumentContent(id));
  return DocumentContent{std::move(info), std::move(bytes)};
}

Status SupplierService::DeleteDocument(const auth::Actor& actor, DocumentId id) {
  TB_ASSIGN_OR_RETURN(DocumentInfo info, ReadableDocument(actor, id));
  if (!CanActForSupplier(actor, OrganisationOf(info.supplier))) {
    return Status::PermissionDenied("only the company removes its documents");
  }
  TB_RETURN_IF_ERROR(store_.DeleteDocument(
      id, Event(info.supplier, &actor, clock_.Now(), "document_deleted",
                {{"document_id", id.value}, {"kind", DocumentKindName(info.kind)}})));
  return RefreshReadiness(info.supplier);
}

Result<SupplierRecord> SupplierService::Review(const auth::Actor& actor, SupplierId id,
                                               const ReviewRequest& request) {
  TB_ASSIGN_OR_RETURN(SupplierRecord record, ReadableRecord(actor, id));
  ReviewerRole role;
  if (CanActForSupplier(actor, record.organisation)) {
    role = ReviewerRole::kSupplier;
  } else if (auth::IsCentreStaff(actor)) {
    role = ReviewerRole::kCentreStaff;
  } else {
    return Status::PermissionDenied("only the company and centre staff act on a review");
  }
  TB_ASSIGN_OR_RETURN(std::vector<DocumentInfo> docs, store_.ListDocuments(id));
  const Timestamp now = clock_.Now();
  const Readiness readiness = AssessReadiness(record, docs, now);
  const ReviewState from = record.state;
  TB_ASSIGN_OR_RETURN(SupplierRecord next,
                      ApplyReview(std::move(record), request, role, readiness));
  nlohmann::json detail = {{"from", ReviewStateName(from)}, {"to", ReviewStateName(next.state)}};
  if (!request.comment.empty()) detail["comment"] = request.comment;
  if (request.action == ReviewAction::kMarkRegistered) detail["ungm_number"] = next.ungm_number;
  TB_ASSIGN_OR_RETURN(
      SupplierRecord stored,
      store_.Update(next,
                    Event(id, &actor, now, std::string(ReviewActionName(request.action)), detail),
                    readiness.reached));
  if (request.action == ReviewAction::kSubmit && submitted_) {
    ScreeningSubject subject{stored.id,
                             stored.profile.legal_name,
                             stored.profile.legal_name_latin,
                             stored.profile.trading_names,
                             {},
                             stored.profile.address.country};
    for (const Owner& owner : stored.profile.owners) subject.owner_names.push_back(owner.name);
    submitted_(subject);
  }
  return stored;
}

Result<std::vector<SupplierEvent>> SupplierService::History(const auth::Actor& actor,
                                                            SupplierId id) {
  TB_ASSIGN_OR_RETURN(SupplierRecord record, ReadableRecord(actor, id));
  if (!CanActForSupplier(actor, record.organisation) && !IsStaffOrAdmin(actor)) {
    return Status::PermissionDenied("the history is for the company and centre staff");
  }
  return store_.ListEvents(id);
}

Result<nlohmann::ordered_json> SupplierService::ExportUngm(const auth::Actor& actor, SupplierId id,
                                                           const Language& language) {
  TB_ASSIGN_OR_RETURN(SupplierRecord record, ReadableRecord(actor, id));
  if (!CanActForSupplier(actor, record.organisation) && !IsStaffOrAdmin(actor)) {
    return Status::PermissionDenied("the export is for the company and centre staff");
  }
  TB_ASSIGN_OR_RETURN(std::vector<DocumentInfo> all_docs, store_.ListDocuments(id));
  const Readiness readiness = AssessReadiness(record, all_docs, clock_.Now());
  TB_ASSIGN_OR_RETURN(std::vector<DocumentInfo> visible, VisibleDocuments(actor, id));
  return UngmExportJson(record, visible, readiness, CodeTitles(record.profile, language), language);
}

Result<DirectoryPage> SupplierService::SearchDirectory(const auth::Actor& actor,
                                                       const DirectoryQuery& query) {
  if (!auth::IsAgencyOfficer(actor) && !IsStaffOrAdmin(actor)) {
    return Status::PermissionDenied(
        "the supplier directory is for agency officers and centre staff");
  }
  if (query.limit < 1 || query.limit > 100) {
    return Status::InvalidArgument("limit must be 1..100").WithField("limit");
  }
  if (!query.country.empty() && !IsCountryCode(query.country)) {
    return Status::InvalidArgument("country must be an ISO 3166-1 alpha-2 code")
        .WithField("country");
  }
  if (DirectoryIndex* index = directory_index_.load(); index != nullptr) {
    Result<DirectoryPage> page = index->Search(query);
    // An index that cannot be read (being rebuilt, disk trouble) must not take the
    // directory down: the SQL answers the same filters in the same order (its text match is
    // plainer: name prefixes, no stemming or code-title expansion).
    if (page.ok() || page.status().code() != StatusCode::kUnavailable) return page;
  }
  return store_.SearchDirectory(query);
}

Result<std::vector<ExpiringDocument>> SupplierService::ExpiringDocuments(const auth::Actor& actor,
                                                                         SupplierId supplier,
                                                                         int within_days) {
  if (within_days < 0 || within_days > 366) {
    return Status::InvalidArgument("within_days must be 0..366").WithField("within_days");
  }
  if (supplier.valid()) {
    TB_ASSIGN_OR_RETURN(SupplierRecord record, ReadableRecord(actor, supplier));
    if (!CanActForSupplier(actor, record.organisation) && !IsStaffOrAdmin(actor))
      return SupplierNotFound();
  } else if (!IsStaffOrAdmin(actor)) {
    return Status::PermissionDenied("expiry lists of every company are for centre staff");
  }
  const Timestamp now = clock_.Now();
  TB_ASSIGN_OR_RETURN(
      std::vector<ExpiringDocument> docs,
      store_.ExpiringDocuments(now, now + std::chrono::hours(24 * within_days), supplier));
  std::erase_if(docs,
                [&](const ExpiringDocument& e) { return !MayReadDocument(actor, e.document); });
  return docs;
}

Result<std::vector<ScreeningSubject>> SupplierService::ScreeningSubjects(SupplierId after,
                                                                         int limit) {
  if (limit < 1 || limit > 1000)
    return Status::InvalidArgument("limit must be 1..1000").WithField("limit");
  return store_.ScreeningSubjects(after, limit);
}

}  // namespace tb::suppliers
