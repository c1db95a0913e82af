#include "suppliers/testing/in_memory_supplier_store.h"

#include <algorithm>

namespace tb::suppliers::testing {

Status InMemorySupplierStore::CheckNumbersFree(const SupplierRecord& record) const {
  const auto check = [&](const std::vector<CompanyNumber>& mine, std::string_view field,
                         auto pick) -> Status {
    for (std::size_t i = 0; i < mine.size(); ++i) {
      for (const auto& [id, other] : records_) {
        if (id == record.id) continue;
        for (const CompanyNumber& n : pick(other.profile)) {
          if (n.country == mine[i].country &&
              NormaliseCompanyNumber(n.number) == NormaliseCompanyNumber(mine[i].number)) {
            return Status::AlreadyExists("another company is registered with this number")
                .WithField("/" + std::string(field) + "/" + std::to_string(i) + "/number");
          }
        }
      }
    }
    return Status::Ok();
  };
  TB_RETURN_IF_ERROR(check(record.profile.registration_numbers, "registration_numbers",
                           [](const Profile& p) { return p.registration_numbers; }));
  return check(record.profile.tax_numbers, "tax_numbers",
               [](const Profile& p) { return p.tax_numbers; });
}

Result<SupplierRecord> InMemorySupplierStore::Create(const SupplierRecord& record,
                                                     const SupplierEvent& event, UngmLevel level) {
  std::lock_guard<std::mutex> lock(mu_);
  if (records_.contains(record.id)) return Status::AlreadyExists("the supplier exists");
  TB_RETURN_IF_ERROR(CheckNumbersFree(record));
  records_[record.id] = record;
  levels_[record.id] = level;
  events_.push_back(event);
  events_.back().id = static_cast<std::int64_t>(events_.size());
  return record;
}

Result<SupplierRecord> InMemorySupplierStore::Get(SupplierId id) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = records_.find(id);
  if (it == records_.end()) return Status::NotFound("no such supplier");
  return it->second;
}

Result<DirectoryRecord> InMemorySupplierStore::GetForDirectory(SupplierId id) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = records_.find(id);
  if (it == records_.end()) return Status::NotFound("no such supplier");
  return DirectoryRecord{it->second, levels_[id]};
}

Result<SupplierRecord> InMemorySupplierStore::Update(const SupplierRecord& record,
                                                     const SupplierEvent& event, UngmLevel level) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = records_.find(record.id);
  if (it == records_.end()) return Status::NotFound("no such supplier");
  if (it->second.version != record.version) {
    return Status::FailedPrecondition("the profile was changed by someone else")
        .WithField("version");
  }
  TB_RETURN_IF_ERROR(CheckNumbersFree(record));
  SupplierRecord stored = record;
  stored.version += 1;
  stored.updated_at = event.at;
  it->second = stored;
  levels_[record.id] = level;
  events_.push_back(event);
  events_.back().id = static_cast<std::int64_t>(events_.size());
  return stored;
}

Result<DocumentInfo> InMemorySupplierStore::AddDocument(const DocumentInfo& document,
                                                        std::span<const std::uint8_t> content,
                                                        const DocumentLimits& limits,
                                                        const SupplierEvent& event) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!records_.contains(document.supplier)) return Status::NotFound("no such supplier");
  if (document.translation_of) {
    const auto original = documents_.find(*document.translation_of);
    if (original == documents_.end() || original->second.supplier != document.supplier) {
      return Status::NotFound("no such document to translate").WithField("translation_of");
    }
  }
  std::int64_t used = 0;
  int count = 0;
  for (const auto& [id, d] : documents_) {
    if (d.supplier == document.supplier) {
      used += d.size;
      ++count;
    }
  }
  if (used + document.size > limits.quota_bytes_per_company ||
      count + 1 > limits.max_documents_per_company) {
    return Status::ResourceExhausted("the company's document quota is used up").WithField("file");
  }
  DocumentInfo stored = document;
  stored.id = DocumentId{next_document_++};
  blobs_.try_emplace(stored.sha256, content.begin(), content.end());
  documents_[stored.id] = stored;
  events_.push_back(event);
  events_.back().id = static_cast<std::int64_t>(events_.size());
  return stored;
}

Result<std::vector<DocumentInfo>> InMemorySupplierStore::ListDocuments(SupplierId supplier) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<DocumentInfo> out;
  for (const auto& [id, d] : documents_) {
    if (d.supplier == supplier) out.push_back(d);
  }
  return out;
}

Result<DocumentInfo> InMemorySupplierStore::GetDocument(DocumentId id) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = documents_.find(id);
  if (it == documents_.end()) return Status::NotFound("no such document");
  return it->second;
}

Result<std::vector<std::uint8_t>> InMemorySupplierStore::ReadDocumentContent(DocumentId id) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = documents_.find(id);
  if (it == documents_.end()) return Status::NotFound("no such document");
  return blobs_.at(it->second.sha256);
}

Status InMemorySupplierStore::DeleteDocument(DocumentId id, const SupplierEvent& event) {
  std::lock_guard<std::mutex> lock(mu_);
  if (documents_.erase(id) == 0) return Status::NotFound("no such document");
  events_.push_back(event);
  events_.back().id = static_cast<std::int64_t>(events_.size());
  return Status::Ok();
}

Result<std::vector<ExpiringDocument>> InMemorySupplierStore::ExpiringDocuments(
    Timestamp now, Timestamp until, SupplierId supplier) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ExpiringDocument> out;
  for (const auto& [id, d] : documents_) {
    if ((supplier.valid() && d.supplier != supplier) || !d.valid_until || *d.valid_until >= until)
      continue;
    out.push_back({d, *d.valid_until < now});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ExpiringDocument& a, const ExpiringDocument& b) {
                     return *a.document.valid_until < *b.document.valid_until;
                   });
  return out;
}

Status InMemorySupplierStore::SetReadinessLevel(SupplierId supplier, UngmLevel level) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!records_.contains(supplier)) return Status::NotFound("no such supplier");
  levels_[supplier] = level;
  return Status::Ok();
}

Status InMemorySupplierStore::AppendEvent(const SupplierEvent& event) {
  std::lock_guard<std::mutex> lock(mu_);
  events_.push_back(event);
  events_.back().id = static_cast<std::int64_t>(events_.size());
  return Status::Ok();
}

Result<std::vector<SupplierEvent>> InMemorySupplierStore::ListEvents(SupplierId supplier) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<SupplierEvent> out;
  for (const SupplierEvent& e : events_) {
    if (e.supplier == supplier) out.push_back(e);
  }
  return out;
}

Result<DirectoryPage> InMemorySupplierStore::SearchDirectory(const DirectoryQuery& query) {
  std::lock_guard<std::mutex> lock(mu_);
  DirectoryPage page;
  for (const auto& [id, r] : records_) {
    const Profile& p = r.profile;
    if (!query.text.empty() && p.legal_name.find(query.text) == std::string::npos) continue;
    if (!query.country.empty() && p.address.country != query.country) continue;
    if (query.level && levels_[id] < *query.level) continue;
    ++page.total;
    if (id <= query.after || static_cast<int>(page.entries.size()) >= query.limit) continue;
    page.entries.push_back({id, p.legal_name, p.legal_name_latin, p.address.country, p.party_scale,
                            p.women_owned.declared, levels_[id], r.state});
  }
  return page;
}

Result<std::vector<ScreeningSubject>> InMemorySupplierStore::ScreeningSubjects(SupplierId after,
                                                                               int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ScreeningSubject> out;
  for (const auto& [id, r] : records_) {
    if (id <= after || static_cast<int>(out.size()) >= limit) continue;
    ScreeningSubject s{
        id, r.profile.legal_name,     r.profile.legal_name_latin, r.profile.trading_names,
        {}, r.profile.address.country};
    for (const Owner& o : r.profile.owners) s.owner_names.push_back(o.name);
    out.push_back(std::move(s));
  }
  return out;
}

std::size_t InMemorySupplierStore::blob_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return blobs_.size();
}

UngmLevel InMemorySupplierStore::level_of(SupplierId id) const {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = levels_.find(id);
  return it == levels_.end() ? UngmLevel::kNone : it->second;
}

}  // namespace tb::suppliers::testing
