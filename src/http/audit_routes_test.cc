#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "audit/audit_log_reader.h"
#include "audit/merkle.h"
#include "audit/verifier.h"
#include "crypto/random.h"
#include "crypto/signing.h"
#include "http/api.h"
#include "http/testing/fake_stores.h"
#include "notices/import_service.h"

namespace tb::http {
namespace {

// The log in memory: leaf hashes and stored heads.
class FakeAuditLog final : public audit::AuditLogReader {
 public:
  Result<std::int64_t> Size() override { return static_cast<std::int64_t>(leaves.size()); }
  Result<std::vector<audit::Hash>> LeafHashes(std::int64_t begin, std::int64_t end) override {
    return audit::InMemoryLeafHashes(leaves).LeafHashes(begin, end);
  }
  Result<std::vector<audit::StoredHead>> Heads(std::int64_t after, int limit) override {
    std::vector<audit::StoredHead> out;
    for (const audit::StoredHead& h : heads) {
      if (h.seq > after && static_cast<int>(out.size()) < limit) out.push_back(h);
    }
    return out;
  }
  Result<std::optional<audit::StoredHead>> LatestHead() override {
    if (heads.empty()) return std::optional<audit::StoredHead>();
    return std::optional<audit::StoredHead>(heads.back());
  }
  Status Scan(const std::function<Status(const std::optional<audit::StoredFrontier>&,
                                         const std::vector<audit::StoredHead>&)>&,
              const std::function<Status(const audit::StoredEntry&)>&) override {
    return Status::Internal("not used by the routes");
  }

  std::vector<audit::Hash> leaves;
  std::vector<audit::StoredHead> heads;
};

audit::Hash FromHex(const nlohmann::json& hex) {
  return *crypto::ParsePublicKey(hex.get<std::string>());  // 64 hex digits -> 32 bytes
}

std::vector<audit::Hash> HashList(const nlohmann::json& list) {
  std::vector<audit::Hash> out;
  for (const auto& h : list) out.push_back(FromHex(h));
  return out;
}

class AuditRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.rate_limits = RateLimitOptions::Unlimited();  // the proof loops below are long
    for (int i = 0; i < 13; ++i) {
      const std::string entry = "entry " + std::to_string(i);
      log_.leaves.push_back(audit::LeafHash(
          std::span(reinterpret_cast<const std::uint8_t*>(entry.data()), entry.size())));
    }
  }

  Api& api() {
    if (!api_) {
      ServerDeps deps{notices_, unspsc_, importer_, clock_};
      deps.audit_log = with_log_ ? &log_ : nullptr;
      deps.signing_key = with_log_ ? &key_ : nullptr;
      api_ = std::make_unique<Api>(options_, deps);
    }
    return *api_;
  }
  Response Get(std::string path, std::string query = "") {
    Request request;
    request.method = "GET";
    request.path = std::move(path);
    request.query = std::move(query);
    request.remote = "127.0.0.1:1";
    return api().Handle(request);
  }
  static nlohmann::json Json(const Response& r) {
    return nlohmann::json::parse(r.body, nullptr, false);
  }
  void AddHead(std::int64_t size) {
    const audit::Hash root = audit::RootOf(std::span(log_.leaves.data(), size));
    log_.heads.push_back(
        {static_cast<std::int64_t>(log_.heads.size()) + 1,
         audit::SignTreeHead(size, root, Timestamp::FromSeconds(1'800'000'000 + size), key_),
         key_.KeyId(),
         {}});
  }

  testing::FakeNoticeStore notices_;
  testing::FakeUnspscCatalogue unspsc_;
  FakeClock clock_{Timestamp::FromSeconds(1'750'000'000)};
  notices::ImportService importer_{notices_, unspsc_, clock_};
  ServerOptions options_;
  crypto::SigningKey key_ = crypto::SigningKey::Generate();
  FakeAuditLog log_;
  bool with_log_ = true;
  std::unique_ptr<Api> api_;
};

TEST_F(AuditRoutesTest, PublishesThePublicKeyInHexBase64UrlAndPem) {
  Response r = Get("/api/v1/audit/public-key");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = Json(r);
  EXPECT_EQ(body["algorithm"], "Ed25519");
  EXPECT_EQ(body["key_id"], key_.KeyId());
  EXPECT_EQ(FromHex(body["public_key"]), key_.public_key());
  EXPECT_EQ(body["public_key_base64url"], crypto::Base64UrlEncode(key_.public_key()));
  EXPECT_EQ(body["public_key_pem"], crypto::PublicKeyPem(key_.public_key()));
}

TEST_F(AuditRoutesTest, ServesSignedHeadsThatVerifyFromTheirJson) {
  EXPECT_EQ(Get("/api/v1/audit/tree-heads/latest").status, 404);
  AddHead(4);
  AddHead(9);
  AddHead(13);
  Response r = Get("/api/v1/audit/tree-heads/latest");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto head = Json(r);
  EXPECT_EQ(head["seq"], 3);
  EXPECT_EQ(head["tree_size"], 13);
  EXPECT_EQ(head["key_id"], key_.KeyId());
  audit::TreeHead parsed;
  parsed.size = head["tree_size"];
  parsed.root = FromHex(head["root_hash"]);
  parsed.at = Timestamp::FromMicros(head["timestamp_us"]);
  EXPECT_EQ(parsed.at.ToRfc3339(), head["timestamp"]);
  const std::string sig = head["signature"];
  ASSERT_EQ(sig.size(), 128u);
  const audit::Hash lo = *crypto::ParsePublicKey(sig.substr(0, 64));
  const audit::Hash hi = *crypto::ParsePublicKey(sig.substr(64));
  std::copy(lo.begin(), lo.end(), parsed.signature.begin());
  std::copy(hi.begin(), hi.end(), parsed.signature.begin() + 32);
  EXPECT_TRUE(audit::VerifyTreeHead(parsed, key_.public_key()));
  EXPECT_EQ(parsed.root, audit::RootOf(log_.leaves));
}

TEST_F(AuditRoutesTest, ListsHeadsInPages) {
  for (std::int64_t size : {1, 2, 3, 5, 8}) AddHead(size);
  auto page = Json(Get("/api/v1/audit/tree-heads", "limit=2"));
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["tree_size"], 1);
  EXPECT_EQ(page["next_after"], 2);
  page = Json(Get("/api/v1/audit/tree-heads", "after=2&limit=2"));
  EXPECT_EQ(page["items"][0]["seq"], 3);
  page = Json(Get("/api/v1/audit/tree-heads", "after=4"));
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_TRUE(page["next_after"].is_null());

  Response bad = Get("/api/v1/audit/tree-heads", "limit=0");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(Json(bad)["field"], "limit");
  EXPECT_EQ(Json(Get("/api/v1/audit/tree-heads", "after=-1"))["field"], "after");
  EXPECT_EQ(Get("/api/v1/audit/tree-heads", "afterr=1").status, 400);
}

TEST_F(AuditRoutesTest, InclusionProofsVerifyForEveryLeafAndSize) {
  for (std::int64_t size = 1; size <= 13; ++size) {
    const audit::Hash root = audit::RootOf(std::span(log_.leaves.data(), size));
    for (std::int64_t leaf = 0; leaf < size; ++leaf) {
      Response r = Get("/api/v1/audit/proofs/inclusion",
                       "leaf=" + std::to_string(leaf) + "&size=" + std::to_string(size));
      ASSERT_EQ(r.status, 200) << r.body;
      const auto body = Json(r);
      EXPECT_EQ(FromHex(body["leaf_hash"]), log_.leaves[leaf]);
      EXPECT_EQ(FromHex(body["root_hash"]), root);
      EXPECT_TRUE(
          audit::VerifyInclusion(leaf, size, log_.leaves[leaf], HashList(body["audit_path"]), root))
          << leaf << "/" << size;
    }
  }
  struct Bad {
    std::string query, field;
  };
  for (const Bad& b : std::vector<Bad>{{"leaf=3&size=3", "leaf"},
                                       {"leaf=0&size=14", "size"},
                                       {"size=4", "leaf"},
                                       {"leaf=1", "size"},
                                       {"leaf=x&size=4", "leaf"},
                                       {"leaf=-1&size=4", "leaf"}}) {
    Response r = Get("/api/v1/audit/proofs/inclusion", b.query);
    EXPECT_EQ(r.status, 422) << b.query << " " << r.body;
    EXPECT_EQ(Json(r)["field"], b.field) << b.query;
  }
}

TEST_F(AuditRoutesTest, ConsistencyProofsVerifyForEveryPairOfSizes) {
  for (std::int64_t to = 0; to <= 13; ++to) {
    for (std::int64_t from = 0; from <= to; ++from) {
      Response r = Get("/api/v1/audit/proofs/consistency",
                       "from=" + std::to_string(from) + "&to=" + std::to_string(to));
      ASSERT_EQ(r.status, 200) << r.body;
      const auto body = Json(r);
      const audit::Hash first = audit::RootOf(std::span(log_.leaves.data(), from));
      const audit::Hash second = audit::RootOf(std::span(log_.leaves.data(), to));
      EXPECT_EQ(FromHex(body["first_root_hash"]), first);
      EXPECT_EQ(FromHex(body["second_root_hash"]), second);
      EXPECT_TRUE(
          audit::VerifyConsistency(from, to, first, second, HashList(body["consistency_path"])))
          << from << "->" << to;
    }
  }
  EXPECT_EQ(Json(Get("/api/v1/audit/proofs/consistency", "from=5&to=4"))["field"], "from");
  EXPECT_EQ(Json(Get("/api/v1/audit/proofs/consistency", "from=5&to=14"))["field"], "to");
}

TEST_F(AuditRoutesTest, ProofsAreBudgetedPerAddressLikeSearches) {
  options_.rate_limits = RateLimitOptions::Defaults();
  int limited = 0;
  for (int i = 0; i < 100; ++i) {
    limited += Get("/api/v1/audit/proofs/inclusion", "leaf=0&size=1").status == 429 ? 1 : 0;
  }
  EXPECT_GT(limited, 0);
  EXPECT_EQ(Get("/api/v1/audit/tree-heads").status, 200) << "heads are cheap and not budgeted";
}

TEST_F(AuditRoutesTest, AnswersServiceUnavailableWithoutALog) {
  with_log_ = false;
  for (const char* path :
       {"/api/v1/audit/public-key", "/api/v1/audit/tree-heads/latest", "/api/v1/audit/tree-heads",
        "/api/v1/audit/proofs/inclusion", "/api/v1/audit/proofs/consistency"}) {
    EXPECT_EQ(Get(path).status, 503) << path;
  }
}

}  // namespace
}  // namespace tb::http
