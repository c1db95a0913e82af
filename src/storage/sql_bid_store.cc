#include "storage/sql_bid_store.h"

#include <algorithm>

#include "audit/entry.h"
#include "storage/audit_append.h"
#include "storage/sql_bid_store_internal.h"
#include "storage/storage.h"
#include "tenders/tender_json.h"

namespace tb::storage {

using tenders::BidAction;
using tenders::BidEventFacts;
using tenders::EnvelopeKind;

namespace bid_sql {

std::string ForUpdate(const Transaction& tx) {
  // SQLite's write transaction already excludes other writers; PostgreSQL locks the row so
  // that bids, shares and deadline changes of one tender take turns (§3.4, T8).
  return tx.engine() == Engine::kPostgres ? " FOR UPDATE" : "";
}

Result<std::optional<TenderRow>> ReadTender(Transaction& tx, TenderId id, bool lock) {
  TB_ASSIGN_OR_RETURN(
      Statement * s,
      tx.Prepare("SELECT ocid, state, deadline_us, created_by, envelope_mode FROM tenders "
                 "WHERE id = ?" +
                 (lock ? ForUpdate(tx) : std::string())));
  s->BindInt64(1, id.value);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<TenderRow>();
  TenderRow t;
  t.ocid = s->Text(0);
  t.state = s->Text(1);
  if (!s->IsNull(2)) t.deadline = Timestamp::FromMicros(s->Int64(2));
  t.created_by = UserId{s->Int64(3)};
  t.mode = tenders::ParseEnvelopeMode(s->Text(4)).value_or(tenders::EnvelopeMode::kSingle);
  return std::optional<TenderRow>(std::move(t));
}

Result<AuditAppended> Append(Transaction& tx, const audit::Entry& entry) {
  return AppendAuditEntry(tx, entry);
}

Result<std::optional<KeyedReceipt>> ReceiptForKey(Transaction& tx, TenderId tender,
                                                  OrganisationId supplier, std::string_view key) {
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx.Prepare("SELECT receipt, 0 FROM bid_versions WHERE supplier_id = ? AND "
                                 "tender_id = ? AND idempotency_key = ? UNION ALL "
                                 "SELECT receipt, 1 FROM bid_confirmations WHERE supplier_id = ? "
                                 "AND tender_id = ? AND idempotency_key = ?"));
  s->BindInt64(1, supplier.value).BindInt64(2, tender.value).BindText(3, key);
  s->BindInt64(4, supplier.value).BindInt64(5, tender.value).BindText(6, key);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<KeyedReceipt>();
  return std::optional<KeyedReceipt>(KeyedReceipt{s->Text(0), s->Int64(1) != 0});
}

Status AdmitBeforeDeadline(Transaction& tx, const TenderRow& tender, const Attempt& attempt,
                           const Clock& clock, tenders::BidEventFacts& facts) {
  facts.receipt_time = clock.Now();
  if (tender.state == "published" && tender.deadline && facts.receipt_time < *tender.deadline) {
    return Status::Ok();
  }
  if (!tender.deadline || facts.receipt_time < *tender.deadline) {
    return Status::FailedPrecondition("the tender is not open for bids (it is " + tender.state +
                                      ")")
        .WithField("state");
  }
  // ET-09: nothing of the write is stored; the refusal and its time are.
  TB_ASSIGN_OR_RETURN(Statement * refusal,
                      tx.Prepare("INSERT INTO bid_refusals (tender_id, supplier_id, bid_id, "
                                 "at_us, deadline_us, reason) VALUES (?, ?, ?, ?, ?, ?)"));
  refusal->BindInt64(1, attempt.tender.value)
      .BindInt64(2, attempt.supplier.value)
      .BindText(3, attempt.bid_id)
      .BindInt64(4, facts.receipt_time.micros())
      .BindInt64(5, tender.deadline->micros())
      .BindText(6, attempt.reason);
  TB_RETURN_IF_ERROR(refusal->Run());
  TB_RETURN_IF_ERROR(Append(tx, tenders::LateRefusalEntry(facts, *tender.deadline)).status());
  TB_RETURN_IF_ERROR(tx.Commit());
  return Status::FailedPrecondition(
             "the deadline has passed: the " + std::string(attempt.received) +
             " was received at " + tenders::Rfc3339Micros(facts.receipt_time) +
             " and the deadline was " + tenders::Rfc3339Micros(*tender.deadline) + " (" +
             std::string(attempt.accepted) + " is accepted only when received before the deadline)")
      .WithField("deadline");
}

}  // namespace bid_sql

using bid_sql::ForUpdate;
using bid_sql::ReadTender;
using bid_sql::TenderRow;

Result<std::optional<tenders::TenderForBids>> SqlBidStore::FindTender(std::string_view ocid) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(
      Statement * s,
      tx->Prepare("SELECT id, ocid, organisation_id, created_by, state, "
                  "deadline_us, envelope_mode, currency, doc FROM tenders WHERE ocid = ?"));
  s->BindText(1, ocid);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<tenders::TenderForBids>();
  tenders::TenderForBids t;
  t.id = TenderId{s->Int64(0)};
  t.ocid = s->Text(1);
  t.agency = OrganisationId{s->Int64(2)};
  t.created_by = UserId{s->Int64(3)};
  t.state = s->Text(4);
  if (!s->IsNull(5)) t.deadline = Timestamp::FromMicros(s->Int64(5));
  t.mode = tenders::ParseEnvelopeMode(s->Text(6)).value_or(tenders::EnvelopeMode::kSingle);
  t.currency = s->Text(7);
  {
    // The eligibility rule lives in the tender's editable document (as ReadTender reads it).
    const nlohmann::json doc = nlohmann::json::parse(s->Text(8), nullptr, false);
    tenders::Tender editable;
    if (doc.is_discarded() || !tenders::ApplyEditableJson(doc, editable).ok()) {
      return Status::Internal("a stored tender document does not read back");
    }
    t.eligibility = editable.eligibility;
  }
  TB_ASSIGN_OR_RETURN(bid_sql::Reconfirm reconfirm, bid_sql::ReadReconfirm(*tx, t.id));
  t.reconfirm_after = reconfirm.after;
  t.reconfirm_amendment = reconfirm.amendment;
  TB_ASSIGN_OR_RETURN(
      Statement * keys,
      tx->Prepare("SELECT envelope, public_key, threshold FROM tender_envelope_keys "
                  "WHERE tender_id = ?"));
  keys->BindInt64(1, t.id.value);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool more, keys->Step());
    if (!more) break;
    std::optional<EnvelopeKind> kind = tenders::ParseEnvelopeKind(keys->Text(0));
    const std::vector<std::uint8_t> key = keys->Blob(1);
    if (!kind || key.size() != 32) continue;
    crypto::X25519PublicKey public_key{};
    std::copy(key.begin(), key.end(), public_key.begin());
    t.keys[*kind] = public_key;
    t.thresholds[*kind] = static_cast<int>(keys->Int64(2));
  }
  return std::optional<tenders::TenderForBids>(std::move(t));
}

Result<std::optional<std::string>> SqlBidStore::ReceiptForIdempotencyKey(TenderId tender,
                                                                         OrganisationId supplier,
                                                                         std::string_view key) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(std::optional<bid_sql::KeyedReceipt> found,
                      bid_sql::ReceiptForKey(*tx, tender, supplier, key));
  if (!found) return std::optional<std::string>();
  return std::optional<std::string>(std::move(found->receipt));
}

Result<tenders::BidWriteResult> SqlBidStore::WriteBid(const tenders::BidWrite& write,
                                                      const Clock& clock,
                                                      const tenders::BidEventSigner& sign) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(std::optional<TenderRow> tender, ReadTender(*tx, write.tender, true));
  if (!tender) return Status::NotFound("no such tender").WithField("ocid");

  // A retry that raced its original: the original committed while this one waited.
  TB_ASSIGN_OR_RETURN(
      std::optional<bid_sql::KeyedReceipt> keyed,
      bid_sql::ReceiptForKey(*tx, write.tender, write.supplier, write.idempotency_key));
  if (keyed && keyed->confirmation) {
    return Status::FailedPrecondition(
               "this Idempotency-Key was already used for a confirmation; use a new key")
        .WithField("Idempotency-Key");
  }
  if (keyed) return tenders::BidWriteResult{std::move(keyed->receipt), true};

  TB_ASSIGN_OR_RETURN(
      Statement * existing,
      tx->Prepare("SELECT supplier_id, latest_version, withdrawn, ref_salt FROM bids "
                  "WHERE tender_id = ? AND bid_id = ?"));
  existing->BindInt64(1, write.tender.value).BindText(2, write.bid_id);
  TB_ASSIGN_OR_RETURN(bool exists, existing->Step());
  int latest = 0;
  bool withdrawn = false;
  std::vector<std::uint8_t> salt = write.new_bid_ref_salt;
  if (exists) {
    if (existing->Int64(0) != write.supplier.value) {
      return Status::AlreadyExists("another bid of this tender has this id; choose another")
          .WithField("bid");
    }
    latest = static_cast<int>(existing->Int64(1));
    withdrawn = existing->Int64(2) != 0;
    salt = existing->Blob(3);
  }
  if (write.withdraw && !exists) return Status::NotFound("you have no such bid").WithField("bid");
  if (write.withdraw && withdrawn) {
    return Status::FailedPrecondition("the bid is already withdrawn").WithField("bid");
  }

  BidEventFacts facts;
  facts.tender = tender->ocid;
  facts.bid = write.bid_id;
  facts.version = latest + 1;
  facts.action = write.withdraw ? BidAction::kWithdrawn
                                : (exists ? BidAction::kReplaced : BidAction::kReceived);
  facts.supplier = write.supplier;
  facts.bid_ref_salt = salt;
  for (const tenders::EnvelopeUpload& e : write.envelopes) {
    facts.envelopes.push_back({e.kind, e.sha256, e.bytes.size()});
  }

  // ET-01, §3.4: the receipt time is read here, inside the transaction that checked the
  // state and holds the tender, right before the rows are written, and is what gets signed.
  TB_RETURN_IF_ERROR(bid_sql::AdmitBeforeDeadline(
      *tx, *tender, {write.tender, write.supplier, write.bid_id, "late", "submission", "a bid"},
      clock, facts));

  for (const tenders::EnvelopeUpload& e : write.envelopes) {
    TB_ASSIGN_OR_RETURN(
        Statement * blob,
        tx->Prepare("INSERT INTO bid_blobs (sha256, size, content) VALUES (?, ?, ?) "
                    "ON CONFLICT (sha256) DO NOTHING"));
    blob->BindText(1, e.sha256)
        .BindInt64(2, static_cast<std::int64_t>(e.bytes.size()))
        .BindBlob(3, e.bytes);
    TB_RETURN_IF_ERROR(blob->Run());
  }
  if (exists) {
    TB_ASSIGN_OR_RETURN(Statement * update,
                        tx->Prepare("UPDATE bids SET latest_version = ?, withdrawn = ? "
                                    "WHERE tender_id = ? AND bid_id = ?"));
    update->BindInt64(1, facts.version)
        .BindInt64(2, write.withdraw ? 1 : 0)
        .BindInt64(3, write.tender.value)
        .BindText(4, write.bid_id);
    TB_RETURN_IF_ERROR(update->Run());
  } else {
    TB_ASSIGN_OR_RETURN(Statement * insert,
                        tx->Prepare("INSERT INTO bids (tender_id, bid_id, supplier_id, ref_salt, "
                                    "latest_version, withdrawn, created_at_us) "
                                    "VALUES (?, ?, ?, ?, ?, 0, ?)"));
    insert->BindInt64(1, write.tender.value)
        .BindText(2, write.bid_id)
        .BindInt64(3, write.supplier.value)
        .BindBlob(4, salt)
        .BindInt64(5, facts.version)
        .BindInt64(6, facts.receipt_time.micros());
    TB_RETURN_IF_ERROR(insert->Run());
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

  TB_ASSIGN_OR_RETURN(Statement * version,
                      tx->Prepare("INSERT INTO bid_versions (tender_id, bid_id, version, action, "
                                  "supplier_id, user_id, receipt_time_us, idempotency_key, "
                                  "leaf_index, receipt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  version->BindInt64(1, write.tender.value)
      .BindText(2, write.bid_id)
      .BindInt64(3, facts.version)
      .BindText(4, tenders::BidActionName(facts.action))
      .BindInt64(5, write.supplier.value)
      .BindInt64(6, write.user.value)
      .BindInt64(7, facts.receipt_time.micros())
      .BindText(8, write.idempotency_key)
      .BindInt64(9, appended.leaf_index)
      .BindText(10, signed_event.receipt);
  if (Status inserted = version->Run(); !inserted.ok()) {
    if (inserted.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("this Idempotency-Key is being used by a concurrent request")
          .WithField("Idempotency-Key");
    }
    return inserted;
  }
  for (const tenders::StoredEnvelope& e : facts.envelopes) {
    TB_ASSIGN_OR_RETURN(Statement * envelope,
                        tx->Prepare("INSERT INTO bid_envelopes (tender_id, bid_id, version, "
                                    "envelope, sha256, size) VALUES (?, ?, ?, ?, ?, ?)"));
    envelope->BindInt64(1, write.tender.value)
        .BindText(2, write.bid_id)
        .BindInt64(3, facts.version)
        .BindText(4, tenders::EnvelopeKindName(e.kind))
        .BindText(5, e.sha256)
        .BindInt64(6, static_cast<std::int64_t>(e.size));
    TB_RETURN_IF_ERROR(envelope->Run());
  }
  // DU-01: the receipt leaves this function only after COMMIT returned (synchronous=FULL on
  // SQLite, synchronous_commit=on on PostgreSQL).
  TB_RETURN_IF_ERROR(tx->Commit());
  return tenders::BidWriteResult{std::move(signed_event.receipt), false};
}

Result<std::vector<tenders::OwnBid>> SqlBidStore::OwnBids(TenderId tender,
                                                          OrganisationId supplier) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("SELECT v.bid_id, v.version, v.action, v.receipt_time_us, "
                                  "v.receipt, b.withdrawn FROM bid_versions v JOIN bids b ON "
                                  "b.tender_id = v.tender_id AND b.bid_id = v.bid_id "
                                  "WHERE v.tender_id = ? AND b.supplier_id = ? "
                                  "ORDER BY b.created_at_us, v.bid_id, v.version"));
  s->BindInt64(1, tender.value).BindInt64(2, supplier.value);
  std::vector<tenders::OwnBid> bids;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    const std::string bid_id = s->Text(0);
    if (bids.empty() || bids.back().bid_id != bid_id) {
      bids.push_back({bid_id, s->Int64(5) != 0, {}, {}, false});
    }
    tenders::BidVersion v;
    v.bid_id = bid_id;
    v.version = static_cast<int>(s->Int64(1));
    v.action = tenders::ParseBidAction(s->Text(2)).value_or(BidAction::kReceived);
    v.receipt_time = Timestamp::FromMicros(s->Int64(3));
    v.receipt = s->Text(4);
    bids.back().versions.push_back(std::move(v));
  }
  TB_ASSIGN_OR_RETURN(Statement * e,
                      tx->Prepare("SELECT e.bid_id, e.version, e.envelope, e.sha256, e.size FROM "
                                  "bid_envelopes e JOIN bids b ON b.tender_id = e.tender_id AND "
                                  "b.bid_id = e.bid_id WHERE e.tender_id = ? AND b.supplier_id = ? "
                                  "ORDER BY e.bid_id, e.version, e.envelope DESC"));
  e->BindInt64(1, tender.value).BindInt64(2, supplier.value);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, e->Step());
    if (!row) break;
    for (tenders::OwnBid& bid : bids) {
      if (bid.bid_id != e->Text(0)) continue;
      for (tenders::BidVersion& v : bid.versions) {
        if (v.version != e->Int64(1)) continue;
        // "technical" sorts after "financial": DESC gives technical first, KindsOf order.
        v.envelopes.push_back(
            {tenders::ParseEnvelopeKind(e->Text(2)).value_or(EnvelopeKind::kSingle), e->Text(3),
             static_cast<std::uint64_t>(e->Int64(4))});
      }
    }
  }
  TB_ASSIGN_OR_RETURN(Statement * c,
                      tx->Prepare("SELECT bid_id, version, amendment, confirmed_at_us, receipt "
                                  "FROM bid_confirmations WHERE tender_id = ? AND supplier_id = ? "
                                  "ORDER BY bid_id, confirmed_at_us"));
  c->BindInt64(1, tender.value).BindInt64(2, supplier.value);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, c->Step());
    if (!row) break;
    for (tenders::OwnBid& bid : bids) {
      if (bid.bid_id != c->Text(0)) continue;
      bid.confirmations.push_back({static_cast<int>(c->Int64(1)), static_cast<int>(c->Int64(2)),
                                   Timestamp::FromMicros(c->Int64(3)), c->Text(4)});
    }
  }
  return bids;
}

Result<std::vector<std::string>> SqlBidStore::CommitteeRoles(TenderId tender, UserId user) {
  std::vector<std::string> roles;
  if (!user.valid()) return roles;
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      // ET-07: an evaluator reads opened bids only after declaring no conflict
                      // of interest for this tender (docs/evaluation.md), as in the evaluation's
                      // own views; until then the role does not count here.
                      tx->Prepare("SELECT c.role FROM tender_committee c WHERE c.tender_id = ? AND "
                                  "c.user_id = ? AND (c.role <> 'evaluator' OR EXISTS (SELECT 1 "
                                  "FROM evaluation_declarations d WHERE d.tender_id = c.tender_id "
                                  "AND d.evaluator_id = c.user_id AND d.conflict = 0)) "
                                  "ORDER BY c.role"));
  s->BindInt64(1, tender.value).BindInt64(2, user.value);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    roles.push_back(s->Text(0));
  }
  return roles;
}

Result<std::vector<OrganisationId>> SqlBidStore::Bidders(TenderId tender) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("SELECT DISTINCT supplier_id FROM bids WHERE tender_id = ? "
                                  "ORDER BY supplier_id"));
  s->BindInt64(1, tender.value);
  std::vector<OrganisationId> bidders;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    bidders.push_back(OrganisationId{s->Int64(0)});
  }
  return bidders;
}

}  // namespace tb::storage

namespace tb::storage {

std::unique_ptr<tenders::BidStore> MakeBidStore(Database& db) {
  return std::make_unique<SqlBidStore>(db);
}

}  // namespace tb::storage
