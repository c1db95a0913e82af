// The public, read-only audit log routes (docs/audit-log.md, "The API"): the platform's public
// key, the signed tree heads and the Merkle proofs that let anyone check a receipt (AU-05) and
// that the log only grew between two heads (AU-03). Entries themselves are not served: before
// an opening even their count per tender is confidential (ET-03); hashes reveal nothing.
#include <charconv>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "audit/audit_log_reader.h"
#include "audit/merkle.h"
#include "audit/verifier.h"
#include "crypto/random.h"
#include "crypto/signing.h"
#include "http/problem.h"
#include "http/query.h"
#include "http/routes.h"

namespace tb::http {
namespace {

using nlohmann::json;

constexpr int kDefaultHeadPage = 100;
constexpr int kMaxHeadPage = 1000;

Response Unavailable(const Request& request) {
  return ProblemResponse(Status::Unavailable("the audit log is not available on this server"),
                         request.path);
}

json HeadJson(const audit::StoredHead& h) {
  return {{"seq", h.seq},
          {"tree_size", h.head.size},
          {"root_hash", crypto::HexEncode(h.head.root)},
          {"timestamp", h.head.at.ToRfc3339()},
          {"timestamp_us", h.head.at.micros()},
          {"signature", crypto::HexEncode(h.head.signature)},
          {"key_id", h.key_id}};
}

json HexList(const std::vector<audit::Hash>& hashes) {
  json out = json::array();
  for (const audit::Hash& h : hashes) out.push_back(crypto::HexEncode(h));
  return out;
}

Response Reply(const json& body, std::string_view cache_control) {
  Response response = JsonResponse(DumpJson(body));
  response.SetHeader("Cache-Control", std::string(cache_control));
  return response;
}

// The query parameters of `names`, each a required or optional non-negative integer.
Result<QueryParams> Params(const Request& request, std::span<const std::string_view> names) {
  TB_ASSIGN_OR_RETURN(QueryParams params, ParseQuery(request.query));
  TB_RETURN_IF_ERROR(CheckKnownParams(params, names));
  return params;
}

Result<std::optional<std::int64_t>> Count(const QueryParams& params, std::string_view name) {
  TB_ASSIGN_OR_RETURN(std::optional<std::string> text, SingleValue(params, name));
  if (!text) return std::optional<std::int64_t>();
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < 0) {
    return Status::InvalidArgument(std::string(name) + " must be a non-negative integer")
        .WithField(std::string(name));
  }
  return std::optional<std::int64_t>(value);
}

Result<std::int64_t> RequiredCount(const QueryParams& params, std::string_view name) {
  TB_ASSIGN_OR_RETURN(std::optional<std::int64_t> value, Count(params, name));
  if (!value) {
    return Status::InvalidArgument(std::string(name) + " is required").WithField(std::string(name));
  }
  return *value;
}

Status WithinLog(std::int64_t size, std::int64_t log_size, std::string_view field) {
  if (size > log_size) {
    return Status::InvalidArgument("the log has " + std::to_string(log_size) +
                                   " entries; a tree of " + std::to_string(size) +
                                   " does not exist yet")
        .WithField(std::string(field));
  }
  return Status::Ok();
}

// Invalid input is the caller's to fix (400 when it does not parse, 422 otherwise); anything
// else comes from the database.
Response Problem(const Status& status, const Request& request, bool unparsable = false) {
  if (status.code() == StatusCode::kInvalidArgument) {
    return ProblemResponse(status, request.path, unparsable ? 400 : 0);
  }
  return ServiceProblem(status, request);
}

}  // namespace

Response GetAuditPublicKey(const Request& request, const PathParams&, const auth::Actor&,
                           RouteContext& context) {
  const crypto::SigningKey* key = context.deps.signing_key;
  if (key == nullptr) return Unavailable(request);
  return Reply({{"algorithm", "Ed25519"},
                {"key_id", key->KeyId()},
                {"public_key", crypto::HexEncode(key->public_key())},
                {"public_key_base64url", crypto::Base64UrlEncode(key->public_key())},
                {"public_key_pem", crypto::PublicKeyPem(key->public_key())}},
               "public, max-age=3600");
}

Response GetLatestTreeHead(const Request& request, const PathParams&, const auth::Actor&,
                           RouteContext& context) {
  if (context.deps.audit_log == nullptr) return Unavailable(request);
  if (!request.query.empty()) {
    return ProblemResponse(Status::InvalidArgument("this route takes no query parameters")
                               .WithField(request.query.substr(0, request.query.find('='))),
                           request.path, 400);
  }
  Result<std::optional<audit::StoredHead>> latest = context.deps.audit_log->LatestHead();
  if (!latest.ok()) return ServiceProblem(latest.status(), request);
  if (!latest->has_value()) {
    return ProblemResponse(Status::NotFound("no tree head has been signed yet"), request.path);
  }
  return Reply(HeadJson(**latest), "no-cache");
}

Response ListTreeHeads(const Request& request, const PathParams&, const auth::Actor&,
                       RouteContext& context) {
  if (context.deps.audit_log == nullptr) return Unavailable(request);
  static constexpr std::string_view kNames[] = {"after", "limit"};
  Result<QueryParams> params = Params(request, kNames);
  if (!params.ok()) return Problem(params.status(), request, true);
  Result<std::optional<std::int64_t>> after = Count(*params, "after");
  if (!after.ok()) return Problem(after.status(), request);
  Result<std::optional<std::string>> limit_text = SingleValue(*params, "limit");
  if (!limit_text.ok()) return Problem(limit_text.status(), request);
  int limit = kDefaultHeadPage;
  if (*limit_text) {
    Result<int> parsed = ParseInt(**limit_text, 1, kMaxHeadPage, "limit");
    if (!parsed.ok()) return Problem(parsed.status(), request);
    limit = *parsed;
  }
  Result<std::vector<audit::StoredHead>> heads =
      context.deps.audit_log->Heads(after->value_or(0), limit);
  if (!heads.ok()) return ServiceProblem(heads.status(), request);
  json items = json::array();
  for (const audit::StoredHead& h : *heads) items.push_back(HeadJson(h));
  const json next =
      static_cast<int>(heads->size()) == limit ? json(heads->back().seq) : json(nullptr);
  return Reply({{"items", std::move(items)}, {"next_after", next}}, "no-cache");
}

Response GetInclusionProof(const Request& request, const PathParams&, const auth::Actor&,
                           RouteContext& context) {
  audit::AuditLogReader* log = context.deps.audit_log;
  if (log == nullptr) return Unavailable(request);
  static constexpr std::string_view kNames[] = {"leaf", "size"};
  Result<QueryParams> params = Params(request, kNames);
  if (!params.ok()) return Problem(params.status(), request, true);
  Result<std::int64_t> leaf = RequiredCount(*params, "leaf");
  if (!leaf.ok()) return Problem(leaf.status(), request);
  Result<std::int64_t> size = RequiredCount(*params, "size");
  if (!size.ok()) return Problem(size.status(), request);
  if (*leaf >= *size) {
    return Problem(Status::InvalidArgument("leaf must be below size").WithField("leaf"), request);
  }
  Result<std::int64_t> log_size = log->Size();
  if (!log_size.ok()) return ServiceProblem(log_size.status(), request);
  if (Status s = WithinLog(*size, *log_size, "size"); !s.ok()) return Problem(s, request);

  const audit::ReaderLeafHashes source(*log);
  Result<std::vector<audit::Hash>> proof = audit::InclusionProof(*leaf, *size, source);
  if (!proof.ok()) return Problem(proof.status(), request);
  Result<std::vector<audit::Hash>> leaf_hash = log->LeafHashes(*leaf, *leaf + 1);
  Result<audit::Hash> root = source.SubtreeHash(0, *size);
  if (!leaf_hash.ok()) return ServiceProblem(leaf_hash.status(), request);
  if (!root.ok()) return ServiceProblem(root.status(), request);
  // A proof within a tree that exists never changes: the log only grows.
  return Reply({{"leaf_index", *leaf},
                {"tree_size", *size},
                {"leaf_hash", crypto::HexEncode(leaf_hash->front())},
                {"root_hash", crypto::HexEncode(*root)},
                {"audit_path", HexList(*proof)}},
               "public, max-age=31536000, immutable");
}

Response GetConsistencyProof(const Request& request, const PathParams&, const auth::Actor&,
                             RouteContext& context) {
  audit::AuditLogReader* log = context.deps.audit_log;
  if (log == nullptr) return Unavailable(request);
  static constexpr std::string_view kNames[] = {"from", "to"};
  Result<QueryParams> params = Params(request, kNames);
  if (!params.ok()) return Problem(params.status(), request, true);
  Result<std::int64_t> from = RequiredCount(*params, "from");
  if (!from.ok()) return Problem(from.status(), request);
  Result<std::int64_t> to = RequiredCount(*params, "to");
  if (!to.ok()) return Problem(to.status(), request);
  if (*from > *to) {
    return Problem(Status::InvalidArgument("from must not exceed to").WithField("from"), request);
  }
  Result<std::int64_t> log_size = log->Size();
  if (!log_size.ok()) return ServiceProblem(log_size.status(), request);
  if (Status s = WithinLog(*to, *log_size, "to"); !s.ok()) return Problem(s, request);

  const audit::ReaderLeafHashes source(*log);
  Result<std::vector<audit::Hash>> proof = audit::ConsistencyProof(*from, *to, source);
  if (!proof.ok()) return Problem(proof.status(), request);
  Result<audit::Hash> first_root =
      *from == 0 ? Result<audit::Hash>(audit::EmptyRoot()) : source.SubtreeHash(0, *from);
  Result<audit::Hash> second_root =
      *to == 0 ? Result<audit::Hash>(audit::EmptyRoot()) : source.SubtreeHash(0, *to);
  if (!first_root.ok()) return ServiceProblem(first_root.status(), request);
  if (!second_root.ok()) return ServiceProblem(second_root.status(), request);
  return Reply({{"first", *from},
                {"second", *to},
                {"first_root_hash", crypto::HexEncode(*first_root)},
                {"second_root_hash", crypto::HexEncode(*second_root)},
                {"consistency_path", HexList(*proof)}},
               "public, max-age=31536000, immutable");
}

}  // namespace tb::http
