#include "crypto/internal/envelope_format.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace tb::crypto::internal {
namespace {

// Bounded big-endian reads over the envelope: every read checks the bytes left first, and a
// failed read names the field and its offset.
class Reader {
 public:
  Reader(std::span<const std::uint8_t> bytes, std::string_view container)
      : bytes_(bytes), container_(container) {}

  std::size_t offset() const { return offset_; }
  std::size_t remaining() const { return bytes_.size() - offset_; }

  Result<std::span<const std::uint8_t>> Take(std::size_t count, std::string_view field) {
    if (count > remaining()) {
      return Status::InvalidArgument("the " + std::string(container_) + " ends inside " +
                                     std::string(field) + " at byte " + std::to_string(offset_) +
                                     ": " + std::to_string(count) + " bytes needed, " +
                                     std::to_string(remaining()) + " left")
          .WithField(std::string(field));
    }
    std::span<const std::uint8_t> taken = bytes_.subspan(offset_, count);
    offset_ += count;
    return taken;
  }

  Result<std::uint64_t> Integer(std::size_t width, std::string_view field) {
    Result<std::span<const std::uint8_t>> raw = Take(width, field);
    if (!raw.ok()) return raw.status();
    std::uint64_t value = 0;
    for (std::uint8_t byte : *raw) value = (value << 8) | byte;
    return value;
  }

 private:
  std::span<const std::uint8_t> bytes_;
  std::string_view container_;
  std::size_t offset_ = 0;
};

Status Malformed(std::string message, std::string field) {
  return Status::InvalidArgument(std::move(message)).WithField(std::move(field));
}

std::string AsString(std::span<const std::uint8_t> bytes) {
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

// The chunk stream of one file: u32 length || ciphertext, repeated; every chunk but the
// last carries a full 64 KiB of plaintext.
Status ParseChunks(ParsedFile& file, std::size_t file_index) {
  const std::string where = "file " + std::to_string(file_index);
  Reader reader(file.chunk_stream, "chunk stream");
  if (reader.remaining() == 0) {
    return Malformed(where + " has no chunks (an empty file is one empty final chunk)", "chunks");
  }
  while (reader.remaining() > 0) {
    const std::size_t chunk_number = file.chunks.size();
    if (!file.chunks.empty() &&
        file.chunks.back().size() != kChunkPlaintextBytes + kChunkOverhead) {
      return Malformed(where + ", chunk " + std::to_string(chunk_number - 1) + " has " +
                           std::to_string(file.chunks.back().size()) +
                           " bytes but is not the last: only the last chunk may be short",
                       "chunks");
    }
    Result<std::uint64_t> length = reader.Integer(4, "chunk length");
    if (!length.ok()) return Malformed(where + ": " + length.status().message(), "chunks");
    if (*length < kChunkOverhead || *length > kChunkPlaintextBytes + kChunkOverhead) {
      return Malformed(where + ", chunk " + std::to_string(chunk_number) + " has length " +
                           std::to_string(*length) + "; a chunk has 17 to 65553 bytes",
                       "chunks");
    }
    Result<std::span<const std::uint8_t>> chunk = reader.Take(*length, "chunk");
    if (!chunk.ok()) return Malformed(where + ": " + chunk.status().message(), "chunks");
    file.chunks.push_back(*chunk);
  }
  // Canonical chunking: a file's size fixes its chunk count, so an empty final chunk only
  // stands for an empty file.
  if (file.chunks.size() > 1 && file.chunks.back().size() == kChunkOverhead) {
    return Malformed(where + " ends with an empty final chunk after full ones (not canonical)",
                     "chunks");
  }
  return Status::Ok();
}

}  // namespace

Result<ParsedEnvelope> ParseEnvelope(std::span<const std::uint8_t> bytes) {
  Reader reader(bytes, "envelope");
  ParsedEnvelope envelope;

  Result<std::span<const std::uint8_t>> magic = reader.Take(sizeof kEnvelopeMagic, "magic");
  if (!magic.ok()) return Malformed("too short to be a sealed envelope", "magic");
  if (std::memcmp(magic->data(), kEnvelopeMagic, 6) != 0) {
    return Malformed("not a TenderBridge sealed envelope (the magic bytes differ)", "magic");
  }
  if ((*magic)[6] != kEnvelopeMagic[6] || (*magic)[7] != kEnvelopeMagic[7]) {
    return Malformed("unsupported envelope version " +
                         std::to_string((*magic)[6] * 256 + (*magic)[7]) +
                         " (this program reads version 1)",
                     "version");
  }

  Result<std::uint64_t> kind = reader.Integer(1, "kind");
  if (!kind.ok()) return kind.status();
  if (*kind < 1 || *kind > 3) {
    return Malformed(
        "unknown envelope kind " + std::to_string(*kind) + " (1 single, 2 technical, 3 financial)",
        "kind");
  }
  envelope.binding.kind = static_cast<EnvelopeKind>(*kind);

  Result<std::uint64_t> tender_length = reader.Integer(2, "tender length");
  if (!tender_length.ok()) return tender_length.status();
  if (*tender_length < 1 || *tender_length > kMaxTenderBytes) {
    return Malformed(
        "the tender id has " + std::to_string(*tender_length) + " bytes; it must have 1 to 200",
        "tender");
  }
  Result<std::span<const std::uint8_t>> tender = reader.Take(*tender_length, "tender");
  if (!tender.ok()) return tender.status();
  envelope.binding.tender = AsString(*tender);

  Result<std::uint64_t> bid_length = reader.Integer(1, "bid length");
  if (!bid_length.ok()) return bid_length.status();
  if (*bid_length < 1 || *bid_length > kMaxBidBytes) {
    return Malformed(
        "the bid id has " + std::to_string(*bid_length) + " bytes; it must have 1 to 64", "bid");
  }
  Result<std::span<const std::uint8_t>> bid = reader.Take(*bid_length, "bid");
  if (!bid.ok()) return bid.status();
  envelope.binding.bid = AsString(*bid);
  if (Status status = CheckBinding(envelope.binding); !status.ok()) return status;

  Result<std::span<const std::uint8_t>> recipient = reader.Take(32, "recipient");
  if (!recipient.ok()) return recipient.status();
  std::copy(recipient->begin(), recipient->end(), envelope.recipient.begin());

  Result<std::uint64_t> manifest_length = reader.Integer(4, "manifest length");
  if (!manifest_length.ok()) return manifest_length.status();
  if (*manifest_length < kMinSealedManifestBytes || *manifest_length > kMaxSealedManifestBytes) {
    return Malformed("the sealed manifest has " + std::to_string(*manifest_length) +
                         " bytes; it must have 49 to 1048576",
                     "manifest");
  }
  Result<std::span<const std::uint8_t>> manifest = reader.Take(*manifest_length, "manifest");
  if (!manifest.ok()) return manifest.status();
  envelope.sealed_manifest = *manifest;

  Result<std::uint64_t> file_count = reader.Integer(2, "file count");
  if (!file_count.ok()) return file_count.status();
  if (*file_count > kMaxFiles) {
    return Malformed(
        "the envelope has " + std::to_string(*file_count) + " files; at most 100 are allowed",
        "files");
  }
  envelope.files.resize(*file_count);
  for (std::size_t i = 0; i < envelope.files.size(); ++i) {
    ParsedFile& file = envelope.files[i];
    const std::string prefix = "file " + std::to_string(i) + ": ";
    Result<std::span<const std::uint8_t>> sealed_key =
        reader.Take(kSealedFileKeyBytes, "sealed file key");
    if (!sealed_key.ok()) return Malformed(prefix + sealed_key.status().message(), "files");
    file.sealed_key = *sealed_key;
    Result<std::span<const std::uint8_t>> header = reader.Take(kStreamHeaderBytes, "stream header");
    if (!header.ok()) return Malformed(prefix + header.status().message(), "files");
    file.header = *header;
    Result<std::uint64_t> stream_length = reader.Integer(8, "chunk stream length");
    if (!stream_length.ok()) return Malformed(prefix + stream_length.status().message(), "files");
    if (*stream_length > reader.remaining()) {
      return Malformed(prefix + "its chunk stream claims " + std::to_string(*stream_length) +
                           " bytes but only " + std::to_string(reader.remaining()) + " are left",
                       "files");
    }
    Result<std::span<const std::uint8_t>> stream = reader.Take(*stream_length, "chunk stream");
    if (!stream.ok()) return stream.status();
    file.chunk_stream = *stream;
    if (Status status = ParseChunks(file, i); !status.ok()) return status;
  }
  if (reader.remaining() != 0) {
    return Malformed(std::to_string(reader.remaining()) + " bytes follow the last file at byte " +
                         std::to_string(reader.offset()),
                     "files");
  }
  return envelope;
}

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code_point = lead & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    static constexpr std::uint32_t kSmallest[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

Status CheckBinding(const EnvelopeBinding& binding) {
  if (binding.tender.empty() || binding.tender.size() > kMaxTenderBytes) {
    return Malformed("the tender id must have 1 to 200 bytes", "tender");
  }
  if (!IsValidUtf8(binding.tender)) return Malformed("the tender id is not UTF-8", "tender");
  if (binding.bid.empty() || binding.bid.size() > kMaxBidBytes) {
    return Malformed("the bid id must have 1 to 64 characters", "bid");
  }
  const bool bid_ok = std::all_of(binding.bid.begin(), binding.bid.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
  if (!bid_ok) return Malformed("the bid id may contain only A-Z, a-z, 0-9, _ and -", "bid");
  const auto kind = static_cast<int>(binding.kind);
  if (kind < 1 || kind > 3) return Malformed("unknown envelope kind", "kind");
  return Status::Ok();
}

Status CheckFileName(std::string_view name) {
  if (name.empty() || name.size() > kMaxFileNameBytes) {
    return Malformed("a file name must have 1 to 255 bytes", "files.name");
  }
  if (!IsValidUtf8(name)) return Malformed("a file name is not UTF-8", "files.name");
  if (name == "." || name == "..") {
    return Malformed("a file may not be named . or ..", "files.name");
  }
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F || c == '/' || c == '\\') {
      return Malformed(
          "the file name \"" + std::string(name) + "\" contains a control character, '/' or '\\'",
          "files.name");
    }
  }
  return Status::Ok();
}

std::vector<std::uint8_t> ChunkAdditionalData(const EnvelopeBinding& binding,
                                              std::uint16_t file_index) {
  std::vector<std::uint8_t> data(kAdditionalDataPrefix.begin(), kAdditionalDataPrefix.end());
  data.push_back(static_cast<std::uint8_t>(binding.kind));
  data.push_back(static_cast<std::uint8_t>(binding.tender.size() >> 8));
  data.push_back(static_cast<std::uint8_t>(binding.tender.size() & 0xFF));
  data.insert(data.end(), binding.tender.begin(), binding.tender.end());
  data.push_back(static_cast<std::uint8_t>(binding.bid.size()));
  data.insert(data.end(), binding.bid.begin(), binding.bid.end());
  data.push_back(static_cast<std::uint8_t>(file_index >> 8));
  data.push_back(static_cast<std::uint8_t>(file_index & 0xFF));
  return data;
}

}  // namespace tb::crypto::internal
