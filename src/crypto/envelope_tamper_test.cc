// SECURITY.md CR-02 swap tests: a file's chunk stream moved to another bid, tender, envelope
// kind or file position, chunks reordered, the final chunk dropped, truncation and bit flips
// in every region all fail to open, with a clear error. The attacker in these tests knows the
// envelope public key, so they can seal a fresh manifest that agrees with whatever they
// assembled: only the chunks' additional data and secretstream's own framing stop them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/envelope.h"
#include "crypto/internal/envelope_format.h"
#include "crypto/random.h"

namespace tb::crypto {
namespace {

using Bytes = std::vector<std::uint8_t>;

struct FileSection {
  Bytes sealed_key;
  Bytes header;
  std::vector<Bytes> chunks;  // ciphertexts without their length prefix
  std::uint64_t plaintext_size = 0;
};

void Append(Bytes& out, std::uint64_t value, int width) {
  for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::uint8_t>(value >> shift));
  }
}

Bytes ChunkStream(const FileSection& file) {
  Bytes stream;
  for (const Bytes& chunk : file.chunks) {
    Append(stream, chunk.size(), 4);
    stream.insert(stream.end(), chunk.begin(), chunk.end());
  }
  return stream;
}

std::string Sha256(const Bytes& bytes) {
  return Sha256Hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::vector<FileSection> Sections(const Bytes& envelope) {
  Result<internal::ParsedEnvelope> parsed = internal::ParseEnvelope(envelope);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  std::vector<FileSection> sections;
  if (!parsed.ok()) return sections;
  for (const internal::ParsedFile& file : parsed->files) {
    FileSection section{{file.sealed_key.begin(), file.sealed_key.end()},
                        {file.header.begin(), file.header.end()},
                        {},
                        0};
    for (auto chunk : file.chunks) {
      section.chunks.emplace_back(chunk.begin(), chunk.end());
      section.plaintext_size += chunk.size() - internal::kChunkOverhead;
    }
    sections.push_back(section);
  }
  return sections;
}

// An envelope as an attacker holding only the public key can assemble it: any header, any
// file sections, and a freshly sealed manifest that matches them.
Bytes Assemble(const EnvelopeBinding& binding, const X25519PublicKey& recipient,
               const std::vector<FileSection>& files) {
  nlohmann::json manifest = {{"v", 1},
                             {"tender", binding.tender},
                             {"bid", binding.bid},
                             {"envelope", EnvelopeKindName(binding.kind)},
                             {"files", nlohmann::json::array()}};
  for (std::size_t i = 0; i < files.size(); ++i) {
    manifest["files"].push_back({{"name", "f" + std::to_string(i)},
                                 {"size", files[i].plaintext_size},
                                 {"sha256", Sha256(ChunkStream(files[i]))}});
  }
  const std::string text = manifest.dump();
  const Bytes sealed_manifest =
      SealToPublicKey(recipient, {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
  Bytes out = {'T', 'B', 'S', 'E', 'A', 'L', 0, 1};
  out.push_back(static_cast<std::uint8_t>(binding.kind));
  Append(out, binding.tender.size(), 2);
  out.insert(out.end(), binding.tender.begin(), binding.tender.end());
  Append(out, binding.bid.size(), 1);
  out.insert(out.end(), binding.bid.begin(), binding.bid.end());
  out.insert(out.end(), recipient.begin(), recipient.end());
  Append(out, sealed_manifest.size(), 4);
  out.insert(out.end(), sealed_manifest.begin(), sealed_manifest.end());
  Append(out, files.size(), 2);
  for (const FileSection& file : files) {
    out.insert(out.end(), file.sealed_key.begin(), file.sealed_key.end());
    out.insert(out.end(), file.header.begin(), file.header.end());
    const Bytes stream = ChunkStream(file);
    Append(out, stream.size(), 8);
    out.insert(out.end(), stream.begin(), stream.end());
  }
  return out;
}

Bytes Pattern(std::size_t size, std::uint8_t seed) {
  Bytes bytes(size);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::uint8_t>(seed * 7 + i);
  return bytes;
}

class EnvelopeTamperTest : public testing::Test {
 protected:
  Bytes Seal(const EnvelopeBinding& binding, const std::vector<PlainFile>& files) {
    Result<Bytes> sealed = SealEnvelope(binding, key_.public_key, files, Money{100, "USD"});
    EXPECT_TRUE(sealed.ok()) << sealed.status().ToString();
    return sealed.ok() ? *sealed : Bytes{};
  }

  // The error of opening `envelope` as `expected`; fails the test if it opens.
  Status OpenFailure(const Bytes& envelope, const EnvelopeBinding& expected) {
    Result<EnvelopeContents> opened = OpenEnvelope(envelope, expected, key_.secret_key.span());
    EXPECT_FALSE(opened.ok()) << "a tampered envelope opened";
    return opened.ok() ? Status::Ok() : opened.status();
  }

  static void ExpectMessage(const Status& status, std::string_view part) {
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(status.message().find(part), std::string::npos) << status.ToString();
  }

  X25519KeyPair key_ = GenerateX25519KeyPair();
  const EnvelopeBinding bid_a_{"ocds-tb0001-000-00042", EnvelopeKind::kTechnical, "bid-A"};
  const std::vector<PlainFile> two_files_ = {{"tech.pdf", Pattern(3000, 1)},
                                             {"annex.pdf", Pattern(140000, 2)}};
};

TEST_F(EnvelopeTamperTest, TheAssemblerMakesEnvelopesThatOpenWhenNothingIsMoved) {
  const Bytes original = Seal(bid_a_, two_files_);
  const Bytes reassembled = Assemble(bid_a_, key_.public_key, Sections(original));
  Result<EnvelopeContents> opened = OpenEnvelope(reassembled, bid_a_, key_.secret_key.span());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->files.at(1).content, two_files_[1].content);
}

TEST_F(EnvelopeTamperTest, StreamMovedToAnotherBidTenderOrEnvelopeKindFails) {
  const std::vector<FileSection> sections = Sections(Seal(bid_a_, two_files_));
  EnvelopeBinding other_bid = bid_a_;
  other_bid.bid = "bid-B";
  EnvelopeBinding other_tender = bid_a_;
  other_tender.tender = "ocds-tb0001-000-00099";
  EnvelopeBinding other_kind = bid_a_;
  other_kind.kind = EnvelopeKind::kFinancial;
  for (const EnvelopeBinding& target : {other_bid, other_tender, other_kind}) {
    SCOPED_TRACE(target.tender + " " + std::string(EnvelopeKindName(target.kind)) + " " +
                 target.bid);
    const Bytes moved = Assemble(target, key_.public_key, sections);
    ExpectMessage(OpenFailure(moved, target), "file 0 (f0), chunk 0 does not authenticate");
  }
}

TEST_F(EnvelopeTamperTest, HeaderRelabelledWithoutANewManifestFailsOnTheManifest) {
  Bytes envelope = Seal(bid_a_, two_files_);
  // The bid id sits after magic (8), kind (1), Lt (2), tender and Lb (1); "bid-A" -> "bid-B".
  const std::size_t bid_at = 8 + 1 + 2 + bid_a_.tender.size() + 1;
  ASSERT_EQ(envelope[bid_at + 4], 'A');
  envelope[bid_at + 4] = 'B';
  EnvelopeBinding relabelled = bid_a_;
  relabelled.bid = "bid-B";
  const Status status = OpenFailure(envelope, relabelled);
  ExpectMessage(status, "the manifest names another bid");
  EXPECT_EQ(status.field(), "manifest.bid");
}

TEST_F(EnvelopeTamperTest, FilesSwappedBetweenPositionsFail) {
  std::vector<FileSection> sections = Sections(Seal(bid_a_, two_files_));
  std::swap(sections[0], sections[1]);
  ExpectMessage(OpenFailure(Assemble(bid_a_, key_.public_key, sections), bid_a_),
                "file 0 (f0), chunk 0 does not authenticate");
}

TEST_F(EnvelopeTamperTest, FileCopiedFromAnotherBidOfTheSameTenderFails) {
  EnvelopeBinding bid_b = bid_a_;
  bid_b.bid = "bid-B";
  std::vector<FileSection> own = Sections(Seal(bid_b, two_files_));
  const std::vector<FileSection> theirs = Sections(Seal(bid_a_, two_files_));
  own[1] = theirs[1];
  ExpectMessage(OpenFailure(Assemble(bid_b, key_.public_key, own), bid_b),
                "file 1 (f1), chunk 0 does not authenticate");
}

TEST_F(EnvelopeTamperTest, ReorderedChunksFail) {
  std::vector<FileSection> sections = Sections(Seal(bid_a_, two_files_));
  ASSERT_EQ(sections[1].chunks.size(), 3u);
  std::swap(sections[1].chunks[0], sections[1].chunks[1]);
  ExpectMessage(OpenFailure(Assemble(bid_a_, key_.public_key, sections), bid_a_),
                "file 1 (f1), chunk 0 does not authenticate");
}

TEST_F(EnvelopeTamperTest, DroppedFinalChunkFails) {
  std::vector<FileSection> sections = Sections(Seal(bid_a_, two_files_));
  const Bytes last = sections[1].chunks.back();
  sections[1].chunks.pop_back();
  sections[1].plaintext_size -= last.size() - internal::kChunkOverhead;
  ExpectMessage(OpenFailure(Assemble(bid_a_, key_.public_key, sections), bid_a_),
                "file 1 (f1) ends without its final chunk");
}

TEST_F(EnvelopeTamperTest, StreamWithoutItsLastChunkButOriginalManifestFails) {
  Bytes envelope = Seal(bid_a_, {{"only.bin", Pattern(70000, 3)}});
  // Drop the 4 + 4481 bytes of the short last chunk and shrink C to match.
  const std::size_t dropped = 4 + (70000 - 65536) + internal::kChunkOverhead;
  envelope.resize(envelope.size() - dropped);
  const std::size_t c_at = envelope.size() - (4 + 65553) - 8;
  const std::uint64_t new_length = 4 + 65553;
  for (int i = 0; i < 8; ++i) {
    envelope[c_at + static_cast<std::size_t>(i)] =
        static_cast<std::uint8_t>(new_length >> (8 * (7 - i)));
  }
  ExpectMessage(OpenFailure(envelope, bid_a_), "SHA-256 differs from the manifest");
}

TEST_F(EnvelopeTamperTest, ChunksAfterTheFinalChunkFail) {
  std::vector<FileSection> sections = Sections(Seal(bid_a_, {{"x", Pattern(10, 1)}}));
  const std::vector<FileSection> donor = Sections(Seal(bid_a_, {{"y", Pattern(10, 2)}}));
  // A chunk appended after FINAL, from another stream: framing refuses it (short chunk not
  // last) before any key is used.
  sections[0].chunks.push_back(donor[0].chunks[0]);
  ExpectMessage(OpenFailure(Assemble(bid_a_, key_.public_key, sections), bid_a_),
                "only the last chunk may be short");

  // After a full FINAL chunk the framing is fine; the FINAL tag itself gives it away.
  std::vector<FileSection> full = Sections(Seal(bid_a_, {{"x", Pattern(65536, 1)}}));
  full[0].chunks.push_back(donor[0].chunks[0]);
  full[0].plaintext_size += 10;
  ExpectMessage(OpenFailure(Assemble(bid_a_, key_.public_key, full), bid_a_),
                "chunks follow the final chunk");
}

TEST_F(EnvelopeTamperTest, EveryTruncationFails) {
  const Bytes envelope = Seal(bid_a_, {{"a", Pattern(100, 1)}, {"b", {}}});
  for (std::size_t size = 0; size < envelope.size(); ++size) {
    SCOPED_TRACE(size);
    const Bytes truncated(envelope.begin(), envelope.begin() + static_cast<long>(size));
    EXPECT_FALSE(InspectEnvelope(truncated, 1 << 20).ok());
    (void)OpenFailure(truncated, bid_a_);  // it expects the failure itself
  }
  Bytes extended = envelope;
  extended.push_back(0);
  ExpectMessage(OpenFailure(extended, bid_a_), "1 bytes follow the last file");
}

// One flipped bit at every byte offset, in every region: header, recipient, manifest, sealed
// file keys, stream headers, lengths and chunks.
TEST_F(EnvelopeTamperTest, ABitFlippedAnywhereFails) {
  const Bytes envelope = Seal(bid_a_, {{"a.txt", Pattern(200, 1)}, {"b.txt", {}}});
  ASSERT_TRUE(OpenEnvelope(envelope, bid_a_, key_.secret_key.span()).ok());
  std::size_t refused = 0;
  for (std::size_t at = 0; at < envelope.size(); ++at) {
    for (int bit : {0, 7}) {
      Bytes flipped = envelope;
      flipped[at] ^= static_cast<std::uint8_t>(1u << bit);
      Result<EnvelopeContents> opened = OpenEnvelope(flipped, bid_a_, key_.secret_key.span());
      EXPECT_FALSE(opened.ok()) << "bit " << bit << " of byte " << at << " went unnoticed";
      if (!opened.ok()) {
        EXPECT_FALSE(opened.status().message().empty());
        ++refused;
      }
    }
  }
  EXPECT_EQ(refused, envelope.size() * 2);
}

TEST_F(EnvelopeTamperTest, ManifestThatDisagreesWithTheFilesFails) {
  const Bytes original = Seal(bid_a_, two_files_);
  std::vector<FileSection> sections = Sections(original);
  // Claim a different plaintext size: the sizes are checked after decryption.
  sections[0].plaintext_size += 1;
  const Status status = OpenFailure(Assemble(bid_a_, key_.public_key, sections), bid_a_);
  ExpectMessage(status, "the manifest says 3001");
  EXPECT_EQ(status.field(), "files[0].size");
}

}  // namespace
}  // namespace tb::crypto
