#include "tenders/receipt.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "audit/merkle.h"
#include "crypto/random.h"
#include "crypto/signing.h"

namespace tb::tenders {
namespace {

using nlohmann::json;

constexpr std::string_view kReceiptType = "tenderbridge.bid-receipt";

// nlohmann::json keeps object members in a std::map, so dump() writes them sorted by their
// UTF-8 bytes with no whitespace: RFC 8785's form for ASCII keys, integers and strings.
std::string Canonical(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::strict);
}

json EnvelopesJson(const std::vector<StoredEnvelope>& envelopes) {
  json list = json::array();
  for (const StoredEnvelope& e : envelopes) {
    list.push_back({{"kind", EnvelopeKindName(e.kind)}, {"sha256", e.sha256}, {"size", e.size}});
  }
  return list;
}

json UnsignedJson(const BidEventFacts& facts, const ReceiptAuditProof& proof,
                  std::string_view key_id) {
  json path = json::array();
  for (const Hash32& node : proof.inclusion_path) path.push_back(crypto::HexEncode(node));
  const audit::TreeHead& head = proof.tree_head;
  return {{"v", 1},
          {"type", kReceiptType},
          {"tender", facts.tender},
          {"bid", facts.bid},
          {"version", facts.version},
          {"action", BidActionName(facts.action)},
          {"supplier", facts.supplier.value},
          {"envelopes", EnvelopesJson(facts.envelopes)},
          {"receipt_time", Rfc3339Micros(facts.receipt_time)},
          {"receipt_time_us", facts.receipt_time.micros()},
          {"bid_ref", BidReference(facts.bid_ref_salt, facts.tender, facts.supplier, facts.bid)},
          {"bid_ref_salt", crypto::HexEncode(facts.bid_ref_salt)},
          {"audit",
           {{"leaf_index", proof.leaf_index},
            {"leaf_hash", crypto::HexEncode(proof.leaf_hash)},
            {"entry", crypto::Base64UrlEncode(proof.entry)},
            {"inclusion_path", path},
            {"tree_head",
             {{"size", head.size},
              {"root", crypto::HexEncode(head.root)},
              {"at", Rfc3339Micros(head.at)},
              {"at_us", head.at.micros()},
              {"signature", crypto::Base64UrlEncode(head.signature)}}}}},
          {"key_id", key_id}};
}

// Members of `object` must be exactly `names`.
Status ExactMembers(const json& object, std::initializer_list<std::string_view> names,
                    std::string_view where) {
  if (!object.is_object()) return Status::InvalidArgument(std::string(where) + " is not an object");
  std::set<std::string, std::less<>> wanted(names.begin(), names.end());
  for (const auto& [name, value] : object.items()) {
    (void)value;
    if (!wanted.contains(name)) {
      return Status::InvalidArgument("unknown member \"" + name + "\"")
          .WithField(std::string(where) + "/" + name);
    }
  }
  for (std::string_view name : names) {
    if (!object.contains(name)) {
      return Status::InvalidArgument("the member is missing")
          .WithField(std::string(where) + "/" + std::string(name));
    }
  }
  return Status::Ok();
}

Result<std::string> StringAt(const json& object, std::string_view name, std::string_view where) {
  const json& value = object.at(std::string(name));
  if (!value.is_string()) {
    return Status::InvalidArgument("not a string")
        .WithField(std::string(where) + "/" + std::string(name));
  }
  return value.get<std::string>();
}

Result<std::int64_t> IntegerAt(const json& object, std::string_view name, std::string_view where) {
  const json& value = object.at(std::string(name));
  if (!value.is_number_integer()) {
    return Status::InvalidArgument("not an integer")
        .WithField(std::string(where) + "/" + std::string(name));
  }
  return value.get<std::int64_t>();
}

Result<Hash32> HashAt(const json& object, std::string_view name, std::string_view where) {
  TB_ASSIGN_OR_RETURN(std::string text, StringAt(object, name, where));
  Result<std::vector<std::uint8_t>> bytes = crypto::HexDecode(text);
  if (!bytes.ok() || bytes->size() != 32) {
    return Status::InvalidArgument("not 64 lower-case hex digits")
        .WithField(std::string(where) + "/" + std::string(name));
  }
  Hash32 hash{};
  std::copy(bytes->begin(), bytes->end(), hash.begin());
  return hash;
}

bool IsLowerHex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Result<audit::TreeHead> ParseTreeHead(const json& object) {
  constexpr std::string_view kWhere = "/audit/tree_head";
  TB_RETURN_IF_ERROR(ExactMembers(object, {"size", "root", "at", "at_us", "signature"}, kWhere));
  audit::TreeHead head;
  TB_ASSIGN_OR_RETURN(head.size, IntegerAt(object, "size", kWhere));
  TB_ASSIGN_OR_RETURN(head.root, HashAt(object, "root", kWhere));
  TB_ASSIGN_OR_RETURN(std::int64_t at_us, IntegerAt(object, "at_us", kWhere));
  head.at = Timestamp::FromMicros(at_us);
  TB_ASSIGN_OR_RETURN(std::string at_text, StringAt(object, "at", kWhere));
  if (at_text != Rfc3339Micros(head.at)) {
    return Status::InvalidArgument("does not state the same instant as at_us")
        .WithField(std::string(kWhere) + "/at");
  }
  TB_ASSIGN_OR_RETURN(std::string signature, StringAt(object, "signature", kWhere));
  Result<std::vector<std::uint8_t>> sig = crypto::DecodeBase64Url(signature);
  if (!sig.ok() || sig->size() != 64) {
    return Status::InvalidArgument("not a base64url Ed25519 signature")
        .WithField(std::string(kWhere) + "/signature");
  }
  std::copy(sig->begin(), sig->end(), head.signature.begin());
  return head;
}

Result<ReceiptAuditProof> ParseProof(const json& object) {
  constexpr std::string_view kWhere = "/audit";
  TB_RETURN_IF_ERROR(ExactMembers(
      object, {"leaf_index", "leaf_hash", "entry", "inclusion_path", "tree_head"}, kWhere));
  ReceiptAuditProof proof;
  TB_ASSIGN_OR_RETURN(proof.leaf_index, IntegerAt(object, "leaf_index", kWhere));
  TB_ASSIGN_OR_RETURN(proof.leaf_hash, HashAt(object, "leaf_hash", kWhere));
  TB_ASSIGN_OR_RETURN(std::string entry, StringAt(object, "entry", kWhere));
  Result<std::vector<std::uint8_t>> entry_bytes = crypto::DecodeBase64Url(entry);
  if (!entry_bytes.ok()) {
    return Status::InvalidArgument("not unpadded base64url").WithField("/audit/entry");
  }
  proof.entry = std::move(entry_bytes).value();
  const json& path = object.at("inclusion_path");
  if (!path.is_array() || path.size() > 64) {
    return Status::InvalidArgument("not an array of at most 64 hashes")
        .WithField("/audit/inclusion_path");
  }
  for (std::size_t i = 0; i < path.size(); ++i) {
    Result<std::vector<std::uint8_t>> node =
        path[i].is_string() ? crypto::HexDecode(path[i].get<std::string>())
                            : Result<std::vector<std::uint8_t>>(Status::InvalidArgument("x"));
    if (!node.ok() || node->size() != 32) {
      return Status::InvalidArgument("not 64 lower-case hex digits")
          .WithField("/audit/inclusion_path/" + std::to_string(i));
    }
    Hash32 hash{};
    std::copy(node->begin(), node->end(), hash.begin());
    proof.inclusion_path.push_back(hash);
  }
  TB_ASSIGN_OR_RETURN(proof.tree_head, ParseTreeHead(object.at("tree_head")));
  return proof;
}

Result<std::vector<StoredEnvelope>> ParseEnvelopes(const json& list) {
  if (!list.is_array() || list.size() > 2) {
    return Status::InvalidArgument("not an array of at most 2 envelopes").WithField("/envelopes");
  }
  std::vector<StoredEnvelope> envelopes;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "/envelopes/" + std::to_string(i);
    TB_RETURN_IF_ERROR(ExactMembers(list[i], {"kind", "sha256", "size"}, where));
    StoredEnvelope e;
    TB_ASSIGN_OR_RETURN(std::string kind, StringAt(list[i], "kind", where));
    std::optional<EnvelopeKind> parsed = ParseEnvelopeKind(kind);
    if (!parsed) return Status::InvalidArgument("unknown envelope kind").WithField(where + "/kind");
    e.kind = *parsed;
    TB_ASSIGN_OR_RETURN(e.sha256, StringAt(list[i], "sha256", where));
    if (e.sha256.size() != 64 || !IsLowerHex(e.sha256)) {
      return Status::InvalidArgument("not 64 lower-case hex digits").WithField(where + "/sha256");
    }
    TB_ASSIGN_OR_RETURN(std::int64_t size, IntegerAt(list[i], "size", where));
    if (size < 0) return Status::InvalidArgument("negative").WithField(where + "/size");
    e.size = static_cast<std::uint64_t>(size);
    envelopes.push_back(std::move(e));
  }
  return envelopes;
}

std::string SignedBytesOf(const json& document) {
  json unsigned_part = document;
  unsigned_part.erase("signature");
  return Canonical(unsigned_part);
}

}  // namespace

std::string Rfc3339Micros(Timestamp t) {
  const std::int64_t seconds = t.seconds();
  const std::int64_t micros = t.micros() - seconds * 1'000'000;
  std::string text = Timestamp::FromSeconds(seconds).ToRfc3339();
  if (!text.empty() && text.back() == 'Z') text.pop_back();
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, ".%06lldZ", static_cast<long long>(micros));
  return text + fraction;
}

audit::Entry BidAuditEntry(const BidEventFacts& facts) {
  audit::Entry entry;
  entry.kind = "bid." + std::string(BidActionName(facts.action));
  entry.at = facts.receipt_time;
  entry.actor = "bidder";
  entry.subject =
      "bid:" + BidReference(facts.bid_ref_salt, facts.tender, facts.supplier, facts.bid);
  entry.fields.emplace_back("version", std::to_string(facts.version));
  for (const StoredEnvelope& e : facts.envelopes) {
    entry.fields.emplace_back(std::string(EnvelopeKindName(e.kind)), e.sha256);
  }
  return entry;
}

audit::Entry LateRefusalEntry(const BidEventFacts& facts, Timestamp deadline) {
  audit::Entry entry;
  entry.kind = "bid.refused_late";
  entry.at = facts.receipt_time;
  entry.actor = "bidder";
  entry.subject =
      "bid:" + BidReference(facts.bid_ref_salt, facts.tender, facts.supplier, facts.bid);
  entry.fields.emplace_back("deadline_us", std::to_string(deadline.micros()));
  return entry;
}

std::string SignReceipt(const BidEventFacts& facts, const ReceiptAuditProof& proof,
                        const crypto::SigningKey& key) {
  json document = UnsignedJson(facts, proof, key.KeyId());
  const std::string signed_bytes = Canonical(document);
  const auto signature = key.Sign(
      std::span(reinterpret_cast<const std::uint8_t*>(signed_bytes.data()), signed_bytes.size()));
  document["signature"] = crypto::Base64UrlEncode(signature);
  return Canonical(document);
}

std::string ReceiptSignedBytes(const Receipt& receipt) {
  return Canonical(UnsignedJson(receipt.facts, receipt.audit, receipt.key_id));
}

Result<Receipt> ParseReceipt(std::string_view text) {
  const json document = json::parse(text, nullptr, false);
  if (document.is_discarded()) return Status::InvalidArgument("the receipt is not JSON");
  TB_RETURN_IF_ERROR(ExactMembers(
      document,
      {"v", "type", "tender", "bid", "version", "action", "supplier", "envelopes", "receipt_time",
       "receipt_time_us", "bid_ref", "bid_ref_salt", "audit", "key_id", "signature"},
      ""));
  TB_ASSIGN_OR_RETURN(std::int64_t v, IntegerAt(document, "v", ""));
  TB_ASSIGN_OR_RETURN(std::string type, StringAt(document, "type", ""));
  if (v != 1 || type != kReceiptType) {
    return Status::InvalidArgument("not a version 1 TenderBridge bid receipt").WithField("/type");
  }
  Receipt receipt;
  BidEventFacts& facts = receipt.facts;
  TB_ASSIGN_OR_RETURN(facts.tender, StringAt(document, "tender", ""));
  TB_ASSIGN_OR_RETURN(facts.bid, StringAt(document, "bid", ""));
  if (!CheckBidId(facts.bid).ok()) return Status::InvalidArgument("not a bid id").WithField("/bid");
  TB_ASSIGN_OR_RETURN(std::int64_t version, IntegerAt(document, "version", ""));
  if (version < 1 || version > 1'000'000) {
    return Status::InvalidArgument("out of range").WithField("/version");
  }
  facts.version = static_cast<int>(version);
  TB_ASSIGN_OR_RETURN(std::string action, StringAt(document, "action", ""));
  std::optional<BidAction> parsed_action = ParseBidAction(action);
  if (!parsed_action) return Status::InvalidArgument("unknown action").WithField("/action");
  facts.action = *parsed_action;
  TB_ASSIGN_OR_RETURN(facts.supplier.value, IntegerAt(document, "supplier", ""));
  TB_ASSIGN_OR_RETURN(facts.envelopes, ParseEnvelopes(document.at("envelopes")));
  TB_ASSIGN_OR_RETURN(std::int64_t receipt_us, IntegerAt(document, "receipt_time_us", ""));
  facts.receipt_time = Timestamp::FromMicros(receipt_us);
  TB_ASSIGN_OR_RETURN(std::string receipt_text, StringAt(document, "receipt_time", ""));
  if (receipt_text != Rfc3339Micros(facts.receipt_time)) {
    return Status::InvalidArgument("does not state the same instant as receipt_time_us")
        .WithField("/receipt_time");
  }
  TB_ASSIGN_OR_RETURN(std::string salt, StringAt(document, "bid_ref_salt", ""));
  Result<std::vector<std::uint8_t>> salt_bytes = crypto::HexDecode(salt);
  if (!salt_bytes.ok() || salt_bytes->size() != 32) {
    return Status::InvalidArgument("not 64 lower-case hex digits").WithField("/bid_ref_salt");
  }
  facts.bid_ref_salt = std::move(salt_bytes).value();
  TB_ASSIGN_OR_RETURN(std::string bid_ref, StringAt(document, "bid_ref", ""));
  if (bid_ref != BidReference(facts.bid_ref_salt, facts.tender, facts.supplier, facts.bid)) {
    return Status::InvalidArgument("is not the reference of this tender, supplier, bid and salt")
        .WithField("/bid_ref");
  }
  TB_ASSIGN_OR_RETURN(receipt.audit, ParseProof(document.at("audit")));
  TB_ASSIGN_OR_RETURN(receipt.key_id, StringAt(document, "key_id", ""));
  TB_ASSIGN_OR_RETURN(std::string signature, StringAt(document, "signature", ""));
  Result<std::vector<std::uint8_t>> sig = crypto::DecodeBase64Url(signature);
  if (!sig.ok() || sig->size() != 64) {
    return Status::InvalidArgument("not a base64url Ed25519 signature").WithField("/signature");
  }
  std::copy(sig->begin(), sig->end(), receipt.signature.begin());
  // Every member was read into `receipt`; a document that does not re-encode to the same
  // canonical bytes held a value in a form this reader does not keep (e.g. 1.0 for 1).
  if (ReceiptSignedBytes(receipt) != SignedBytesOf(document)) {
    return Status::InvalidArgument("the receipt holds values in a non-canonical form");
  }
  return receipt;
}

ReceiptVerdict VerifyReceipt(std::string_view text,
                             const std::array<std::uint8_t, 32>& public_key) {
  auto invalid = [](std::string reason) { return ReceiptVerdict{false, std::move(reason)}; };
  Result<Receipt> parsed = ParseReceipt(text);
  if (!parsed.ok()) {
    const Status& s = parsed.status();
    return invalid("malformed receipt: " + s.message() +
                   (s.field().empty() ? "" : " (at " + s.field() + ")"));
  }
  const Receipt& receipt = *parsed;
  const std::string expected_key_id = crypto::KeyIdOf(public_key);
  if (receipt.key_id != expected_key_id) {
    return invalid("signed with another key (key id " + receipt.key_id + "; this server's key is " +
                   expected_key_id + ")");
  }
  const std::string signed_bytes = ReceiptSignedBytes(receipt);
  if (!crypto::VerifySignature(public_key,
                               std::span(reinterpret_cast<const std::uint8_t*>(signed_bytes.data()),
                                         signed_bytes.size()),
                               receipt.signature)) {
    return invalid("the receipt's signature does not verify: it was altered or not issued here");
  }
  const audit::TreeHead& head = receipt.audit.tree_head;
  if (!audit::VerifyTreeHead(head, public_key)) {
    return invalid("the tree head's signature does not verify");
  }
  if (head.at != receipt.facts.receipt_time) {
    return invalid("the tree head is not the one signed at the receipt time");
  }
  if (audit::LeafHash(receipt.audit.entry) != receipt.audit.leaf_hash) {
    return invalid("the leaf hash is not the hash of the audit entry");
  }
  Result<audit::Entry> entry = audit::Decode(receipt.audit.entry);
  if (!entry.ok()) return invalid("the audit entry is not a canonical entry");
  if (*entry != BidAuditEntry(receipt.facts)) {
    return invalid("the audit entry does not state the receipt's facts");
  }
  if (!audit::VerifyInclusion(receipt.audit.leaf_index, head.size, receipt.audit.leaf_hash,
                              receipt.audit.inclusion_path, head.root)) {
    return invalid("the inclusion path does not lead from the leaf to the tree head's root");
  }
  return ReceiptVerdict{true, ""};
}

}  // namespace tb::tenders
