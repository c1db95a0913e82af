// The second half of SqlTenderStore: committee, envelope keys and shares, the members'
// sealing keys, clarifications, interest and notifications.
#include <algorithm>
#include <set>

#include "storage/audit_append.h"
#include "storage/sql_tender_helpers.h"
#include "storage/sql_tender_store.h"

namespace tb::storage {

using namespace tender_sql;  // NOLINT: the helpers of this store's own two files
using tenders::Clarification;
using tenders::CommitteeMember;
using tenders::CommitteeRole;
using tenders::EnvelopeKey;
using tenders::Tender;

namespace {

Status Audit(Transaction& tx, const audit::Entry& entry) {
  return AppendAuditEntry(tx, entry).status();
}

std::optional<std::array<std::uint8_t, 32>> Key32(const std::vector<std::uint8_t>& bytes) {
  if (bytes.size() != 32) return std::nullopt;
  std::array<std::uint8_t, 32> key{};
  std::copy(bytes.begin(), bytes.end(), key.begin());
  return key;
}

Status InsertMembers(Transaction& tx, TenderId tender, const std::vector<UserId>& users,
                     std::string_view role) {
  for (std::size_t i = 0; i < users.size(); ++i) {
    TB_ASSIGN_OR_RETURN(Statement * s,
                        tx.Prepare("INSERT INTO tender_committee (tender_id, user_id, role, "
                                   "position) VALUES (?, ?, ?, ?)"));
    s->BindInt64(1, tender.value)
        .BindInt64(2, users[i].value)
        .BindText(3, role)
        .BindInt64(4, static_cast<std::int64_t>(i) + 1);
    TB_RETURN_IF_ERROR(s->Run());
  }
  return Status::Ok();
}

Clarification ReadClarification(const Statement& s) {
  Clarification c;
  c.id = s.Int64(0);
  c.tender = TenderId{s.Int64(1)};
  c.number = static_cast<int>(s.Int64(2));
  c.supplier = SupplierId{s.Int64(3)};
  c.asked_by = UserId{s.Int64(4)};
  c.question = s.Text(5);
  c.asked_at = Timestamp::FromMicros(s.Int64(6));
  c.answer = s.Text(7);
  c.answered_by = UserId{s.Int64(8)};
  if (!s.IsNull(9)) c.answered_at = Timestamp::FromMicros(s.Int64(9));
  return c;
}

// Advisory lock keys "tq" + tender id (PostgreSQL; a no-op on SQLite's single writer).
constexpr std::int64_t kClarificationLockBase = 0x7471LL << 40;

constexpr std::string_view kClarificationColumns =
    "id, tender_id, number, supplier_id, asked_by, question, asked_at_us, answer, answered_by, "
    "answered_at_us";

}  // namespace

Result<std::vector<CommitteeMember>> SqlTenderStore::Committee(TenderId tender) {
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::vector<CommitteeMember>> {
        TB_ASSIGN_OR_RETURN(
            Statement * s,
            tx.Prepare("SELECT c.user_id, c.role, c.position, COALESCE(u.display_name, ''), "
                       "k.public_key FROM tender_committee c "
                       "LEFT JOIN users u ON u.id = c.user_id "
                       "LEFT JOIN member_sealing_keys k ON k.user_id = c.user_id "
                       "WHERE c.tender_id = ? "
                       "ORDER BY CASE c.role WHEN 'opening' THEN 0 ELSE 1 END, c.position"));
        s->BindInt64(1, tender.value);
        std::vector<CommitteeMember> members;
        for (;;) {
          TB_ASSIGN_OR_RETURN(bool row, s->Step());
          if (!row) break;
          CommitteeMember m;
          m.user = UserId{s->Int64(0)};
          m.role = s->Text(1) == "opening" ? CommitteeRole::kOpening : CommitteeRole::kEvaluator;
          m.position = static_cast<int>(s->Int64(2));
          m.display_name = s->Text(3);
          if (!s->IsNull(4)) m.sealing_key = Key32(s->Blob(4));
          members.push_back(std::move(m));
        }
        return members;
      });
}

Result<tenders::CommitteeEligibility> SqlTenderStore::EligibilityIn(
    OrganisationId organisation, const std::vector<UserId>& users) {
  const std::set<UserId> wanted(users.begin(), users.end());
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<tenders::CommitteeEligibility> {
        TB_ASSIGN_OR_RETURN(Statement * s,
                            tx.Prepare("SELECT user_id, role FROM membership_roles WHERE "
                                       "organisation_id = ? AND role IN ('committee_member', "
                                       "'evaluator')"));
        s->BindInt64(1, organisation.value);
        tenders::CommitteeEligibility out;
        for (;;) {
          TB_ASSIGN_OR_RETURN(bool row, s->Step());
          if (!row) break;
          const UserId user{s->Int64(0)};
          if (!wanted.contains(user)) continue;
          (s->Text(1) == "committee_member" ? out.committee_members : out.evaluators).insert(user);
        }
        return out;
      });
}

Result<Tender> SqlTenderStore::SetCommittee(const Tender& tender,
                                            const tenders::CommitteeAssignment& committee,
                                            bool discard_keys, const audit::Entry& entry) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Tender> {
    TB_RETURN_IF_ERROR(BumpVersion(tx, tender.id, tender.version, entry.at));
    TB_ASSIGN_OR_RETURN(Statement * k,
                        tx.Prepare("UPDATE tenders SET opening_threshold = ? WHERE id = ?"));
    k->BindInt64(1, committee.threshold).BindInt64(2, tender.id.value);
    TB_RETURN_IF_ERROR(k->Run());
    TB_ASSIGN_OR_RETURN(Statement * clear,
                        tx.Prepare("DELETE FROM tender_committee WHERE tender_id = ?"));
    clear->BindInt64(1, tender.id.value);
    TB_RETURN_IF_ERROR(clear->Run());
    TB_RETURN_IF_ERROR(InsertMembers(tx, tender.id, committee.opening, "opening"));
    TB_RETURN_IF_ERROR(InsertMembers(tx, tender.id, committee.evaluators, "evaluator"));
    if (discard_keys) {
      // Shares are deleted with their key (ON DELETE CASCADE), and explicitly in case the
      // connection runs without foreign-key enforcement.
      for (std::string_view sql : {"DELETE FROM tender_key_shares WHERE tender_id = ?",
                                   "DELETE FROM tender_envelope_keys WHERE tender_id = ?"}) {
        TB_ASSIGN_OR_RETURN(Statement * d, tx.Prepare(sql));
        d->BindInt64(1, tender.id.value);
        TB_RETURN_IF_ERROR(d->Run());
      }
    }
    TB_RETURN_IF_ERROR(Audit(tx, entry));
    return ReadTender(tx, tender.id);
  });
}

Result<Tender> SqlTenderStore::PutEnvelopeKey(const Tender& tender, const EnvelopeKey& key,
                                              const audit::Entry& entry) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Tender> {
    TB_RETURN_IF_ERROR(BumpVersion(tx, tender.id, tender.version, entry.at));
    const std::string envelope(tenders::EnvelopeName(key.envelope));
    for (std::string_view sql :
         {"DELETE FROM tender_key_shares WHERE tender_id = ? AND envelope = ?",
          "DELETE FROM tender_envelope_keys WHERE tender_id = ? AND envelope = ?"}) {
      TB_ASSIGN_OR_RETURN(Statement * d, tx.Prepare(sql));
      d->BindInt64(1, tender.id.value).BindText(2, envelope);
      TB_RETURN_IF_ERROR(d->Run());
    }
    TB_ASSIGN_OR_RETURN(
        Statement * s,
        tx.Prepare("INSERT INTO tender_envelope_keys (tender_id, envelope, public_key, threshold, "
                   "created_by, created_at_us) VALUES (?, ?, ?, ?, ?, ?)"));
    s->BindInt64(1, tender.id.value)
        .BindText(2, envelope)
        .BindBlob(3, Bytes(key.public_key))
        .BindInt64(4, key.threshold)
        .BindInt64(5, key.created_by.value)
        .BindInt64(6, key.created_at.micros());
    Status inserted = s->Run();
    if (inserted.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists(
                 "this public key is already registered; every tender envelope needs a new key")
          .WithField("public_key");
    }
    TB_RETURN_IF_ERROR(inserted);
    for (const EnvelopeKey::Share& share : key.shares) {
      TB_ASSIGN_OR_RETURN(Statement * i,
                          tx.Prepare("INSERT INTO tender_key_shares (tender_id, envelope, user_id, "
                                     "sealed_share) VALUES (?, ?, ?, ?)"));
      i->BindInt64(1, tender.id.value)
          .BindText(2, envelope)
          .BindInt64(3, share.user.value)
          .BindBlob(4, share.sealed_share);
      TB_RETURN_IF_ERROR(i->Run());
    }
    TB_RETURN_IF_ERROR(Audit(tx, entry));
    return ReadTender(tx, tender.id);
  });
}

Result<std::vector<EnvelopeKey>> SqlTenderStore::EnvelopeKeys(TenderId tender) {
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::vector<EnvelopeKey>> {
        TB_ASSIGN_OR_RETURN(
            Statement * s, tx.Prepare("SELECT envelope, public_key, threshold, created_by, "
                                      "created_at_us FROM tender_envelope_keys WHERE tender_id = ? "
                                      "ORDER BY envelope"));
        s->BindInt64(1, tender.value);
        std::vector<EnvelopeKey> keys;
        for (;;) {
          TB_ASSIGN_OR_RETURN(bool row, s->Step());
          if (!row) break;
          EnvelopeKey key;
          key.envelope = tenders::ParseEnvelope(s->Text(0)).value_or(tenders::Envelope::kSingle);
          key.public_key = Key32(s->Blob(1)).value_or(std::array<std::uint8_t, 32>{});
          key.threshold = static_cast<int>(s->Int64(2));
          key.created_by = UserId{s->Int64(3)};
          key.created_at = Timestamp::FromMicros(s->Int64(4));
          keys.push_back(std::move(key));
        }
        for (EnvelopeKey& key : keys) {
          TB_ASSIGN_OR_RETURN(
              Statement * shares,
              tx.Prepare("SELECT s.user_id, s.sealed_share FROM tender_key_shares s "
                         "LEFT JOIN tender_committee c ON c.tender_id = s.tender_id "
                         "AND c.user_id = s.user_id AND c.role = 'opening' "
                         "WHERE s.tender_id = ? AND s.envelope = ? "
                         "ORDER BY c.position, s.user_id"));
          shares->BindInt64(1, tender.value).BindText(2, tenders::EnvelopeName(key.envelope));
          for (;;) {
            TB_ASSIGN_OR_RETURN(bool row, shares->Step());
            if (!row) break;
            key.shares.push_back({UserId{shares->Int64(0)}, shares->Blob(1)});
          }
        }
        // Technical before financial: the order of EnvelopesOf.
        std::sort(keys.begin(), keys.end(), [](const EnvelopeKey& a, const EnvelopeKey& b) {
          return a.envelope < b.envelope;
        });
        return keys;
      });
}

Status SqlTenderStore::SetSealingKey(UserId user, const std::array<std::uint8_t, 32>& public_key,
                                     const audit::Entry& entry) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(Statement * d,
                        tx.Prepare("DELETE FROM member_sealing_keys WHERE user_id = ?"));
    d->BindInt64(1, user.value);
    TB_RETURN_IF_ERROR(d->Run());
    TB_ASSIGN_OR_RETURN(Statement * s,
                        tx.Prepare("INSERT INTO member_sealing_keys (user_id, public_key, "
                                   "created_at_us) VALUES (?, ?, ?)"));
    s->BindInt64(1, user.value).BindBlob(2, Bytes(public_key)).BindInt64(3, entry.at.micros());
    TB_RETURN_IF_ERROR(s->Run());
    return Audit(tx, entry);
  });
}

Result<std::optional<std::array<std::uint8_t, 32>>> SqlTenderStore::SealingKey(UserId user) {
  using Key = std::optional<std::array<std::uint8_t, 32>>;
  return InTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<Key> {
    TB_ASSIGN_OR_RETURN(Statement * s,
                        tx.Prepare("SELECT public_key FROM member_sealing_keys WHERE user_id = ?"));
    s->BindInt64(1, user.value);
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Key();
    return Key32(s->Blob(0));
  });
}

Result<Clarification> SqlTenderStore::AddClarification(const Clarification& q,
                                                       const audit::Entry& entry) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Clarification> {
    // Numbers are MAX + 1: concurrent questions on PostgreSQL take turns per tender.
    TB_RETURN_IF_ERROR(tx.LockUntilCommit(kClarificationLockBase + q.tender.value));
    TB_ASSIGN_OR_RETURN(Statement * n, tx.Prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM "
                                                  "tender_clarifications WHERE tender_id = ?"));
    n->BindInt64(1, q.tender.value);
    TB_ASSIGN_OR_RETURN(bool row, n->Step());
    const std::int64_t number = row ? n->Int64(0) : 1;
    TB_ASSIGN_OR_RETURN(
        Statement * s,
        tx.Prepare("INSERT INTO tender_clarifications (tender_id, number, supplier_id, asked_by, "
                   "question, asked_at_us) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    s->BindInt64(1, q.tender.value)
        .BindInt64(2, number)
        .BindInt64(3, q.supplier.value)
        .BindInt64(4, q.asked_by.value)
        .BindText(5, q.question)
        .BindInt64(6, q.asked_at.micros());
    TB_ASSIGN_OR_RETURN(bool inserted, s->Step());
    if (!inserted) return Status::Internal("INSERT ... RETURNING gave no id");
    Clarification out = q;
    out.id = s->Int64(0);
    out.number = static_cast<int>(number);
    audit::Entry with_number = entry;
    with_number.fields.emplace_back("clarification", std::to_string(number));
    TB_RETURN_IF_ERROR(Audit(tx, with_number));
    return out;
  });
}

Result<tenders::TenderStore::Answered> SqlTenderStore::AnswerClarification(
    TenderId tender, std::int64_t id, const std::string& answer, UserId by,
    const audit::Entry& entry) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Answered> {
    TB_ASSIGN_OR_RETURN(
        Statement * u,
        tx.Prepare("UPDATE tender_clarifications SET answer = ?, answered_by = ?, "
                   "answered_at_us = ? WHERE id = ? AND tender_id = ? AND answer IS NULL"));
    u->BindText(1, answer)
        .BindInt64(2, by.value)
        .BindInt64(3, entry.at.micros())
        .BindInt64(4, id)
        .BindInt64(5, tender.value);
    TB_RETURN_IF_ERROR(u->Run());
    const bool changed = u->ChangedRows() == 1;
    TB_ASSIGN_OR_RETURN(Statement * s,
                        tx.Prepare("SELECT " + std::string(kClarificationColumns) +
                                   " FROM tender_clarifications WHERE id = ? AND tender_id = ?"));
    s->BindInt64(1, id).BindInt64(2, tender.value);
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::NotFound("no such clarification").WithField("id");
    if (!changed) {
      return Status::AlreadyExists("this clarification was answered already").WithField("id");
    }
    Answered out;
    out.clarification = ReadClarification(*s);
    TB_ASSIGN_OR_RETURN(out.recipients,
                        NotifyInterested(tx, tender, "clarification",
                                         std::to_string(out.clarification.number), entry.at));
    audit::Entry with_number = entry;
    with_number.fields.emplace_back("clarification", std::to_string(out.clarification.number));
    TB_RETURN_IF_ERROR(Audit(tx, with_number));
    return out;
  });
}

Result<std::vector<Clarification>> SqlTenderStore::ListClarifications(TenderId tender) {
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::vector<Clarification>> {
        TB_ASSIGN_OR_RETURN(Statement * s,
                            tx.Prepare("SELECT " + std::string(kClarificationColumns) +
                                       " FROM tender_clarifications WHERE tender_id = ? "
                                       "ORDER BY number"));
        s->BindInt64(1, tender.value);
        std::vector<Clarification> out;
        for (;;) {
          TB_ASSIGN_OR_RETURN(bool row, s->Step());
          if (!row) break;
          out.push_back(ReadClarification(*s));
        }
        return out;
      });
}

Result<bool> SqlTenderStore::AddInterest(TenderId tender, SupplierId supplier,
                                         const audit::Entry& entry) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<bool> {
    TB_ASSIGN_OR_RETURN(
        Statement * s,
        tx.Prepare("INSERT INTO tender_interest (tender_id, supplier_id, source, registered_at_us) "
                   "VALUES (?, ?, 'interest', ?) ON CONFLICT (tender_id, supplier_id) DO NOTHING"));
    s->BindInt64(1, tender.value).BindInt64(2, supplier.value).BindInt64(3, entry.at.micros());
    TB_RETURN_IF_ERROR(s->Run());
    if (s->ChangedRows() != 1) return false;
    TB_RETURN_IF_ERROR(Audit(tx, entry));
    return true;
  });
}

Result<bool> SqlTenderStore::HasInterest(TenderId tender, SupplierId supplier) {
  return InTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<bool> {
    TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("SELECT 1 FROM tender_interest WHERE "
                                                  "tender_id = ? AND supplier_id = ?"));
    s->BindInt64(1, tender.value).BindInt64(2, supplier.value);
    return s->Step();
  });
}

Result<std::vector<tenders::Notification>> SqlTenderStore::NotificationsFor(SupplierId supplier,
                                                                            int limit) {
  if (limit < 1 || limit > 200) {
    return Status::InvalidArgument("limit must be 1..200").WithField("limit");
  }
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::vector<tenders::Notification>> {
        TB_ASSIGN_OR_RETURN(
            Statement * s,
            tx.Prepare("SELECT n.id, n.tender_id, t.ocid, t.title, n.kind, n.reference, "
                       "n.created_at_us FROM tender_notifications n JOIN tenders t ON "
                       "t.id = n.tender_id WHERE n.supplier_id = ? ORDER BY n.id DESC LIMIT ?"));
        s->BindInt64(1, supplier.value).BindInt64(2, limit);
        std::vector<tenders::Notification> out;
        for (;;) {
          TB_ASSIGN_OR_RETURN(bool row, s->Step());
          if (!row) break;
          out.push_back({s->Int64(0), TenderId{s->Int64(1)}, s->Text(2), s->Text(3), supplier,
                         s->Text(4), s->Text(5), Timestamp::FromMicros(s->Int64(6))});
        }
        return out;
      });
}

}  // namespace tb::storage
