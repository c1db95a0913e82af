// Sealed-bid load generator (issue #6 item 8; docs/benchmarks-bids.md): against a running
// `tenderbridge serve`, signs up supplier companies through the API (verifying each e-mail
// from the server's mail sink), seeds a published tender with an envelope key into the
// server's SQLite file as tests/api/bid_api_test.cc does, seals N envelopes of --size bytes of
// random content (client work: not timed), then submits them with C concurrent clients and
// measures throughput and the time from request start to the 201 receipt.
//
// Baseline of the same run: the same N uploads of the same bytes to the same route, by the
// same signed-in suppliers, with the part named "baseline" instead of "single": the server
// reads the body, authenticates, parses the multipart and refuses it (400 unknown_field)
// before any bid work. The difference is what the bid transaction costs.
//
// After the timed part every receipt is checked here with tenders::VerifyReceipt against the
// platform key, and its facts against what was sent (tender, bid, supplier, envelope SHA-256
// and size): a run with one bad receipt fails.
//
// Output: one line per measured run on stdout, and a JSON file (--out) for scripts/bench-bids.
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "crypto/digest.h"
#include "crypto/envelope.h"
#include "crypto/random.h"
#include "crypto/sealing.h"
#include "tenders/receipt.h"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kPassword = "a long enough passphrase 7";
constexpr const char* kBoundary = "tbBidLoadBoundary5e1a";

struct Options {
  int port = 0;
  std::string database;
  std::string mail_dir;
  std::string officer_email;
  int bids = 2000;
  std::size_t size = 1 << 20;
  std::vector<int> concurrency = {16, 32};
  std::string out;
};

struct Account {
  std::string cookie;
  std::string csrf;
  std::int64_t user = 0;
  std::int64_t organisation = 0;
};

[[noreturn]] void Fail(const std::string& message) {
  std::cerr << "bid_load: " << message << "\n";
  std::exit(1);
}

std::string Origin(const Options& o) { return "http://127.0.0.1:" + std::to_string(o.port); }

httplib::Client MakeClient(const Options& o) {
  httplib::Client client("127.0.0.1", o.port);
  client.set_read_timeout(600, 0);
  client.set_write_timeout(600, 0);
  client.set_keep_alive(true);
  return client;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string TokenMailedTo(const Options& o, const std::string& to) {
  for (const auto& entry : std::filesystem::directory_iterator(o.mail_dir)) {
    const std::string mail = ReadFile(entry.path().string());
    if (mail.find("To: " + to) == std::string::npos) continue;
    const std::size_t at = mail.find("#token=");
    if (at == std::string::npos) continue;
    std::size_t end = at + 7;
    while (end < mail.size() && !std::isspace(static_cast<unsigned char>(mail[end]))) ++end;
    return mail.substr(at + 7, end - at - 7);
  }
  return {};
}

Account LogIn(const Options& o, httplib::Client& client, const std::string& email) {
  auto r =
      client.Post("/api/v1/auth/login", {{"Origin", Origin(o)}},
                  json({{"email", email}, {"password", kPassword}}).dump(), "application/json");
  if (!r || r->status != 200) Fail("login " + email + ": " + (r ? r->body : "no answer"));
  Account a;
  const std::string set_cookie = r->get_header_value("Set-Cookie");
  a.cookie = set_cookie.substr(0, set_cookie.find(';'));
  const json body = json::parse(r->body);
  a.csrf = body.value("csrf_token", "");
  a.user = body["user"].value("id", std::int64_t{0});
  auto session = client.Get("/api/v1/auth/session", {{"Cookie", a.cookie}});
  if (!session || session->status != 200) Fail("session of " + email);
  const json memberships = json::parse(session->body)["memberships"];
  if (memberships.is_array() && !memberships.empty()) {
    a.organisation = memberships[0].value("organisation_id", std::int64_t{0});
  }
  return a;
}

Account SignUpSupplier(const Options& o, httplib::Client& client, int n) {
  const std::string email =
      "bids" + std::to_string(n) + "@supplier" + std::to_string(n) + ".example";
  json signup = {{"email", email},
                 {"password", kPassword},
                 {"display_name", "Owner"},
                 {"language", "en"},
                 {"company", {{"name", "Bench Supplier " + std::to_string(n)}, {"country", "KE"}}}};
  auto r = client.Post("/api/v1/auth/signup", {{"Origin", Origin(o)}}, signup.dump(),
                       "application/json");
  if (!r || r->status != 202) Fail("signup " + email + ": " + (r ? r->body : "no answer"));
  const std::string token = TokenMailedTo(o, email);
  if (token.empty()) Fail("no verification mail to " + email);
  auto verified = client.Post("/api/v1/auth/verify-email", {{"Origin", Origin(o)}},
                              json({{"token", token}}).dump(), "application/json");
  if (!verified || verified->status != 204) Fail("verify-email " + email);
  return LogIn(o, client, email);
}

void Sql(const Options& o, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(o.database.c_str(), &db) != SQLITE_OK) Fail("open " + o.database);
  sqlite3_busy_timeout(db, 10000);
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    Fail(std::string("SQL: ") + (error ? error : "") + "\n" + sql);
  }
  sqlite3_close(db);
}

// A published single-envelope tender of the officer's agency closing in a day, with an
// envelope key (the secret half is not needed: the benchmark never opens the bids).
tb::crypto::X25519PublicKey SeedTender(const Options& o, const std::string& ocid,
                                       const Account& officer) {
  const tb::crypto::X25519KeyPair pair = tb::crypto::GenerateX25519KeyPair();
  const std::int64_t deadline_us =
      (static_cast<std::int64_t>(std::time(nullptr)) + 86400) * 1'000'000;
  Sql(o,
      "INSERT INTO tenders (ocid, organisation_id, created_by, state, deadline_us, time_zone, "
      "envelope_mode, evaluation_method, currency, version, method, reference, title, "
      "language, doc, opening_threshold, created_at_us, updated_at_us) VALUES ('" +
          ocid + "', " + std::to_string(officer.organisation) + ", " +
          std::to_string(officer.user) + ", 'published', " + std::to_string(deadline_us) +
          ", 'UTC', 'single', 'lowest_price', 'USD', 1, 'rfq', 'BENCH', 'Load test', 'en', "
          "'{}', 2, 0, 0)");
  Sql(o,
      "INSERT INTO tender_envelope_keys (tender_id, envelope, public_key, threshold, "
      "created_by, created_at_us) VALUES ((SELECT id FROM tenders WHERE ocid = '" +
          ocid + "'), 'single', X'" + tb::crypto::HexEncode(pair.public_key) + "', 2, " +
          std::to_string(officer.user) + ", 0)");
  return pair.public_key;
}

std::string Multipart(const std::string& part_name, std::span<const std::uint8_t> bytes) {
  std::string body = std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" +
                     part_name +
                     "\"; filename=\"envelope.tbseal\"\r\nContent-Type: "
                     "application/octet-stream\r\n\r\n";
  body.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return body + "\r\n--" + kBoundary + "--\r\n";
}

struct Upload {
  std::string bid;
  int supplier = 0;  // index into the accounts
  std::string body;
  std::string sha256;
  std::uint64_t size = 0;
};

struct Outcome {
  double seconds = 0;
  int status = 0;
  std::string body;
};

struct RunFigures {
  std::string name;
  int concurrency = 0;
  int requests = 0;
  int expected = 0;  // requests answered with the expected status
  double wall_seconds = 0;
  double p50_ms = 0, p95_ms = 0, p99_ms = 0, max_ms = 0;
};

double Percentile(std::vector<double> sorted_ms, double p) {
  if (sorted_ms.empty()) return 0;
  std::size_t rank = static_cast<std::size_t>(std::ceil(p * sorted_ms.size()));
  rank = std::clamp<std::size_t>(rank, 1, sorted_ms.size());
  return sorted_ms[rank - 1];
}

// Sends every upload once, `concurrency` clients at a time (one keep-alive connection and
// one supplier account each; client i sends uploads i, i + C, ...).
RunFigures Run(const Options& o, const std::string& name, const std::string& path_prefix,
               const std::vector<Upload>& uploads, const std::vector<Account>& accounts,
               int concurrency, int expected_status, std::vector<Outcome>& outcomes) {
  outcomes.assign(uploads.size(), {});
  const Clock::time_point start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < concurrency; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client = MakeClient(o);
      const Account& who = accounts[c];
      const httplib::Headers base = {
          {"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}, {"Origin", Origin(o)}};
      for (std::size_t i = c; i < uploads.size(); i += concurrency) {
        httplib::Headers headers = base;
        headers.emplace("Idempotency-Key", name + "-" + uploads[i].bid);
        const Clock::time_point sent = Clock::now();
        auto r = client.Post((path_prefix + uploads[i].bid).c_str(), headers, uploads[i].body,
                             (std::string("multipart/form-data; boundary=") + kBoundary).c_str());
        outcomes[i].seconds = std::chrono::duration<double>(Clock::now() - sent).count();
        outcomes[i].status = r ? r->status : -1;
        if (r) outcomes[i].body = std::move(r->body);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  RunFigures f;
  f.name = name;
  f.concurrency = concurrency;
  f.requests = static_cast<int>(uploads.size());
  f.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> ms;
  for (const Outcome& out : outcomes) {
    ms.push_back(out.seconds * 1000);
    if (out.status == expected_status) ++f.expected;
  }
  std::sort(ms.begin(), ms.end());
  f.p50_ms = Percentile(ms, 0.50);
  f.p95_ms = Percentile(ms, 0.95);
  f.p99_ms = Percentile(ms, 0.99);
  f.max_ms = ms.empty() ? 0 : ms.back();
  std::printf(
      "%-9s C=%-3d %d requests in %.2f s = %.1f/s; %d answered %d; latency ms p50 %.1f "
      "p95 %.1f p99 %.1f max %.1f\n",
      name.c_str(), concurrency, f.requests, f.wall_seconds, f.requests / f.wall_seconds,
      f.expected, expected_status, f.p50_ms, f.p95_ms, f.p99_ms, f.max_ms);
  std::fflush(stdout);
  return f;
}

// Every receipt must verify against the platform key and state what was sent.
int CheckReceipts(const std::vector<Upload>& uploads, const std::vector<Outcome>& outcomes,
                  const std::vector<Account>& accounts, const std::string& ocid,
                  const std::array<std::uint8_t, 32>& platform_key) {
  int good = 0;
  for (std::size_t i = 0; i < uploads.size(); ++i) {
    if (outcomes[i].status != 201) continue;
    const tb::tenders::ReceiptVerdict verdict =
        tb::tenders::VerifyReceipt(outcomes[i].body, platform_key);
    auto receipt = tb::tenders::ParseReceipt(outcomes[i].body);
    if (!verdict.valid || !receipt.ok()) {
      std::fprintf(stderr, "bid_load: receipt of %s does not verify: %s\n", uploads[i].bid.c_str(),
                   verdict.reason.c_str());
      continue;
    }
    const tb::tenders::BidEventFacts& facts = receipt->facts;
    const bool matches =
        facts.tender == ocid && facts.bid == uploads[i].bid && facts.version == 1 &&
        facts.supplier.value == accounts[uploads[i].supplier].organisation &&
        facts.envelopes.size() == 1 && facts.envelopes[0].sha256 == uploads[i].sha256 &&
        facts.envelopes[0].size == uploads[i].size;
    if (!matches) {
      std::fprintf(stderr, "bid_load: receipt of %s states other facts than were sent\n",
                   uploads[i].bid.c_str());
      continue;
    }
    ++good;
  }
  return good;
}

std::vector<int> ParseList(const std::string& text) {
  std::vector<int> values;
  std::stringstream s(text);
  for (std::string item; std::getline(s, item, ',');) values.push_back(std::stoi(item));
  return values;
}

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--port")
      o.port = std::stoi(value);
    else if (flag == "--database")
      o.database = value;
    else if (flag == "--mail-dir")
      o.mail_dir = value;
    else if (flag == "--officer")
      o.officer_email = value;
    else if (flag == "--bids")
      o.bids = std::stoi(value);
    else if (flag == "--size")
      o.size = std::stoul(value);
    else if (flag == "--concurrency")
      o.concurrency = ParseList(value);
    else if (flag == "--out")
      o.out = value;
    else
      Fail("unknown option " + flag);
  }
  if (o.port == 0 || o.database.empty() || o.mail_dir.empty() || o.officer_email.empty() ||
      o.out.empty()) {
    Fail(
        "usage: bid_load --port P --database DB --mail-dir DIR --officer EMAIL --out JSON "
        "[--bids N] [--size BYTES] [--concurrency 16,32]");
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = ParseOptions(argc, argv);
  httplib::Client setup = MakeClient(o);
  const Account officer = LogIn(o, setup, o.officer_email);
  const int max_concurrency = *std::max_element(o.concurrency.begin(), o.concurrency.end());
  std::vector<Account> accounts;
  for (int n = 0; n < max_concurrency; ++n) accounts.push_back(SignUpSupplier(o, setup, n));

  // One random plaintext: each sealing draws its own keys, so every ciphertext differs.
  const std::vector<std::uint8_t> plaintext = tb::crypto::RandomBytes(o.size);
  json results = {{"bids", o.bids}, {"content_bytes", o.size}, {"runs", json::array()}};
  std::array<std::uint8_t, 32> platform_key{};
  bool ok = true;
  for (int concurrency : o.concurrency) {
    // A fresh tender per concurrency level, so that every run starts from the same state.
    const std::string ocid = "ocds-bench-c" + std::to_string(concurrency);
    const tb::crypto::X25519PublicKey key = SeedTender(o, ocid, officer);
    const Clock::time_point seal_start = Clock::now();
    std::vector<Upload> uploads(o.bids);
    std::vector<Upload> refused(o.bids);
    // Sealing is the bidder's work, done before the clock starts: on every core.
    std::vector<std::thread> sealers;
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (int t = 0; t < cores; ++t) {
      sealers.emplace_back([&, t] {
        for (int i = t; i < o.bids; i += cores) {
          Upload& u = uploads[i];
          u.bid = "bid-" + std::to_string(i);
          u.supplier = i % concurrency;
          tb::crypto::PlainFile file{"offer.bin", plaintext};
          auto sealed = tb::crypto::SealEnvelope(
              {ocid, tb::crypto::EnvelopeKind::kSingle, u.bid}, key,
              std::span<const tb::crypto::PlainFile>(&file, 1), tb::Money{100000 + i, "USD"});
          if (!sealed.ok()) Fail("sealing failed: " + sealed.status().ToString());
          u.size = sealed->size();
          u.sha256 = tb::crypto::Sha256Hex(*sealed);
          u.body = Multipart("single", *sealed);
          refused[i] = {u.bid, u.supplier, Multipart("baseline", *sealed), u.sha256, u.size};
        }
      });
    }
    for (std::thread& t : sealers) t.join();
    const double seal_seconds = std::chrono::duration<double>(Clock::now() - seal_start).count();
    std::printf("sealed %d envelopes of %llu bytes for %s in %.1f s (not timed)\n", o.bids,
                static_cast<unsigned long long>(uploads[0].size), ocid.c_str(), seal_seconds);
    const std::string prefix = "/api/v1/tenders/" + ocid + "/bids/";
    std::vector<Outcome> outcomes;
    const RunFigures baseline =
        Run(o, "baseline", prefix, refused, accounts, concurrency, 400, outcomes);
    const RunFigures bids = Run(o, "bids", prefix, uploads, accounts, concurrency, 201, outcomes);
    refused.clear();

    if (platform_key == std::array<std::uint8_t, 32>{}) {
      for (const Outcome& out : outcomes) {
        if (out.status != 201) continue;
        auto r = setup.Post("/api/v1/receipts/verify", out.body, "application/json");
        if (!r || r->status != 200) Fail("receipts/verify did not answer");
        auto parsed = tb::crypto::DecodeBase64Url(json::parse(r->body).value("public_key", ""));
        if (!parsed.ok() || parsed->size() != 32) Fail("no platform public key");
        std::copy(parsed->begin(), parsed->end(), platform_key.begin());
        break;
      }
    }
    const int verified = CheckReceipts(uploads, outcomes, accounts, ocid, platform_key);
    std::printf("receipts: %d of %d verified (signature, audit proof, facts)\n", verified, o.bids);
    std::fflush(stdout);
    if (verified != o.bids || baseline.expected != o.bids) ok = false;
    for (const RunFigures& f : {baseline, bids}) {
      results["runs"].push_back({{"name", f.name},
                                 {"concurrency", f.concurrency},
                                 {"requests", f.requests},
                                 {"expected_status", f.name == "bids" ? 201 : 400},
                                 {"expected", f.expected},
                                 {"wall_seconds", f.wall_seconds},
                                 {"p50_ms", f.p50_ms},
                                 {"p95_ms", f.p95_ms},
                                 {"p99_ms", f.p99_ms},
                                 {"max_ms", f.max_ms},
                                 {"envelope_bytes", uploads[0].size},
                                 {"request_bytes", uploads[0].body.size()},
                                 {"receipts_verified", f.name == "bids" ? verified : 0}});
    }
  }
  std::ofstream(o.out) << results.dump(2) << "\n";
  if (!ok) std::fprintf(stderr, "bid_load: some requests or receipts failed (see above)\n");
  return ok ? 0 : 1;
}
