// Campaign F1 of SECURITY.md §3.3 (issue #6): kill -9 of the real `tenderbridge serve` during
// submission bursts, checked against the §3.1 invariant. 32 client threads submit sealed bids
// with idempotency keys and retry indeterminate ("info") operations with the same key once the
// server is back; a nemesis SIGKILLs the server at uniform-random 50 ms – 2 s intervals and
// restarts it on the same SQLite file and port. Afterwards the final state is read back as
// each supplier and checked: 0 acknowledged lost, 0 duplicates, 0 unexpected, 0 partial,
// byte-identical receipts on retry, integrity_check ok, `audit verify` passes, and
// restart-to-first-201 ≤ 5 s (DU-08). Sizes: TB_CHAOS_KILLS, TB_CHAOS_SUBMISSIONS,
// TB_CHAOS_CLIENTS (CI defaults 50, 5,000, 32). docs/bids.md "Crash campaign (F1)".
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "../api/accounts_client.h"
#include "core/timestamp.h"
#include "crypto/envelope.h"
#include "crypto/random.h"
#include "crypto/sealing.h"
#include "crypto/signing.h"

namespace tb::api_test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::atoi(value) : fallback;
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Figures and check results for the summary line (printed by main).
struct Summary {
  int passed = 0;
  int failed = 0;
  std::string figures;
};
Summary summary;

void Check(bool ok, const std::string& what) {
  (ok ? summary.passed : summary.failed)++;
  std::printf("chaos check %-58s %s\n", what.c_str(), ok ? "ok" : "FAILED");
  EXPECT_TRUE(ok) << what;
}

// The server the nemesis kills: forked directly (not ServerProcess) so it can be SIGKILLed
// and restarted on the same port and database.
class KillableServer {
 public:
  explicit KillableServer(std::vector<std::string> argv, std::string port_file, std::string log)
      : argv_(std::move(argv)), port_file_(std::move(port_file)), log_(std::move(log)) {}
  ~KillableServer() { Kill(); }

  bool Start() {
    std::remove(port_file_.c_str());
    const pid_t pid = fork();
    if (pid < 0) return false;
    if (pid == 0) {
      const int fd = open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
      }
      std::vector<char*> args;
      for (const std::string& a : argv_) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
    pid_ = pid;
    const auto until = Clock::now() + std::chrono::seconds(60);
    while (Clock::now() < until) {
      if (std::atoi(ReadFile(port_file_).c_str()) > 0) return true;
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }
  void Kill() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  std::vector<std::string> argv_;
  std::string port_file_;
  std::string log_;
  pid_t pid_ = -1;
};

// One client operation's history (Jepsen: invoke, then ok / fail / info).
struct Op {
  int client = 0;
  std::string bid;
  std::string key;
  std::string envelope;
  std::string envelope_sha256;
  std::string outcome = "invoke";  // ok | fail | info
  std::string receipt;             // the bytes of the acknowledging 201
  int attempts = 0;
  int last_status = 0;
  Clock::time_point acked_at{};
};

class BidKillCampaign : public AccountsApiTest {
 protected:
  // The server starts inside the test (set-up, then the campaign's own process).
  void SetUp() override {}

  void CreateUser(const std::string& email, const std::string& role) {
    const std::string password_file = dir_->path() + "/password";
    { std::ofstream(password_file) << kAccountPassword << "\n"; }
    ASSERT_EQ(
        RunCommand({kBin, "user", "create", "--database", database_, "--email", email, "--role",
                    role, "--password-file", password_file, "--organisation", "UNDP"},
                   dir_->path() + "/cli.log"),
        0)
        << ReadFile(dir_->path() + "/cli.log");
  }

  static bool Sql(const std::string& sql, std::vector<std::string>* first_column = nullptr) {
    sqlite3* db = nullptr;
    if (sqlite3_open(database_.c_str(), &db) != SQLITE_OK) return false;
    sqlite3_busy_timeout(db, 10000);
    char* error = nullptr;
    auto collect = [](void* out, int, char** values, char**) {
      if (out) static_cast<std::vector<std::string>*>(out)->push_back(values[0] ? values[0] : "");
      return 0;
    };
    const int rc = sqlite3_exec(db, sql.c_str(), collect, first_column, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "") << "\n" << sql;
    sqlite3_free(error);
    sqlite3_close(db);
    return rc == SQLITE_OK;
  }
  static std::string SqlValue(const std::string& sql) {
    std::vector<std::string> rows;
    Sql(sql, &rows);
    return rows.empty() ? "" : rows.front();
  }

  // A published single-envelope tender closing in a day, seeded as bid_api_test does.
  void SeedTender(const Account& officer, const std::vector<Account>& members) {
    crypto::X25519KeyPair pair = crypto::GenerateX25519KeyPair();
    key_ = pair.public_key;
    char hex[65];
    for (int i = 0; i < 32; ++i) std::snprintf(hex + 2 * i, 3, "%02x", key_[i]);
    const std::int64_t deadline = std::int64_t{std::time(nullptr) + 86400} * 1'000'000;
    ASSERT_TRUE(Sql(
        "INSERT INTO tenders (ocid, organisation_id, created_by, state, deadline_us, time_zone, "
        "envelope_mode, evaluation_method, currency, version, method, reference, title, language, "
        "doc, opening_threshold, created_at_us, updated_at_us) VALUES ('" +
        ocid_ + "', " + std::to_string(officer.organisation) + ", " + std::to_string(officer.user) +
        ", 'published', " + std::to_string(deadline) +
        ", 'UTC', 'single', 'lowest_price', 'USD', 1, 'rfq', 'REF-F1', 'Crash campaign', 'en', "
        "'{}', 2, 0, 0)"));
    const std::string id = "(SELECT id FROM tenders WHERE ocid = '" + ocid_ + "')";
    for (std::size_t i = 0; i < members.size(); ++i) {
      ASSERT_TRUE(Sql("INSERT INTO tender_committee (tender_id, user_id, role, position) VALUES (" +
                      id + ", " + std::to_string(members[i].user) + ", 'opening', " +
                      std::to_string(i + 1) + ")"));
    }
    ASSERT_TRUE(
        Sql("INSERT INTO tender_envelope_keys (tender_id, envelope, public_key, threshold, "
            "created_by, created_at_us) VALUES (" +
            id + ", 'single', X'" + std::string(hex) + "', 2, " + std::to_string(members[0].user) +
            ", 0)"));
  }

  std::string Seal(const std::string& bid) {
    const std::string text = "offer " + bid;
    crypto::PlainFile file{"offer.txt", std::vector<std::uint8_t>(text.begin(), text.end())};
    auto sealed =
        crypto::SealEnvelope({ocid_, crypto::EnvelopeKind::kSingle, bid}, key_,
                             std::span<const crypto::PlainFile>(&file, 1), tb::Money{1000, "USD"});
    EXPECT_TRUE(sealed.ok());
    const std::vector<std::uint8_t> bytes = sealed.value_or({});
    return std::string(bytes.begin(), bytes.end());
  }

  // ET-02: the receipt's Ed25519 signature over its canonical form without `signature`.
  bool ReceiptVerifies(const std::string& receipt) const {
    json doc = json::parse(receipt, nullptr, false);
    if (!doc.is_object() || !doc.contains("signature")) return false;
    auto signature = crypto::ParseSignature(doc.value("signature", ""));
    if (!signature.ok()) return false;
    doc.erase("signature");
    const std::string signed_bytes = doc.dump();  // sorted members, no whitespace
    return crypto::VerifySignature(
        public_key_,
        std::span(reinterpret_cast<const std::uint8_t*>(signed_bytes.data()), signed_bytes.size()),
        signature.value());
  }

  httplib::Result Submit(httplib::Client& client, const Account& who, const Op& op) {
    return client.Post(("/api/v1/tenders/" + ocid_ + "/bids/" + op.bid).c_str(),
                       {{"Cookie", who.cookie},
                        {"X-CSRF-Token", who.csrf},
                        {"Origin", origin_},
                        {"Idempotency-Key", op.key}},
                       MultipartBody({FormPart{"single", op.envelope, "envelope.tbseal"}}),
                       MultipartType().c_str());
  }

  std::unique_ptr<httplib::Client> NewClient() const {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client->set_connection_timeout(2, 0);
    client->set_read_timeout(30, 0);
    client->set_write_timeout(30, 0);
    return client;
  }

  std::string ocid_ = "ocds-chaos-f1-000001";
  crypto::X25519PublicKey key_{};
  std::array<std::uint8_t, 32> public_key_{};
  std::string public_key_text_;
  int port_ = 0;
};

TEST_F(BidKillCampaign, KillNineDuringSubmissionBursts) {
  const int kills_wanted = EnvInt("TB_CHAOS_KILLS", 50);
  const int clients = EnvInt("TB_CHAOS_CLIENTS", 32);
  const int submissions_wanted = EnvInt("TB_CHAOS_SUBMISSIONS", 5000);

  // Set-up on a normally running server: committee, officer, tender, suppliers, the key.
  StartServer();
  port_ = server_->port();
  client_ = NewClient();
  for (const char* email : {"m1@undp.example", "m2@undp.example", "m3@undp.example"}) {
    CreateUser(email, "committee_member");
  }
  const Account officer = Officer("officer@undp.example");
  const std::vector<Account> members = {LogIn("m1@undp.example"), LogIn("m2@undp.example"),
                                        LogIn("m3@undp.example")};
  SeedTender(officer, members);
  std::vector<Account> suppliers;
  for (int c = 0; c < clients; ++c) {
    suppliers.push_back(
        Supplier("bids@s" + std::to_string(c) + ".example", "Supplier " + std::to_string(c)));
    ASSERT_FALSE(suppliers.back().cookie.empty());
  }
  auto key = client_->Get("/api/v1/audit/public-key");
  ASSERT_TRUE(key && key->status == 200) << (key ? key->body : "no answer");
  public_key_text_ = Body(key).value("public_key", "");
  auto parsed_key = crypto::ParsePublicKey(public_key_text_);
  ASSERT_TRUE(parsed_key.ok()) << key->body;
  public_key_ = parsed_key.value();

  // Operations are made as the clients go (an envelope is bound to its bid id, so each is
  // sealed for its own bid): the run lasts until the nemesis has made its kills and at least
  // the wanted number of submissions was invoked, whichever comes later.
  std::vector<std::vector<Op>> ops(clients);
  auto next_op = [&](int c) {
    Op op;
    op.client = c;
    const std::string i = std::to_string(ops[c].size());
    op.bid = "f1-c" + std::to_string(c) + "-b" + i;
    op.key = "f1-key-c" + std::to_string(c) + "-" + i;
    op.envelope = Seal(op.bid);
    op.envelope_sha256 = crypto::Sha256Hex(op.envelope);
    ops[c].push_back(std::move(op));
    return &ops[c].back();
  };
  ASSERT_EQ(server_->Stop(), 0);

  const std::string port_file = dir_->path() + "/port";
  KillableServer server({kBin, "serve", "--database", database_, "--port", std::to_string(port_),
                         "--port-file", port_file, "--mail-dir", mail_dir_, "--threads", "8",
                         "--rate-limit", "upload:ip=0/1", "--rate-limit", "upload:account=0/1"},
                        port_file, dir_->path() + "/server.log");
  ASSERT_TRUE(server.Start()) << ReadFile(dir_->path() + "/server.log");

  std::atomic<bool> nemesis_done{false};
  std::atomic<bool> server_lost{false};
  std::atomic<int> invoked{0};
  std::atomic<int> retried{0};
  std::atomic<int> unexpected_status{0};
  std::mutex restarts_mutex;
  std::vector<Clock::time_point> restarts;
  int kills = 0;
  const auto campaign_start = Clock::now();
  std::thread nemesis([&] {
    std::mt19937 rng(std::random_device{}());  // schedule only, not security
    std::uniform_int_distribution<int> delay_ms(50, 2000);
    while (kills < kills_wanted) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
      server.Kill();
      ++kills;
      const auto restarted = Clock::now();
      int tries = 0;
      while (!server.Start() && ++tries < 50) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      if (tries == 50) {  // the clients give up on their ops; the checks report it
        ADD_FAILURE() << "the server does not restart: " << ReadFile(dir_->path() + "/server.log");
        server_lost = true;
        break;
      }
      std::lock_guard lock(restarts_mutex);
      restarts.push_back(restarted);
    }
    nemesis_done = true;
  });
  std::vector<std::thread> workers;
  for (int c = 0; c < clients; ++c) {
    workers.emplace_back([&, c] {
      auto client = NewClient();
      while (!server_lost && (!nemesis_done || invoked < submissions_wanted)) {
        ++invoked;
        Op& op = *next_op(c);
        const auto give_up = Clock::now() + std::chrono::seconds(120);
        while (Clock::now() < give_up && !server_lost) {
          ++op.attempts;
          if (op.attempts > 1) ++retried;
          auto r = Submit(*client, suppliers[c], op);
          op.last_status = r ? r->status : 0;
          if (r && r->status == 201) {
            op.receipt = r->body;
            op.acked_at = Clock::now();
            op.outcome = ReceiptVerifies(op.receipt) ? "ok" : "fail";
            break;
          }
          if (!r || r->status >= 500 || r->status == 429) {
            op.outcome = "info";  // indeterminate: retry the same key once the server is back
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
          }
          op.outcome = "fail";
          ++unexpected_status;
          ADD_FAILURE() << op.bid << ": " << r->status << " " << r->body;
          break;
        }
      }
    });
  }
  nemesis.join();
  for (std::thread& w : workers) w.join();
  const double campaign_seconds = Seconds(Clock::now() - campaign_start);

  // The history as JSONL, for a human reading a failure.
  {
    std::ofstream history("f1-history.jsonl");  // in the working directory: outlives dir_
    for (const auto& list : ops) {
      for (const Op& op : list) {
        history << json({{"client", op.client},
                         {"bid", op.bid},
                         {"key", op.key},
                         {"outcome", op.outcome},
                         {"attempts", op.attempts},
                         {"status", op.last_status}})
                       .dump()
                << "\n";
      }
    }
  }

  // DU-08: from each restart to the first 201 any client received after it.
  std::vector<Clock::time_point> acks;
  for (const auto& list : ops) {
    for (const Op& op : list) {
      if (op.outcome == "ok") acks.push_back(op.acked_at);
    }
  }
  std::sort(acks.begin(), acks.end());
  double max_restart_to_201 = 0;
  int restarts_without_201 = 0;
  for (const Clock::time_point restarted : restarts) {
    auto first = std::lower_bound(acks.begin(), acks.end(), restarted);
    if (first == acks.end()) {
      ++restarts_without_201;
      continue;
    }
    max_restart_to_201 = std::max(max_restart_to_201, Seconds(*first - restarted));
  }

  // The final state, after one more kill and restart.
  server.Kill();
  ASSERT_TRUE(server.Start()) << ReadFile(dir_->path() + "/server.log");
  client_ = NewClient();
  int acknowledged = 0, indeterminate = 0, failed_ops = 0, recovered = 0;
  int lost = 0, duplicates = 0, unexpected = 0, mismatched = 0, unverified = 0, not_identical = 0;
  for (int c = 0; c < clients; ++c) {
    auto listing = Send("GET", "/api/v1/tenders/" + ocid_ + "/bids", suppliers[c]);
    ASSERT_TRUE(listing && listing->status == 200) << (listing ? listing->body : "no answer");
    std::map<std::string, json> stored;
    const json body = Body(listing);  // kept alive: the loop below iterates a member of it
    for (const json& bid : body["bids"]) stored[bid.value("bid", "")] = bid;
    std::set<std::string> attempted;
    for (const Op& op : ops[c]) {
      attempted.insert(op.bid);
      if (op.outcome == "info") ++indeterminate;
      if (op.outcome == "fail") ++failed_ops;
      if (op.outcome == "fail" && !op.receipt.empty()) ++unverified;
      if (op.outcome != "ok") continue;
      ++acknowledged;
      if (op.attempts > 1) ++recovered;
      auto found = stored.find(op.bid);
      if (found == stored.end()) {
        ++lost;
        ADD_FAILURE() << "lost acknowledged bid " << op.bid;
        continue;
      }
      const json& versions = found->second["versions"];
      if (versions.size() != 1) ++duplicates;
      const json receipt = json::parse(op.receipt);
      const json& v = versions.empty() ? json() : versions[0];
      if (v.is_null() || v["receipt"] != receipt ||
          v.value("receipt_time", "") != receipt.value("receipt_time", "") ||
          v["envelopes"][0].value("sha256", "") != op.envelope_sha256 ||
          receipt["envelopes"][0].value("sha256", "") != op.envelope_sha256) {
        ++mismatched;
        ADD_FAILURE() << op.bid << " stored " << found->second.dump() << " receipt " << op.receipt;
      }
    }
    for (const auto& [bid, unused] : stored) {
      if (!attempted.count(bid)) ++unexpected;
    }
  }
  // DU-03: a retry of every acknowledged op answers the byte-identical receipt.
  {
    std::atomic<int> differing{0};
    std::vector<std::thread> replays;
    for (int c = 0; c < clients; ++c) {
      replays.emplace_back([&, c] {
        auto client = NewClient();
        for (const Op& op : ops[c]) {
          if (op.outcome != "ok") continue;
          auto r = Submit(*client, suppliers[c], op);
          if (!r || r->status != 201 || r->body != op.receipt) ++differing;
        }
      });
    }
    for (std::thread& t : replays) t.join();
    not_identical = differing;
  }
  const std::string versions_total = SqlValue("SELECT COUNT(*) FROM bid_versions");
  const std::string keys_total = SqlValue(
      "SELECT COUNT(*) FROM (SELECT DISTINCT supplier_id, tender_id, idempotency_key FROM "
      "bid_versions)");
  const std::string partial = SqlValue(
      "SELECT (SELECT COUNT(*) FROM bid_versions v WHERE v.action <> 'withdrawn' AND NOT EXISTS "
      "(SELECT 1 FROM bid_envelopes e WHERE e.tender_id = v.tender_id AND e.bid_id = v.bid_id "
      "AND e.version = v.version)) + (SELECT COUNT(*) FROM bid_envelopes e WHERE NOT EXISTS "
      "(SELECT 1 FROM bid_blobs b WHERE b.sha256 = e.sha256)) + (SELECT COUNT(*) FROM bids b "
      "WHERE NOT EXISTS (SELECT 1 FROM bid_versions v WHERE v.tender_id = b.tender_id AND "
      "v.bid_id = b.bid_id)) + (SELECT COUNT(*) FROM bid_versions WHERE receipt IS NULL OR "
      "receipt = '')");
  server.Kill();  // a last crash: the checks below read the file as it was left
  const std::string integrity = SqlValue("PRAGMA integrity_check");
  const int audit = RunCommand(
      {kBin, "audit", "verify", "--database", database_, "--public-key", public_key_text_},
      dir_->path() + "/audit.log");

  // Negative control of the checker: an acknowledged bid removed behind the server's back
  // (as a lost commit would leave it) must be reported lost.
  int control_lost = -1;
  for (int c = 0; c < clients && control_lost < 0; ++c) {
    for (const Op& op : ops[c]) {
      if (op.outcome != "ok") continue;
      const std::string where = " WHERE bid_id = '" + op.bid + "'";
      Sql("DELETE FROM bid_envelopes" + where + "; DELETE FROM bid_versions" + where +
          "; DELETE FROM bids" + where);
      EXPECT_TRUE(server.Start()) << ReadFile(dir_->path() + "/server.log");
      auto listing = Send("GET", "/api/v1/tenders/" + ocid_ + "/bids", suppliers[c]);
      const json body = Body(listing);
      std::set<std::string> present;
      if (body.contains("bids")) {
        for (const json& bid : body["bids"]) present.insert(bid.value("bid", ""));
      }
      control_lost = 0;
      for (const Op& acked : ops[c]) {
        if (acked.outcome == "ok" && !present.count(acked.bid)) ++control_lost;
      }
      server.Kill();
      break;
    }
  }

  const int submissions = invoked;
  Check(kills >= kills_wanted,
        "F1 size: kills " + std::to_string(kills) + " >= " + std::to_string(kills_wanted));
  Check(submissions >= submissions_wanted, "F1 size: submissions " + std::to_string(submissions));
  Check(unexpected_status == 0 && failed_ops == 0, "no op refused (4xx) or unverifiable receipt");
  Check(unverified == 0, "ET-02 every 201 receipt verifies with the published key");
  Check(lost == 0, "3.1(1) acknowledged lost = " + std::to_string(lost));
  Check(mismatched == 0,
        "3.1(1) same ciphertext hash, receipt, time; mismatched = " + std::to_string(mismatched));
  Check(unexpected == 0, "3.1(2) unexpected bids = " + std::to_string(unexpected));
  Check(duplicates == 0 && versions_total == keys_total,
        "3.1(3) duplicates = " + std::to_string(duplicates) + " (versions " + versions_total +
            ", keys " + keys_total + ")");
  Check(not_identical == 0,
        "DU-03 retries byte-identical; differing = " + std::to_string(not_identical));
  Check(partial == "0", "DU-04 partial records = " + partial);
  Check(integrity == "ok", "DU-05 PRAGMA integrity_check = " + integrity);
  Check(audit == 0, "AU audit verify exit " + std::to_string(audit));
  Check(control_lost == 1, "negative control: a deleted acknowledged bid is reported lost (" +
                               std::to_string(control_lost) + ")");
  Check(restarts_without_201 <= 1 && max_restart_to_201 <= 5.0,
        "DU-08 max restart-to-first-201 <= 5 s");
  char figures[512];
  std::snprintf(figures, sizeof figures,
                "chaos F1: kills %d, clients %d, submissions %d, acknowledged %d, indeterminate "
                "left %d, recovered after retry %d, retries %d, max restart-to-201 %.2f s, "
                "campaign %.0f s",
                kills, clients, submissions, acknowledged, indeterminate, recovered, retried.load(),
                max_restart_to_201, campaign_seconds);
  summary.figures = figures;
  if (summary.failed > 0) std::printf("history: f1-history.jsonl\n");
}

}  // namespace
}  // namespace tb::api_test

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  const int rc = RUN_ALL_TESTS();
  const auto& s = tb::api_test::summary;
  if (!s.figures.empty()) std::printf("%s\n", s.figures.c_str());
  const int failed = s.failed + (rc != 0 && s.failed == 0 ? 1 : 0);
  std::printf("chaos: %d passed, %d failed\n", s.passed, failed);
  return rc;
}
