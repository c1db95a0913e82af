// Sealed envelope format v1: round trips, the byte layout, InspectEnvelope and the refusals
// of SealEnvelope (docs/sealed-bids.md). Tampering (CR-02) is in envelope_tamper_test.cc.
#include "crypto/envelope.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/internal/envelope_format.h"
#include "crypto/random.h"

namespace tb::crypto {
namespace {

std::vector<std::uint8_t> Pattern(std::size_t size, std::uint8_t seed) {
  std::vector<std::uint8_t> bytes(size);
  for (std::size_t i = 0; i < size; ++i)
    bytes[i] = static_cast<std::uint8_t>(seed + i * 31 + (i >> 8));
  return bytes;
}

std::uint64_t BigEndian(const std::vector<std::uint8_t>& bytes, std::size_t at, int width) {
  std::uint64_t value = 0;
  for (int i = 0; i < width; ++i) value = (value << 8) | bytes.at(at + static_cast<std::size_t>(i));
  return value;
}

class EnvelopeTest : public testing::Test {
 protected:
  X25519KeyPair key_ = GenerateX25519KeyPair();
  EnvelopeBinding binding_{"ocds-tb0001-000-00042", EnvelopeKind::kSingle, "bid_7Hq-x"};
};

TEST_F(EnvelopeTest, RoundTripsFilesOfEveryChunkBoundaryAndThePrice) {
  const std::vector<PlainFile> files = {
      {"empty.txt", {}},
      {"one.bin", Pattern(1, 1)},
      {"just-under.bin", Pattern(65535, 2)},
      {"one-chunk.bin", Pattern(65536, 3)},
      {"just-over.bin", Pattern(65537, 4)},
      {"Offre technique – été.pdf", Pattern(200000, 5)},
  };
  const Money price{123456, "USD"};
  Result<std::vector<std::uint8_t>> sealed = SealEnvelope(binding_, key_.public_key, files, price);
  ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();

  Result<EnvelopeContents> opened = OpenEnvelope(*sealed, binding_, key_.secret_key.span());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  ASSERT_EQ(opened->files.size(), files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    SCOPED_TRACE(files[i].name);
    EXPECT_EQ(opened->files[i].name, files[i].name);
    EXPECT_EQ(opened->files[i].content, files[i].content);
  }
  ASSERT_TRUE(opened->price.has_value());
  EXPECT_EQ(*opened->price, price);

  const nlohmann::json manifest = nlohmann::json::parse(opened->manifest_json);
  EXPECT_EQ(manifest["v"], 1);
  EXPECT_EQ(manifest["tender"], binding_.tender);
  EXPECT_EQ(manifest["bid"], binding_.bid);
  EXPECT_EQ(manifest["envelope"], "single");
  EXPECT_EQ(manifest["price"]["amount_minor"], 123456);
  EXPECT_EQ(manifest["price"]["currency"], "USD");
  EXPECT_EQ(manifest["files"][5]["size"], 200000);
}

TEST_F(EnvelopeTest, RoundTripsAnEnvelopeWithoutFilesOrPrice) {
  binding_.kind = EnvelopeKind::kFinancial;
  Result<std::vector<std::uint8_t>> sealed = SealEnvelope(binding_, key_.public_key, {}, {});
  ASSERT_TRUE(sealed.ok());
  Result<EnvelopeContents> opened = OpenEnvelope(*sealed, binding_, key_.secret_key.span());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_TRUE(opened->files.empty());
  EXPECT_FALSE(opened->price.has_value());
  EXPECT_EQ(nlohmann::json::parse(opened->manifest_json).count("price"), 0u);
}

// The layout of docs/sealed-bids.md, read at fixed offsets rather than by our parser.
TEST_F(EnvelopeTest, BytesFollowTheDocumentedLayout) {
  binding_.kind = EnvelopeKind::kTechnical;
  const std::vector<PlainFile> files = {{"a.txt", Pattern(65537, 9)}, {"b.txt", {}}};
  Result<std::vector<std::uint8_t>> sealed = SealEnvelope(binding_, key_.public_key, files, {});
  ASSERT_TRUE(sealed.ok());
  const std::vector<std::uint8_t>& e = *sealed;
  const std::vector<std::uint8_t> magic = {'T', 'B', 'S', 'E', 'A', 'L', 0, 1};
  EXPECT_EQ(std::vector<std::uint8_t>(e.begin(), e.begin() + 8), magic);
  EXPECT_EQ(e[8], 2) << "kind technical";
  const std::size_t lt = BigEndian(e, 9, 2);
  EXPECT_EQ(std::string(e.begin() + 11, e.begin() + 11 + static_cast<long>(lt)), binding_.tender);
  std::size_t at = 11 + lt;
  const std::size_t lb = e[at++];
  EXPECT_EQ(std::string(e.begin() + static_cast<long>(at), e.begin() + static_cast<long>(at + lb)),
            binding_.bid);
  at += lb;
  EXPECT_TRUE(std::equal(key_.public_key.begin(), key_.public_key.end(),
                         e.begin() + static_cast<long>(at)));
  at += 32;
  const std::size_t lm = BigEndian(e, at, 4);
  at += 4 + lm;
  EXPECT_EQ(BigEndian(e, at, 2), 2u) << "file count";
  at += 2;
  // File 0: sealed key (80), header (24), C (8) = 65537 plaintext in two chunks.
  at += 80 + 24;
  const std::size_t c0 = BigEndian(e, at, 8);
  EXPECT_EQ(c0, 4u + 65553 + 4 + 18);
  at += 8;
  EXPECT_EQ(BigEndian(e, at, 4), 65553u);
  EXPECT_EQ(BigEndian(e, at + 4 + 65553, 4), 18u);
  at += c0;
  // File 1: an empty file is one empty FINAL chunk.
  at += 80 + 24;
  EXPECT_EQ(BigEndian(e, at, 8), 4u + 17);
  EXPECT_EQ(BigEndian(e, at + 8, 4), 17u);
  at += 8 + 21;
  EXPECT_EQ(at, e.size()) << "nothing follows the last file";
}

TEST(EnvelopeFormat, ChunkAdditionalDataIsTheDocumentedBytes) {
  const EnvelopeBinding binding{"ocds-1", EnvelopeKind::kFinancial, "b-2"};
  const std::vector<std::uint8_t> ad = internal::ChunkAdditionalData(binding, 258);
  std::vector<std::uint8_t> expected = {'T', 'B', 'S', 'E', 'A', 'L', '-', 'A', 'D',
                                        '-', 'v', '1', 3,   0,   6,   'o', 'c', 'd',
                                        's', '-', '1', 3,   'b', '-', '2', 1,   2};
  EXPECT_EQ(ad, expected);
}

TEST_F(EnvelopeTest, InspectSummarisesWithoutAKey) {
  const std::vector<PlainFile> files = {{"a.pdf", Pattern(1000, 1)}, {"b.pdf", Pattern(70000, 2)}};
  Result<std::vector<std::uint8_t>> sealed = SealEnvelope(binding_, key_.public_key, files, {});
  ASSERT_TRUE(sealed.ok());
  Result<EnvelopeSummary> summary = InspectEnvelope(*sealed, 1 << 20);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->binding, binding_);
  EXPECT_EQ(summary->recipient, key_.public_key);
  EXPECT_EQ(summary->size, sealed->size());
  EXPECT_EQ(summary->sha256, Sha256Hex(std::string_view(
                                 reinterpret_cast<const char*>(sealed->data()), sealed->size())));
  ASSERT_EQ(summary->files.size(), 2u);
  EXPECT_EQ(summary->files[0].ciphertext_bytes, 4u + 1000 + 17);
  EXPECT_EQ(summary->files[1].ciphertext_bytes, 4u + 65553 + 4 + (70000 - 65536) + 17);
  EXPECT_EQ(summary->files[0].ciphertext_sha256.size(), 64u);

  Result<EnvelopeContents> opened = OpenEnvelope(*sealed, binding_, key_.secret_key.span());
  ASSERT_TRUE(opened.ok());
  const nlohmann::json manifest = nlohmann::json::parse(opened->manifest_json);
  EXPECT_EQ(manifest["files"][1]["sha256"], summary->files[1].ciphertext_sha256)
      << "the manifest hashes the same chunk stream the summary reports";
}

TEST_F(EnvelopeTest, InspectRefusesEnvelopesOverTheSizeLimit) {
  Result<std::vector<std::uint8_t>> sealed =
      SealEnvelope(binding_, key_.public_key, std::vector<PlainFile>{{"a", Pattern(5000, 1)}}, {});
  ASSERT_TRUE(sealed.ok());
  EXPECT_TRUE(InspectEnvelope(*sealed, sealed->size()).ok());
  Result<EnvelopeSummary> refused = InspectEnvelope(*sealed, sealed->size() - 1);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("at most"), std::string::npos);
}

TEST_F(EnvelopeTest, SealRefusesWhatTheFormatCannotCarry) {
  const std::vector<PlainFile> one = {{"a.txt", {1}}};
  struct Row {
    const char* name;
    EnvelopeBinding binding;
    std::vector<PlainFile> files;
    std::optional<Money> price;
    const char* field;
  };
  const std::vector<Row> rows = {
      {"empty tender", {"", EnvelopeKind::kSingle, "b"}, one, {}, "tender"},
      {"long tender", {std::string(201, 'x'), EnvelopeKind::kSingle, "b"}, one, {}, "tender"},
      {"tender not UTF-8", {"ocds-\xff", EnvelopeKind::kSingle, "b"}, one, {}, "tender"},
      {"empty bid", {"t", EnvelopeKind::kSingle, ""}, one, {}, "bid"},
      {"long bid", {"t", EnvelopeKind::kSingle, std::string(65, 'b')}, one, {}, "bid"},
      {"bid with slash", {"t", EnvelopeKind::kSingle, "a/b"}, one, {}, "bid"},
      {"bad kind", {"t", static_cast<EnvelopeKind>(4), "b"}, one, {}, "kind"},
      {"101 files",
       {"t", EnvelopeKind::kSingle, "b"},
       std::vector<PlainFile>(101, {"f", {}}),
       {},
       "files"},
      {"empty name", {"t", EnvelopeKind::kSingle, "b"}, {{"", {}}}, {}, "files.name"},
      {"path in name", {"t", EnvelopeKind::kSingle, "b"}, {{"../x", {}}}, {}, "files.name"},
      {"dot-dot name", {"t", EnvelopeKind::kSingle, "b"}, {{"..", {}}}, {}, "files.name"},
      {"control in name", {"t", EnvelopeKind::kSingle, "b"}, {{"a\nb", {}}}, {}, "files.name"},
      {"unknown currency",
       {"t", EnvelopeKind::kSingle, "b"},
       one,
       Money{1, "XYZ"},
       "price.currency"},
      {"negative price",
       {"t", EnvelopeKind::kSingle, "b"},
       one,
       Money{-1, "USD"},
       "price.amount_minor"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Result<std::vector<std::uint8_t>> sealed =
        SealEnvelope(row.binding, key_.public_key, row.files, row.price);
    ASSERT_FALSE(sealed.ok());
    EXPECT_EQ(sealed.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(sealed.status().field(), row.field) << sealed.status().message();
  }
  EXPECT_TRUE(
      SealEnvelope(binding_, key_.public_key, std::vector<PlainFile>(100, {"f", {}}), {}).ok());
}

TEST_F(EnvelopeTest, OpenRefusesAnotherKeyNamingTheRecipientFingerprint) {
  Result<std::vector<std::uint8_t>> sealed = SealEnvelope(binding_, key_.public_key, {}, {});
  ASSERT_TRUE(sealed.ok());
  X25519KeyPair other = GenerateX25519KeyPair();
  Result<EnvelopeContents> opened = OpenEnvelope(*sealed, binding_, other.secret_key.span());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().field(), "recipient");
  EXPECT_NE(opened.status().message().find(KeyFingerprint(key_.public_key)), std::string::npos);
}

TEST_F(EnvelopeTest, OpenRefusesAnEnvelopeBoundToAnythingElse) {
  Result<std::vector<std::uint8_t>> sealed = SealEnvelope(binding_, key_.public_key, {}, {});
  ASSERT_TRUE(sealed.ok());
  EnvelopeBinding other_tender = binding_;
  other_tender.tender = "ocds-tb0001-000-00043";
  EnvelopeBinding other_kind = binding_;
  other_kind.kind = EnvelopeKind::kTechnical;
  EnvelopeBinding other_bid = binding_;
  other_bid.bid = "bid_7Hq-y";
  for (const auto& [expected, field] :
       {std::pair{other_tender, "tender"}, std::pair{other_kind, "envelope"},
        std::pair{other_bid, "bid"}}) {
    SCOPED_TRACE(field);
    Result<EnvelopeContents> opened = OpenEnvelope(*sealed, expected, key_.secret_key.span());
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.status().field(), field) << opened.status().message();
  }
}

TEST(EnvelopeKindNames, RoundTrip) {
  for (EnvelopeKind kind :
       {EnvelopeKind::kSingle, EnvelopeKind::kTechnical, EnvelopeKind::kFinancial}) {
    EXPECT_EQ(ParseEnvelopeKind(EnvelopeKindName(kind)), kind);
  }
  EXPECT_FALSE(ParseEnvelopeKind("Single").has_value());
}

}  // namespace
}  // namespace tb::crypto
