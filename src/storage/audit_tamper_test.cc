// SECURITY.md AU-04 and F9: the tamper campaign. A log of a few hundred entries with signed
// heads is built in a real SQLite file; then 1,000 copies of the file are each changed once,
// as an attacker with access to the file would (triggers dropped first), and the verifier
// must find every change. A second part shows that the triggers refuse the same changes made
// in place through SQL.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <map>
#include <random>

#include "audit/audit_log_reader.h"
#include "audit/verifier.h"
#include "storage/audit_append.h"
#include "storage/database.h"
#include "storage/storage.h"

namespace tb::storage {
namespace {

constexpr int kEntries = 300;
constexpr int kHeadEvery = 20;
constexpr int kMutations = 1000;

// A raw connection to a copy, as an attacker would open it.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
  }
  ~RawDb() { sqlite3_close(db_); }
  // Runs `sql`; true when it succeeded.
  bool Exec(const std::string& sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    sqlite3_free(error);
    return rc == SQLITE_OK;
  }
  int Changes() const { return sqlite3_changes(db_); }
  std::int64_t Int(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    std::int64_t v = 0;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      v = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    return v;
  }
  std::vector<std::uint8_t> Blob(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    std::vector<std::uint8_t> v;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, 0));
      v.assign(p, p + sqlite3_column_bytes(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return v;
  }
  bool SetBlob(const std::string& sql, std::span<const std::uint8_t> value) {
    sqlite3_stmt* stmt = nullptr;
    bool ok = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK;
    ok = ok && sqlite3_bind_blob(stmt, 1, value.data(), static_cast<int>(value.size()),
                                 SQLITE_TRANSIENT) == SQLITE_OK;
    ok = ok && sqlite3_step(stmt) == SQLITE_DONE;
    sqlite3_finalize(stmt);
    return ok && Changes() > 0;
  }

 private:
  sqlite3* db_ = nullptr;
};

// One way of changing the log; returns false if it changed nothing (the campaign then counts
// it as not applied and fails).
struct Mutation {
  std::string name;
  std::function<bool(RawDb&, std::mt19937_64&)> apply;
};

std::int64_t Pick(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
  return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
}

std::string I(std::int64_t v) { return std::to_string(v); }

bool FlipBit(RawDb& db, std::mt19937_64& rng, const std::string& table, const std::string& column,
             const std::string& key_column, std::int64_t key) {
  const std::string where = " WHERE " + key_column + " = " + I(key);
  std::vector<std::uint8_t> value = db.Blob("SELECT " + column + " FROM " + table + where);
  if (value.empty()) return false;
  value[Pick(rng, 0, static_cast<std::int64_t>(value.size()) - 1)] ^=
      static_cast<std::uint8_t>(1u << Pick(rng, 0, 7));
  return db.SetBlob("UPDATE " + table + " SET " + column + " = ?" + where, value);
}

bool Run(RawDb& db, const std::string& sql) { return db.Exec(sql) && db.Changes() > 0; }

std::vector<Mutation> Mutations(std::int64_t heads) {
  const std::int64_t last = kEntries - 1;
  auto entry = [](std::mt19937_64& rng) { return Pick(rng, 0, kEntries - 1); };
  auto head = [heads](std::mt19937_64& rng) { return Pick(rng, 1, heads); };
  // A field of one entry changed to another valid value, the entry re-encoded canonically.
  auto edit_field = [entry](RawDb& db, std::mt19937_64& rng, bool fix_leaf_hash) {
    const std::int64_t i = entry(rng);
    const std::string where = " WHERE leaf_index = " + I(i);
    Result<audit::Entry> e = audit::Decode(db.Blob("SELECT entry FROM audit_entries" + where));
    if (!e.ok()) return false;
    switch (Pick(rng, 0, 4)) {
      case 0:
        e->kind = e->kind == "bid.received" ? "bid.withdrawn" : "bid.received";
        break;
      case 1:
        e->at = e->at + std::chrono::microseconds(Pick(rng, 1, 1'000'000));
        break;
      case 2:
        e->actor += "0";
        break;
      case 3:
        e->subject = "bid:forged";
        break;
      default:
        e->fields.front().second += "x";
        break;
    }
    const std::vector<std::uint8_t> bytes = audit::Encode(*e);
    if (!db.SetBlob("UPDATE audit_entries SET entry = ?" + where, bytes)) return false;
    if (!fix_leaf_hash) return true;
    const audit::Hash h = audit::LeafHash(bytes);
    return db.SetBlob("UPDATE audit_entries SET leaf_hash = ?" + where, h) &&
           Run(db, "UPDATE audit_entries SET at_us = " + I(e->at.micros()) + where);
  };
  return {
      {"entry: bit flipped",
       [=](RawDb& db, auto& rng) {
         return FlipBit(db, rng, "audit_entries", "entry", "leaf_index", entry(rng));
       }},
      {"entry: field edited", [=](RawDb& db, auto& rng) { return edit_field(db, rng, false); }},
      {"entry: field edited, leaf hash and time recomputed",
       [=](RawDb& db, auto& rng) { return edit_field(db, rng, true); }},
      {"leaf hash: bit flipped",
       [=](RawDb& db, auto& rng) {
         return FlipBit(db, rng, "audit_entries", "leaf_hash", "leaf_index", entry(rng));
       }},
      {"entry time column edited",
       [=](RawDb& db, auto& rng) {
         return Run(db, "UPDATE audit_entries SET at_us = at_us + " + I(Pick(rng, -5, 5) * 2 + 1) +
                            " WHERE leaf_index = " + I(entry(rng)));
       }},
      {"leaf index moved",
       [=](RawDb& db, auto& rng) {
         return Run(db, "UPDATE audit_entries SET leaf_index = " + I(Pick(rng, kEntries, 99999)) +
                            " WHERE leaf_index = " + I(entry(rng)));
       }},
      {"two entries swapped",
       [=](RawDb& db, auto& rng) {
         const std::int64_t a = entry(rng);
         std::int64_t b = entry(rng);
         if (b == a) b = (a + 1) % kEntries;
         return Run(db, "UPDATE audit_entries SET leaf_index = -1 WHERE leaf_index = " + I(a)) &&
                Run(db, "UPDATE audit_entries SET leaf_index = " + I(a) +
                            " WHERE leaf_index = " + I(b)) &&
                Run(db, "UPDATE audit_entries SET leaf_index = " + I(b) + " WHERE leaf_index = -1");
       }},
      {"entry deleted",
       [=](RawDb& db, auto& rng) {
         return Run(db, "DELETE FROM audit_entries WHERE leaf_index = " + I(entry(rng)));
       }},
      {"log truncated",
       [=](RawDb& db, auto& rng) {
         return Run(db,
                    "DELETE FROM audit_entries WHERE leaf_index > " + I(last - Pick(rng, 1, 60)));
       }},
      {"head: size edited",
       [=](RawDb& db, auto& rng) {
         return Run(db, "UPDATE audit_tree_heads SET size = size + " + I(Pick(rng, 1, 3)) +
                            " WHERE seq = " + I(head(rng)));
       }},
      {"head: root bit flipped",
       [=](RawDb& db, auto& rng) {
         return FlipBit(db, rng, "audit_tree_heads", "root", "seq", head(rng));
       }},
      {"head: time edited",
       [=](RawDb& db, auto& rng) {
         return Run(db, "UPDATE audit_tree_heads SET at_us = at_us - " + I(Pick(rng, 1, 1000)) +
                            " WHERE seq = " + I(head(rng)));
       }},
      {"head: signature bit flipped",
       [=](RawDb& db, auto& rng) {
         return FlipBit(db, rng, "audit_tree_heads", "signature", "seq", head(rng));
       }},
      {"head: key id edited",
       [=](RawDb& db, auto& rng) {
         return Run(db,
                    "UPDATE audit_tree_heads SET key_id = 'f' || substr(key_id, 2) || 'e' "
                    "WHERE seq = " +
                        I(head(rng)));
       }},
      {"head: root lengthened",
       [=](RawDb& db, auto& rng) {
         return Run(db,
                    "UPDATE audit_tree_heads SET root = root || x'00' WHERE seq = " + I(head(rng)));
       }},
      {"head deleted",
       [=](RawDb& db, auto& rng) {
         return Run(db, "DELETE FROM audit_tree_heads WHERE seq = " + I(head(rng)));
       }},
      {"two heads swapped",
       [=](RawDb& db, auto& rng) {
         const std::int64_t a = head(rng);
         std::int64_t b = head(rng);
         if (b == a) b = a % heads + 1;
         return Run(db, "UPDATE audit_tree_heads SET seq = -1 WHERE seq = " + I(a)) &&
                Run(db, "UPDATE audit_tree_heads SET seq = " + I(a) + " WHERE seq = " + I(b)) &&
                Run(db, "UPDATE audit_tree_heads SET seq = " + I(b) + " WHERE seq = -1");
       }},
      {"frontier: size edited",
       [=](RawDb& db, auto& rng) {
         return Run(db, "UPDATE audit_frontier SET size = size - " + I(Pick(rng, 1, 10)));
       }},
      {"frontier: node bit flipped",
       [=](RawDb& db, auto& rng) { return FlipBit(db, rng, "audit_frontier", "nodes", "id", 1); }},
      {"frontier: head count edited",
       [=](RawDb& db, auto& rng) {
         return Run(db,
                    "UPDATE audit_frontier SET head_count = head_count - " + I(Pick(rng, 1, 3)));
       }},
  };
}

class AuditTamperCampaign : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // A thousand copies: in memory (tmpfs) when the machine has one, so fsync costs nothing.
    std::error_code ec;
    const std::filesystem::path base =
        std::filesystem::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0
            ? std::filesystem::path("/dev/shm")
            : std::filesystem::temp_directory_path();
    std::string pattern = (base / "tb-tamper-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = new std::string(pattern);
    key_ = new crypto::SigningKey(crypto::SigningKey::Generate());
    Result<std::unique_ptr<Database>> db = OpenDatabase("sqlite:" + *dir_ + "/base.db");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(RegisterAuditSigningKey(**db, key_->public_key(), Timestamp::FromSeconds(1)).ok());
    for (int i = 0; i < kEntries; ++i) {
      auto tx = (*db)->Begin(TxMode::kWrite);
      ASSERT_TRUE(tx.ok());
      audit::Entry e{i % 3 == 0 ? "tender.published" : "bid.received",
                     Timestamp::FromSeconds(1'800'000'000 + i * 7),
                     "user:" + std::to_string(i % 17),
                     "bid:" + std::to_string(i),
                     {{"tender", "ocds-tbrdg1-" + std::to_string(i / 10)},
                      {"ciphertext_sha256", std::string(64, "0123456789abcdef"[i % 16])}}};
      Result<AuditAppended> a = AppendAuditEntry(**tx, e);
      ASSERT_TRUE(a.ok());
      if ((i + 1) % kHeadEvery == 0 || i + 1 == kEntries) {
        ASSERT_TRUE(StoreTreeHead(**tx, audit::SignTreeHead(a->tree_size, a->root,
                                                            e.at + std::chrono::seconds(1), *key_))
                        .ok());
      }
      ASSERT_TRUE((*tx)->Commit().ok());
    }
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete key_;
  }

  static std::string Copy(const std::string& name, const std::string& from = "base.db") {
    const std::string path = *dir_ + "/" + name;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path + suffix);
      if (std::filesystem::exists(*dir_ + "/" + from + suffix)) {
        std::filesystem::copy_file(*dir_ + "/" + from + suffix, path + suffix);
      }
    }
    return path;
  }

  static audit::VerificationReport Verify(const std::string& path) {
    Result<std::unique_ptr<Database>> db = OpenDatabase("sqlite:" + path);
    if (!db.ok()) {
      audit::VerificationReport failed;
      failed.problem_count = 1;
      failed.problems.push_back("cannot open: " + db.status().ToString());
      return failed;
    }
    std::unique_ptr<audit::AuditLogReader> reader = MakeAuditLogReader(**db);
    std::optional<audit::LogVerifier> verifier;
    Status scanned = reader->Scan(
        [&](const std::optional<audit::StoredFrontier>& frontier,
            const std::vector<audit::StoredHead>& heads) {
          verifier.emplace(key_->public_key(), frontier, heads, std::vector<audit::TreeHead>{});
          return Status::Ok();
        },
        [&](const audit::StoredEntry& e) {
          verifier->Add(e);
          return Status::Ok();
        });
    EXPECT_TRUE(scanned.ok()) << scanned.ToString();
    return verifier->Finish();
  }

  static inline std::string* dir_ = nullptr;
  static inline crypto::SigningKey* key_ = nullptr;
};

constexpr std::int64_t kHeads = kEntries / kHeadEvery;  // 300 is a multiple of 20

TEST_F(AuditTamperCampaign, TheUntouchedLogVerifies) {
  const audit::VerificationReport r = Verify(Copy("untouched.db"));
  EXPECT_TRUE(r.ok()) << (r.problems.empty() ? "" : r.problems.front());
  EXPECT_EQ(r.entries, kEntries);
  EXPECT_EQ(r.stored_heads, kHeads);
}

TEST_F(AuditTamperCampaign, DetectsAThousandOfAThousandOfflineMutations) {
  const std::vector<Mutation> mutations = Mutations(kHeads);
  std::mt19937_64 rng(20261121);
  std::map<std::string, std::pair<int, int>> by_kind;  // name -> (applied, detected)
  int detected = 0;
  {
    // An attacker with the file drops the append-only triggers first (once, on a copy that
    // every mutant starts from).
    RawDb raw(Copy("unprotected.db"));
    for (const char* trigger :
         {"audit_entries_no_update", "audit_entries_no_delete", "audit_tree_heads_no_update",
          "audit_tree_heads_no_delete", "audit_frontier_forward_only"}) {
      ASSERT_TRUE(raw.Exec(std::string("DROP TRIGGER ") + trigger));
    }
    ASSERT_TRUE(raw.Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  ASSERT_TRUE(Verify(*dir_ + "/unprotected.db").ok()) << "dropping the triggers changes no fact";
  for (int n = 0; n < kMutations; ++n) {
    const Mutation& m = mutations[static_cast<std::size_t>(n) % mutations.size()];
    const std::string path = Copy("mutant.db", "unprotected.db");
    bool applied = false;
    {
      RawDb raw(path);
      applied = m.apply(raw, rng);
    }
    ASSERT_TRUE(applied) << "mutation " << n << " (" << m.name << ") changed nothing";
    const audit::VerificationReport r = Verify(path);
    auto& [applied_count, detected_count] = by_kind[m.name];
    ++applied_count;
    if (!r.ok()) {
      ++detected;
      ++detected_count;
    } else {
      ADD_FAILURE() << "mutation " << n << " (" << m.name << ") was not detected";
    }
  }
  for (const auto& [name, counts] : by_kind) {
    std::printf("  %-52s %3d applied, %3d detected\n", name.c_str(), counts.first, counts.second);
  }
  std::printf("  tamper campaign: %d/%d detected\n", detected, kMutations);
  EXPECT_EQ(detected, kMutations);
}

TEST_F(AuditTamperCampaign, TriggersRefuseTheSameChangesMadeInPlace) {
  const std::vector<Mutation> mutations = Mutations(kHeads);
  std::mt19937_64 rng(7);
  const std::string path = Copy("in-place.db");
  RawDb raw(path);
  int refused = 0;
  int tried = 0;
  for (int round = 0; round < 5; ++round) {
    for (const Mutation& m : mutations) {
      ++tried;
      if (!m.apply(raw, rng)) {
        ++refused;
      } else {
        ADD_FAILURE() << m.name << " was not refused by the triggers";
      }
    }
  }
  EXPECT_EQ(refused, tried);
  raw.Exec("PRAGMA wal_checkpoint");
  const audit::VerificationReport r = Verify(path);
  EXPECT_TRUE(r.ok()) << (r.problems.empty() ? "" : r.problems.front());
}

}  // namespace
}  // namespace tb::storage
