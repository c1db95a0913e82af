// `tenderbridge audit verify`: re-verifies the whole audit log and every tree head stored or
// given (SECURITY.md AU-02..AU-04, DU-07; docs/audit-log.md "Verifying").
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/context.h"
#include "audit/audit_log_reader.h"
#include "audit/verifier.h"
#include "crypto/random.h"
#include "crypto/signing.h"
#include "storage/database.h"
#include "storage/storage.h"

namespace tb::app {
namespace {

struct VerifyArgs {
  std::string database;
  std::vector<std::string> public_keys;
  std::string signing_key;
  std::vector<std::string> heads_files;
};

Result<audit::Hash> HexHash(const nlohmann::json& value, const std::string& field) {
  if (!value.is_string() || value.get<std::string>().size() != 64) {
    return Status::InvalidArgument("expected 64 hex digits").WithField(field);
  }
  Result<std::array<std::uint8_t, 32>> bytes = crypto::ParsePublicKey(value.get<std::string>());
  if (!bytes.ok()) return Status::InvalidArgument("expected 64 hex digits").WithField(field);
  return *bytes;
}

// The first of `names` that `object` has, or null.
const nlohmann::json* Member(const nlohmann::json& object,
                             std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (object.contains(name)) return &object[name];
  }
  return nullptr;
}

// One head as the API prints it (GET /api/v1/audit/tree-heads: tree_size, root_hash,
// timestamp_us, hex signature) or as a receipt carries it (audit.tree_head: size, root, at_us,
// base64url signature; docs/receipts.md), or a whole receipt.
Result<audit::TreeHead> ParseHead(const nlohmann::json& j, const std::string& where) {
  const nlohmann::json* h = &j;
  if (j.is_object() && j.contains("audit") && j["audit"].is_object()) h = &j["audit"];
  if (h->is_object() && h->contains("tree_head")) h = &(*h)["tree_head"];
  if (!h->is_object()) return Status::InvalidArgument("not a tree head object").WithField(where);
  audit::TreeHead head;
  const nlohmann::json* size = Member(*h, {"tree_size", "size"});
  if (size == nullptr || !size->is_number_integer()) {
    return Status::InvalidArgument("tree_size must be an integer").WithField(where + ".tree_size");
  }
  head.size = size->get<std::int64_t>();
  const nlohmann::json* root = Member(*h, {"root_hash", "root"});
  TB_ASSIGN_OR_RETURN(head.root,
                      HexHash(root != nullptr ? *root : nlohmann::json(), where + ".root_hash"));
  const nlohmann::json* at_us = Member(*h, {"timestamp_us", "at_us"});
  const nlohmann::json* at = Member(*h, {"timestamp", "at"});
  if (at_us != nullptr && at_us->is_number_integer()) {
    head.at = Timestamp::FromMicros(at_us->get<std::int64_t>());
  } else if (at != nullptr && at->is_string()) {
    Result<Timestamp> parsed = Timestamp::FromRfc3339(at->get<std::string>());
    if (!parsed.ok()) {
      return Status::InvalidArgument("bad timestamp").WithField(where + ".timestamp");
    }
    head.at = *parsed;
  } else {
    return Status::InvalidArgument("timestamp_us (or timestamp) is missing")
        .WithField(where + ".timestamp_us");
  }
  const nlohmann::json* signature = Member(*h, {"signature"});
  Result<std::array<std::uint8_t, 64>> parsed_signature =
      signature != nullptr && signature->is_string()
          ? crypto::ParseSignature(signature->get<std::string>())
          : Result<std::array<std::uint8_t, 64>>(Status::InvalidArgument("missing"));
  if (!parsed_signature.ok()) {
    return Status::InvalidArgument("signature must be 128 hex digits or 86 of base64url")
        .WithField(where + ".signature");
  }
  head.signature = *parsed_signature;
  return head;
}

// A JSON file of heads: an array, {"heads": [...]} or {"items": [...]}, or one head; each
// element a head or a receipt (whose audit.tree_head is taken).
Result<std::vector<audit::TreeHead>> ReadHeadsFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read " + path).WithField("heads");
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, false);
  if (doc.is_discarded()) return Status::InvalidArgument(path + " is not JSON").WithField("heads");
  nlohmann::json list = doc;
  if (doc.is_object() && doc.contains("heads")) list = doc["heads"];
  if (doc.is_object() && doc.contains("items")) list = doc["items"];
  if (!list.is_array()) list = nlohmann::json::array({doc});
  std::vector<audit::TreeHead> heads;
  for (std::size_t i = 0; i < list.size(); ++i) {
    TB_ASSIGN_OR_RETURN(audit::TreeHead head,
                        ParseHead(list[i], path + "[" + std::to_string(i) + "]"));
    heads.push_back(head);
  }
  return heads;
}

void RunVerify(const VerifyArgs& args) {
  const std::string url = ResolveDatabaseUrl(args.database);
  std::vector<audit::LogVerifier::PublicKey> keys;
  for (const std::string& text : args.public_keys) {
    Result<std::array<std::uint8_t, 32>> key = crypto::ParsePublicKey(text);
    if (!key.ok()) FailCommand(key.status());
    keys.push_back(*key);
  }
  if (keys.empty()) {
    // Convenient on the server itself; an outside auditor passes the published key instead.
    const std::string path = ResolveSigningKeyPath(args.signing_key, url);
    Result<crypto::SigningKey> key = crypto::SigningKey::Load(path);
    if (!key.ok()) {
      FailCommand(Status::InvalidArgument("no --public-key given and the signing key " + path +
                                          " cannot be read: " + key.status().message())
                      .WithField("public_key"));
    }
    std::printf(
        "note: verifying with the public key of %s (%s); an auditor should pass the "
        "published key with --public-key\n",
        path.c_str(), key->KeyId().c_str());
    keys.push_back(key->public_key());
  }
  std::vector<audit::TreeHead> given;
  for (const std::string& file : args.heads_files) {
    Result<std::vector<audit::TreeHead>> heads = ReadHeadsFile(file);
    if (!heads.ok()) FailCommand(heads.status());
    given.insert(given.end(), heads->begin(), heads->end());
  }

  Result<std::unique_ptr<storage::Database>> db = storage::OpenDatabase(url);
  if (!db.ok()) FailCommand(db.status());
  std::unique_ptr<audit::AuditLogReader> reader = storage::MakeAuditLogReader(**db);
  std::optional<audit::LogVerifier> verifier;
  Status scanned = reader->Scan(
      [&](const std::optional<audit::StoredFrontier>& frontier,
          const std::vector<audit::StoredHead>& heads) {
        verifier.emplace(keys, frontier, heads, given);
        return Status::Ok();
      },
      [&](const audit::StoredEntry& entry) {
        verifier->Add(entry);
        return Status::Ok();
      });
  if (!scanned.ok()) FailCommand(scanned);
  const audit::VerificationReport report = verifier->Finish();

  std::string key_ids;
  for (const auto& key : keys) key_ids += (key_ids.empty() ? "" : ", ") + crypto::KeyIdOf(key);
  std::printf("audit log:  %lld entries, root %s\n", static_cast<long long>(report.entries),
              crypto::HexEncode(report.root).c_str());
  std::printf("tree heads: %lld stored, %lld given; verifying keys: %s\n",
              static_cast<long long>(report.stored_heads),
              static_cast<long long>(report.external_heads), key_ids.c_str());
  if (report.ok()) {
    std::printf(
        "verified: every entry is canonical and hashed as stored, and every head is "
        "signed and consistent with the log\n");
    return;
  }
  std::printf("FAILED: %lld problem%s", static_cast<long long>(report.problem_count),
              report.problem_count == 1 ? "" : "s");
  std::printf(report.problems.size() < static_cast<std::size_t>(report.problem_count)
                  ? " (the first %zu):\n"
                  : ":\n",
              report.problems.size());
  for (const std::string& problem : report.problems) std::printf("  - %s\n", problem.c_str());
  std::fflush(stdout);
  throw CLI::RuntimeError(1);
}

}  // namespace

void AddAuditCommand(CLI::App& cli) {
  CLI::App* audit = cli.add_subcommand("audit", "The tamper-evident audit log");
  audit->require_subcommand(1);
  auto args = std::make_shared<VerifyArgs>();
  CLI::App* verify = audit->add_subcommand(
      "verify",
      "Verify the whole audit log and every tree head (stored, and given in --heads files); "
      "exit status 1 on any problem");
  verify->add_option("--database", args->database,
                     "SQLite path or postgresql:// URL (default: $TB_DATABASE_URL or "
                     "var/tenderbridge.db)");
  verify->add_option("--public-key", args->public_keys,
                     "The platform's published Ed25519 public key (43 characters base64url or "
                     "64 hex digits); repeat for each key the log was signed with (default: the "
                     "public half of --signing-key)");
  verify->add_option("--signing-key", args->signing_key,
                     "Key file whose public half to use when no --public-key is given (default: "
                     "keys/platform-signing.key beside the SQLite file)");
  verify->add_option("--heads", args->heads_files,
                     "JSON file of tree heads handed out (as GET /api/v1/audit/tree-heads "
                     "prints them, or receipts with a tree_head); repeatable");
  verify->callback([args] { RunVerify(*args); });
}

}  // namespace tb::app
