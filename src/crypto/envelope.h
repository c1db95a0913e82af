#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "core/result.h"
#include "crypto/sealing.h"

namespace tb::crypto {

// A sealed bid envelope, format version 1 (docs/sealed-bids.md; SECURITY.md CR-02): a header
// binding (tender, envelope kind, bid id), the recipient envelope public key, a manifest sealed
// to it, and per file a sealed file key and a crypto_secretstream_xchacha20poly1305 stream whose
// additional data binds (tender, kind, bid, file index).
enum class EnvelopeKind : std::uint8_t { kSingle = 1, kTechnical = 2, kFinancial = 3 };

// "single", "technical", "financial": the names in the manifest, the API and the CLI.
std::string_view EnvelopeKindName(EnvelopeKind kind);
// The kind named `name` (exactly as above); nullopt for anything else.
std::optional<EnvelopeKind> ParseEnvelopeKind(std::string_view name);

struct EnvelopeBinding {
  std::string tender;  // the tender's ocid
  EnvelopeKind kind = EnvelopeKind::kSingle;
  std::string bid;  // the bid id the client chose: 1..64 of [A-Za-z0-9_-]
  bool operator==(const EnvelopeBinding&) const = default;
};

struct EnvelopeFileInfo {
  std::uint64_t ciphertext_bytes = 0;
  std::string ciphertext_sha256;  // lower-case hex of the file's chunk stream
};

// What the server can know of an envelope without any key.
struct EnvelopeSummary {
  EnvelopeBinding binding;
  X25519PublicKey recipient{};
  std::vector<EnvelopeFileInfo> files;
  std::string sha256;  // lower-case hex of all the envelope's bytes
  std::uint64_t size = 0;
};

// Checks the framing (magic, version, lengths, chunk sizes, counts) and returns the summary.
// InvalidArgument with a clear message for anything malformed or larger than `max_size`;
// never reads past `bytes`.
Result<EnvelopeSummary> InspectEnvelope(std::span<const std::uint8_t> bytes,
                                        std::uint64_t max_size);

struct PlainFile {
  std::string name;
  std::vector<std::uint8_t> content;
};

struct EnvelopeContents {
  std::vector<PlainFile> files;
  std::optional<Money> price;  // the manifest's price, when the bidder stated one
  std::string manifest_json;   // as sealed
};

// Decrypts with the envelope's secret key. InvalidArgument when the envelope is not bound to
// `expected` (header or manifest), a file key or chunk fails authentication, chunks are
// reordered or the final chunk is missing, or the manifest's hashes or sizes disagree.
Result<EnvelopeContents> OpenEnvelope(std::span<const std::uint8_t> bytes,
                                      const EnvelopeBinding& expected,
                                      std::span<const std::uint8_t> secret_key);

// Seals `files` (and the price, if any) for `recipient`: what `tenderbridge bid seal` and the
// tests do; the browser does the same in web/src/features/tendering/sealing.ts.
Result<std::vector<std::uint8_t>> SealEnvelope(const EnvelopeBinding& binding,
                                               const X25519PublicKey& recipient,
                                               std::span<const PlainFile> files,
                                               std::optional<Money> price);

}  // namespace tb::crypto
