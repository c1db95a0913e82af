#pragma once

#include "storage/database.h"
#include "tenders/bid_store.h"

namespace tb::storage {

// tenders::BidStore over the portable Database interface (schema: migration 7, reading the
// tender tables of migration 6). Every write appends its audit entry with AppendAuditEntry in
// the same transaction. Thread-safe; `db` must outlive it.
class SqlBidStore final : public tenders::BidStore {
 public:
  explicit SqlBidStore(Database& db) : db_(db) {}

  Result<std::optional<tenders::TenderForBids>> FindTender(std::string_view ocid) override;
  Result<std::optional<std::string>> ReceiptForIdempotencyKey(TenderId tender,
                                                              OrganisationId supplier,
                                                              std::string_view key) override;
  Result<tenders::BidWriteResult> WriteBid(const tenders::BidWrite& write, const Clock& clock,
                                           const tenders::BidEventSigner& sign) override;
  Result<tenders::BidWriteResult> ConfirmBid(const tenders::BidConfirm& confirm, const Clock& clock,
                                             const tenders::BidEventSigner& sign) override;
  Result<std::vector<tenders::OwnBid>> OwnBids(TenderId tender, OrganisationId supplier) override;
  Result<std::vector<std::string>> CommitteeRoles(TenderId tender, UserId user) override;
  Result<std::vector<OrganisationId>> Bidders(TenderId tender) override;
  Result<tenders::ShareOutcome> AddShare(const tenders::ShareSubmission& submission,
                                         const Clock& clock) override;
  Status RefuseOpening(TenderId tender, tenders::EnvelopeKind kind, UserId user,
                       std::string_view reason, const Clock& clock, bool drop_shares) override;
  Result<tenders::OpeningStatus> GetOpeningStatus(TenderId tender,
                                                  tenders::EnvelopeKind kind) override;
  Result<tenders::OpeningInputs> LoadOpeningInputs(TenderId tender,
                                                   tenders::EnvelopeKind kind) override;
  Result<bool> CompleteOpening(const tenders::OpeningRecord& record,
                               std::span<const tenders::OpenedDocument> documents,
                               const Clock& clock, const tenders::HeadSigner& sign) override;
  Result<std::optional<tenders::OpeningRecord>> GetOpening(TenderId tender,
                                                           tenders::EnvelopeKind kind) override;
  Result<tenders::OpenedDocument> GetDocument(TenderId tender, std::string_view bid_id,
                                              tenders::EnvelopeKind kind, int index) override;
  Result<std::vector<std::pair<std::string, bool>>> Qualifications(TenderId tender) override;

 private:
  Database& db_;
};

}  // namespace tb::storage
