// SqlBidStore: re-confirmation of a bid after a substantive amendment (migration 11,
// docs/bids.md "Re-confirmation").
#include "audit/entry.h"
#include "storage/audit_append.h"
#include "storage/sql_bid_store.h"
#include "storage/sql_bid_store_internal.h"

namespace tb::storage {

namespace bid_sql {

Result<Reconfirm> ReadReconfirm(Transaction& tx, TenderId tender) {
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx.Prepare("SELECT t.reconfirm_after_us, (SELECT MAX(a.number) FROM "
                                 "tender_amendments a WHERE a.tender_id = t.id AND "
                                 "a.substantive = 1) FROM tenders t WHERE t.id = ? AND "
                                 "t.reconfirm_required = 1"));
  s->BindInt64(1, tender.value);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  Reconfirm out;
  if (!row || s->IsNull(0)) return out;
  out.after = Timestamp::FromMicros(s->Int64(0));
  out.amendment = s->IsNull(1) ? 0 : static_cast<int>(s->Int64(1));
  return out;
}

std::string NotReconfirmedReason(int amendment) {
  return "not re-confirmed after amendment " + std::to_string(amendment);
}

}  // namespace bid_sql


Result<tenders::BidWriteResult> SqlBidStore::ConfirmBid(const tenders::BidConfirm& confirm,
                                                        const Clock& clock,
                                                        const tenders::BidEventSigner& sign) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(std::optional<bid_sql::TenderRow> tender,
                      bid_sql::ReadTender(*tx, confirm.tender, true));
  if (!tender) return Status::NotFound("no such tender").WithField("ocid");

  TB_ASSIGN_OR_RETURN(
      std::optional<bid_sql::KeyedReceipt> keyed,
      bid_sql::ReceiptForKey(*tx, confirm.tender, confirm.supplier, confirm.idempotency_key));
  if (keyed && !keyed->confirmation) {
    return Status::FailedPrecondition(
               "this Idempotency-Key was already used for a submission; use a new key")
        .WithField("Idempotency-Key");
  }
  if (keyed) return tenders::BidWriteResult{std::move(keyed->receipt), true};

  // Another company's bid id is "no such bid", as an unknown one: nothing is said about it.
  TB_ASSIGN_OR_RETURN(Statement * bid,
                      tx->Prepare("SELECT b.latest_version, b.withdrawn, b.ref_salt, "
                                  "v.receipt_time_us FROM bids b JOIN bid_versions v ON "
                                  "v.tender_id = b.tender_id AND v.bid_id = b.bid_id AND "
                                  "v.version = b.latest_version WHERE b.tender_id = ? AND "
                                  "b.bid_id = ? AND b.supplier_id = ?"));
  bid->BindInt64(1, confirm.tender.value)
      .BindText(2, confirm.bid_id)
      .BindInt64(3, confirm.supplier.value);
  TB_ASSIGN_OR_RETURN(bool exists, bid->Step());
  if (!exists) return Status::NotFound("you have no such bid").WithField("bid");
  tenders::BidEventFacts facts;
  facts.tender = tender->ocid;
  facts.bid = confirm.bid_id;
  facts.version = static_cast<int>(bid->Int64(0));
  facts.action = tenders::BidAction::kConfirmed;
  facts.supplier = confirm.supplier;
  facts.bid_ref_salt = bid->Blob(2);
  const bool withdrawn = bid->Int64(1) != 0;
  const Timestamp version_received = Timestamp::FromMicros(bid->Int64(3));

  // ET-01: the same rule and the same clock reading as a submission (WriteBid).
  TB_RETURN_IF_ERROR(bid_sql::AdmitBeforeDeadline(
      *tx, *tender,
      {confirm.tender, confirm.supplier, confirm.bid_id, "late_confirmation", "confirmation",
       "a confirmation"},
      clock, facts));
  if (withdrawn) {
    return Status::FailedPrecondition("the bid is withdrawn: submit it again instead")
        .WithField("bid");
  }
  TB_ASSIGN_OR_RETURN(bid_sql::Reconfirm reconfirm, bid_sql::ReadReconfirm(*tx, confirm.tender));
  if (!reconfirm.after || version_received >= *reconfirm.after) {
    return Status::FailedPrecondition(
               "this bid does not await re-confirmation: it was received after the last "
               "substantive amendment")
        .WithField("bid");
  }
  TB_ASSIGN_OR_RETURN(Statement * confirmed,
                      tx->Prepare("SELECT 1 FROM bid_confirmations WHERE tender_id = ? AND "
                                  "bid_id = ? AND version = ? AND confirmed_at_us >= ?"));
  confirmed->BindInt64(1, confirm.tender.value)
      .BindText(2, confirm.bid_id)
      .BindInt64(3, facts.version)
      .BindInt64(4, reconfirm.after->micros());
  TB_ASSIGN_OR_RETURN(bool already, confirmed->Step());
  if (already) {
    return Status::FailedPrecondition("this bid is already re-confirmed after amendment " +
                                      std::to_string(reconfirm.amendment))
        .WithField("bid");
  }

  TB_ASSIGN_OR_RETURN(Statement * envelopes,
                      tx->Prepare("SELECT envelope, sha256, size FROM bid_envelopes WHERE "
                                  "tender_id = ? AND bid_id = ? AND version = ? "
                                  "ORDER BY envelope DESC"));
  envelopes->BindInt64(1, confirm.tender.value)
      .BindText(2, confirm.bid_id)
      .BindInt64(3, facts.version);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, envelopes->Step());
    if (!row) break;
    // "technical" sorts after "financial": DESC gives KindsOf order, as OwnBids.
    facts.envelopes.push_back(
        {tenders::ParseEnvelopeKind(envelopes->Text(0)).value_or(tenders::EnvelopeKind::kSingle),
         envelopes->Text(1), static_cast<std::uint64_t>(envelopes->Int64(2))});
  }

  const audit::Entry entry = tenders::BidAuditEntry(facts);
  TB_ASSIGN_OR_RETURN(AuditAppended appended, bid_sql::Append(*tx, entry));
  tenders::AuditLeaf leaf;
  leaf.leaf_index = appended.leaf_index;
  leaf.tree_size = appended.tree_size;
  leaf.leaf_hash = appended.leaf_hash;
  leaf.root = appended.root;
  leaf.inclusion_path = appended.inclusion_path;
  leaf.entry = audit::Encode(entry);
  TB_ASSIGN_OR_RETURN(tenders::SignedBidEvent signed_event, sign(facts, leaf));
  TB_RETURN_IF_ERROR(StoreTreeHead(*tx, signed_event.head));
  TB_ASSIGN_OR_RETURN(
      Statement * insert,
      tx->Prepare("INSERT INTO bid_confirmations (tender_id, bid_id, version, supplier_id, "
                  "user_id, confirmed_at_us, amendment, idempotency_key, leaf_index, receipt) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  insert->BindInt64(1, confirm.tender.value)
      .BindText(2, confirm.bid_id)
      .BindInt64(3, facts.version)
      .BindInt64(4, confirm.supplier.value)
      .BindInt64(5, confirm.user.value)
      .BindInt64(6, facts.receipt_time.micros())
      .BindInt64(7, reconfirm.amendment)
      .BindText(8, confirm.idempotency_key)
      .BindInt64(9, appended.leaf_index)
      .BindText(10, signed_event.receipt);
  if (Status inserted = insert->Run(); !inserted.ok()) {
    if (inserted.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("this Idempotency-Key is being used by a concurrent request")
          .WithField("Idempotency-Key");
    }
    return inserted;
  }
  // DU-01: the receipt leaves only after COMMIT returned.
  TB_RETURN_IF_ERROR(tx->Commit());
  return tenders::BidWriteResult{std::move(signed_event.receipt), false};
}

}  // namespace tb::storage
