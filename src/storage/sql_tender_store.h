#pragma once

#include "core/timestamp.h"
#include "storage/database.h"
#include "tenders/tender_store.h"

namespace tb::storage {

// tenders::TenderStore over the portable Database interface (SQLite and PostgreSQL), on the
// tables of migration 6 (docs/tendering.md, "Storage"). The editable details are kept as
// JSON (`tenders.doc`) beside the columns the bids module and the lists read. Every state
// change appends its audit entry with AppendAuditEntry in the same transaction (AU-01).
// Thread-safe (each call runs its own transaction); `db` and `clock` must outlive it. The
// clock is read inside write transactions that must compare with the stored deadline.
class SqlTenderStore final : public tenders::TenderStore {
 public:
  SqlTenderStore(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<tenders::Tender> Create(const tenders::Tender& tender, audit::Entry entry) override;
  Result<tenders::Tender> Get(std::string_view ocid) override;
  Result<tenders::TenderPage> List(const tenders::TenderFilter& filter) override;
  Result<tenders::Tender> Update(const tenders::Tender& tender, const audit::Entry& entry,
                                 WriteOptions options) override;
  Result<Amended> Amend(const tenders::Tender& tender, const tenders::Amendment& amendment,
                        const audit::Entry& entry, WriteOptions options) override;
  Result<std::vector<tenders::Amendment>> ListAmendments(TenderId tender) override;

  Result<std::vector<tenders::CommitteeMember>> Committee(TenderId tender) override;
  Result<tenders::CommitteeEligibility> EligibilityIn(OrganisationId organisation,
                                                      const std::vector<UserId>& users) override;
  Result<tenders::Tender> SetCommittee(const tenders::Tender& tender,
                                       const tenders::CommitteeAssignment& committee,
                                       bool discard_keys, const audit::Entry& entry) override;
  Result<tenders::Tender> PutEnvelopeKey(const tenders::Tender& tender,
                                         const tenders::EnvelopeKey& key,
                                         const audit::Entry& entry) override;
  Result<std::vector<tenders::EnvelopeKey>> EnvelopeKeys(TenderId tender) override;
  Status SetSealingKey(UserId user, const std::array<std::uint8_t, 32>& public_key,
                       const audit::Entry& entry) override;
  Result<std::optional<std::array<std::uint8_t, 32>>> SealingKey(UserId user) override;

  Result<tenders::Clarification> AddClarification(const tenders::Clarification& question,
                                                  const audit::Entry& entry) override;
  Result<Answered> AnswerClarification(TenderId tender, std::int64_t id, const std::string& answer,
                                       UserId by, const audit::Entry& entry) override;
  Result<std::vector<tenders::Clarification>> ListClarifications(TenderId tender) override;
  Result<bool> AddInterest(TenderId tender, SupplierId supplier,
                           const audit::Entry& entry) override;
  Result<bool> HasInterest(TenderId tender, SupplierId supplier) override;
  Result<std::vector<tenders::Notification>> NotificationsFor(SupplierId supplier,
                                                              int limit) override;

  Status RecordAudit(const audit::Entry& entry) override;
  Result<std::vector<tenders::Tender>> CloseDue(
      Timestamp now, const std::function<audit::Entry(const tenders::Tender&)>& entry_for) override;
  Result<std::vector<tenders::Tender>> NoticesBehind(int limit) override;
  Status MarkNoticeWritten(TenderId tender, std::int64_t version) override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace tb::storage
