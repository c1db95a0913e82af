#pragma once

// The byte layout of sealed envelope format v1 (docs/sealed-bids.md): constants, the framing
// parser shared by InspectEnvelope and OpenEnvelope, and the per-chunk additional data.
// Private to crypto/.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/envelope.h"

namespace tb::crypto::internal {

inline constexpr std::uint8_t kEnvelopeMagic[8] = {'T', 'B', 'S', 'E', 'A', 'L', 0x00, 0x01};
inline constexpr std::string_view kAdditionalDataPrefix = "TBSEAL-AD-v1";
inline constexpr std::size_t kMaxTenderBytes = 200;
inline constexpr std::size_t kMaxBidBytes = 64;
inline constexpr std::size_t kMaxFiles = 100;
inline constexpr std::size_t kMaxFileNameBytes = 255;
inline constexpr std::size_t kSealOverhead = 48;        // crypto_box_SEALBYTES
inline constexpr std::size_t kSealedFileKeyBytes = 80;  // 32-byte key, sealed
inline constexpr std::size_t kStreamHeaderBytes = 24;   // secretstream header
inline constexpr std::size_t kChunkOverhead = 17;       // secretstream ABYTES
inline constexpr std::size_t kChunkPlaintextBytes = 65536;
inline constexpr std::size_t kMinSealedManifestBytes = kSealOverhead + 1;
inline constexpr std::size_t kMaxSealedManifestBytes = std::size_t{1} << 20;

struct ParsedFile {
  std::span<const std::uint8_t> sealed_key;    // 80 bytes
  std::span<const std::uint8_t> header;        // 24 bytes
  std::span<const std::uint8_t> chunk_stream;  // the C bytes: length prefixes and ciphertexts
  std::vector<std::span<const std::uint8_t>> chunks;  // each ciphertext, without its prefix
};

// Views into the bytes given to ParseEnvelope, which must outlive it.
struct ParsedEnvelope {
  EnvelopeBinding binding;
  X25519PublicKey recipient{};
  std::span<const std::uint8_t> sealed_manifest;
  std::vector<ParsedFile> files;
};

// Checks the whole framing without any key. InvalidArgument naming the offending field (and
// its byte offset) for anything malformed; never reads outside `bytes`.
Result<ParsedEnvelope> ParseEnvelope(std::span<const std::uint8_t> bytes);

// Tender 1..200 bytes of UTF-8, bid 1..64 of [A-Za-z0-9_-], kind 1..3.
Status CheckBinding(const EnvelopeBinding& binding);

// A file name in the manifest: 1..255 bytes of UTF-8, no control characters, no '/' or '\',
// not "." or "..", so an opener can write it into a directory as it is.
Status CheckFileName(std::string_view name);

bool IsValidUtf8(std::string_view text);

// "TBSEAL-AD-v1" || kind || Lt (2) || tender || Lb (1) || bid || file index (2).
std::vector<std::uint8_t> ChunkAdditionalData(const EnvelopeBinding& binding,
                                              std::uint16_t file_index);

}  // namespace tb::crypto::internal
