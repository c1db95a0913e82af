#include "crypto/envelope.h"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "crypto/internal/envelope_format.h"
#include "crypto/internal/sodium_init.h"
#include "crypto/random.h"

namespace tb::crypto {
namespace {

using internal::kChunkOverhead;
using internal::kChunkPlaintextBytes;
using internal::ParsedEnvelope;
using internal::ParsedFile;
using Json = nlohmann::ordered_json;
using StreamState = crypto_secretstream_xchacha20poly1305_state;

static_assert(crypto_secretstream_xchacha20poly1305_HEADERBYTES == internal::kStreamHeaderBytes);
static_assert(crypto_secretstream_xchacha20poly1305_ABYTES == kChunkOverhead);
static_assert(crypto_secretstream_xchacha20poly1305_KEYBYTES == 32);

std::string HexSha256(std::span<const std::uint8_t> bytes) {
  return Sha256Hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

void AppendBigEndian(std::vector<std::uint8_t>& out, std::uint64_t value, int width) {
  for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::uint8_t>(value >> shift));
  }
}

// The secretstream state holds the file's subkey, so it lives in locked memory too.
// sodium_malloc gives no alignment, which this all-byte-array struct does not need.
static_assert(alignof(StreamState) == 1);
struct LockedStreamState {
  LockedBytes memory{sizeof(StreamState)};
  StreamState* get() { return reinterpret_cast<StreamState*>(memory.data()); }
};

std::string FileLabel(std::size_t index, std::string_view name) {
  std::string label = "file " + std::to_string(index);
  if (!name.empty()) label += " (" + std::string(name) + ")";
  return label;
}

Status CheckPrice(const Money& price) {
  if (CurrencyExponent(price.currency) < 0) {
    return Status::InvalidArgument("unknown currency \"" + price.currency + "\"")
        .WithField("price.currency");
  }
  if (price.amount_minor < 0) {
    return Status::InvalidArgument("the price is negative").WithField("price.amount_minor");
  }
  return Status::Ok();
}

struct SealedFile {
  std::vector<std::uint8_t> sealed_key;
  std::array<std::uint8_t, internal::kStreamHeaderBytes> header{};
  std::vector<std::uint8_t> chunk_stream;
};

SealedFile SealFile(const X25519PublicKey& recipient, std::span<const std::uint8_t> content,
                    std::span<const std::uint8_t> additional_data) {
  SealedFile sealed;
  LockedBytes key(crypto_secretstream_xchacha20poly1305_KEYBYTES);
  crypto_secretstream_xchacha20poly1305_keygen(key.data());
  LockedStreamState state;
  crypto_secretstream_xchacha20poly1305_init_push(state.get(), sealed.header.data(), key.data());

  const std::size_t chunk_count =
      content.empty() ? 1 : (content.size() + kChunkPlaintextBytes - 1) / kChunkPlaintextBytes;
  sealed.chunk_stream.reserve(content.size() + chunk_count * (4 + kChunkOverhead));
  for (std::size_t chunk = 0; chunk < chunk_count; ++chunk) {
    const std::size_t begin = chunk * kChunkPlaintextBytes;
    const std::size_t length = std::min(kChunkPlaintextBytes, content.size() - begin);
    const bool last = chunk + 1 == chunk_count;
    AppendBigEndian(sealed.chunk_stream, length + kChunkOverhead, 4);
    const std::size_t at = sealed.chunk_stream.size();
    sealed.chunk_stream.resize(at + length + kChunkOverhead);
    crypto_secretstream_xchacha20poly1305_push(
        state.get(), sealed.chunk_stream.data() + at, nullptr, content.data() + begin, length,
        additional_data.data(), additional_data.size(),
        last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
             : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
  }
  sealed.sealed_key = SealToPublicKey(recipient, key.span());
  return sealed;
}

// The sealed manifest repeats the binding and describes each file (SECURITY.md CR-02).
struct Manifest {
  struct File {
    std::string name;
    std::uint64_t size = 0;
    std::string sha256;
  };
  std::vector<File> files;
  std::optional<Money> price;
};

Status ManifestError(std::string message, std::string field) {
  return Status::InvalidArgument("the manifest " + std::move(message))
      .WithField(field.empty() ? "manifest" : "manifest." + field);
}

Result<Manifest> ReadManifest(std::string_view text, const EnvelopeBinding& binding,
                              std::size_t file_count) {
  const Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return ManifestError("is not a JSON object", "");
  }
  const auto version = json.find("v");
  if (version == json.end() || !version->is_number_integer() || *version != 1) {
    return ManifestError("is not version 1", "v");
  }
  const auto string_field = [&](const char* name) -> std::optional<std::string> {
    const auto it = json.find(name);
    if (it == json.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  if (string_field("tender") != binding.tender) {
    return ManifestError("names another tender than the envelope header", "tender");
  }
  if (string_field("bid") != binding.bid) {
    return ManifestError("names another bid than the envelope header", "bid");
  }
  if (string_field("envelope") != std::string(EnvelopeKindName(binding.kind))) {
    return ManifestError("names another envelope kind than the envelope header", "envelope");
  }

  Manifest manifest;
  const auto files = json.find("files");
  if (files == json.end() || !files->is_array()) return ManifestError("has no file list", "files");
  if (files->size() != file_count) {
    return ManifestError("lists " + std::to_string(files->size()) + " files, the envelope has " +
                             std::to_string(file_count),
                         "files");
  }
  for (std::size_t i = 0; i < files->size(); ++i) {
    const Json& entry = (*files)[i];
    const std::string field = "files[" + std::to_string(i) + "]";
    if (!entry.is_object()) return ManifestError(field + " is not an object", field);
    Manifest::File file;
    const auto name = entry.find("name");
    const auto size = entry.find("size");
    const auto sha256 = entry.find("sha256");
    if (name == entry.end() || !name->is_string()) {
      return ManifestError(field + " has no name", field + ".name");
    }
    if (size == entry.end() || !size->is_number_unsigned()) {
      return ManifestError(field + " has no size (a non-negative integer)", field + ".size");
    }
    if (sha256 == entry.end() || !sha256->is_string()) {
      return ManifestError(field + " has no sha256", field + ".sha256");
    }
    file.name = name->get<std::string>();
    if (Status status = internal::CheckFileName(file.name); !status.ok()) {
      return ManifestError(field + ": " + status.message(), field + ".name");
    }
    file.size = size->get<std::uint64_t>();
    file.sha256 = sha256->get<std::string>();
    manifest.files.push_back(std::move(file));
  }

  const auto price = json.find("price");
  if (price != json.end() && !price->is_null()) {
    const auto amount = price->is_object() ? price->find("amount_minor") : price->end();
    const auto currency = price->is_object() ? price->find("currency") : price->end();
    if (!price->is_object() || amount == price->end() || !amount->is_number_integer() ||
        currency == price->end() || !currency->is_string()) {
      return ManifestError("price is not {\"amount_minor\": integer, \"currency\": code}", "price");
    }
    Money money{amount->get<std::int64_t>(), currency->get<std::string>()};
    if (Status status = CheckPrice(money); !status.ok()) {
      return ManifestError("price: " + status.message(), "price");
    }
    manifest.price = std::move(money);
  }
  return manifest;
}

Result<std::vector<std::uint8_t>> OpenFile(const ParsedFile& file, std::size_t index,
                                           const Manifest::File& described,
                                           const ParsedEnvelope& envelope,
                                           std::span<const std::uint8_t> secret_key) {
  const std::string label = FileLabel(index, described.name);
  const std::string field = "files[" + std::to_string(index) + "]";
  if (HexSha256(file.chunk_stream) != described.sha256) {
    return Status::InvalidArgument(label + ": the chunk stream's SHA-256 differs from the " +
                                   "manifest's: the ciphertext was altered or replaced")
        .WithField(field + ".sha256");
  }
  Result<LockedBytes> key = OpenSealed(envelope.recipient, secret_key, file.sealed_key);
  if (!key.ok() || key->size() != crypto_secretstream_xchacha20poly1305_KEYBYTES) {
    return Status::InvalidArgument(label + ": the sealed file key does not open: it was " +
                                   "altered or sealed to another key")
        .WithField(field + ".sealed_key");
  }
  LockedStreamState state;
  if (crypto_secretstream_xchacha20poly1305_init_pull(state.get(), file.header.data(),
                                                      key->data()) != 0) {
    return Status::InvalidArgument(label + ": invalid stream header").WithField(field + ".header");
  }
  const std::vector<std::uint8_t> additional_data =
      internal::ChunkAdditionalData(envelope.binding, static_cast<std::uint16_t>(index));

  std::vector<std::uint8_t> plaintext;
  plaintext.reserve(std::min<std::uint64_t>(described.size, file.chunk_stream.size()));
  for (std::size_t chunk = 0; chunk < file.chunks.size(); ++chunk) {
    const std::span<const std::uint8_t> ciphertext = file.chunks[chunk];
    const std::size_t at = plaintext.size();
    plaintext.resize(at + ciphertext.size() - kChunkOverhead);
    unsigned long long length = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            state.get(), plaintext.data() + at, &length, &tag, ciphertext.data(), ciphertext.size(),
            additional_data.data(), additional_data.size()) != 0) {
      return Status::InvalidArgument(
                 label + ", chunk " + std::to_string(chunk) +
                 " does not authenticate: it was altered, reordered, or moved from another bid, "
                 "tender, envelope or file position")
          .WithField(field);
    }
    plaintext.resize(at + length);
    const bool last = chunk + 1 == file.chunks.size();
    if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL && !last) {
      return Status::InvalidArgument(label + ": chunks follow the final chunk (chunk " +
                                     std::to_string(chunk) + " of " +
                                     std::to_string(file.chunks.size()) + ")")
          .WithField(field);
    }
    if (last && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
      return Status::InvalidArgument(label + " ends without its final chunk: it was truncated")
          .WithField(field);
    }
    if (!last && tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
      return Status::InvalidArgument(label + ", chunk " + std::to_string(chunk) +
                                     " carries an unexpected tag " + std::to_string(tag))
          .WithField(field);
    }
  }
  if (plaintext.size() != described.size) {
    return Status::InvalidArgument(label + " has " + std::to_string(plaintext.size()) +
                                   " bytes, the manifest says " + std::to_string(described.size))
        .WithField(field + ".size");
  }
  return plaintext;
}

Status CheckExpectedBinding(const EnvelopeBinding& actual, const EnvelopeBinding& expected) {
  if (actual.tender != expected.tender) {
    return Status::InvalidArgument("the envelope is sealed for tender \"" + actual.tender +
                                   "\", not \"" + expected.tender + "\"")
        .WithField("tender");
  }
  if (actual.kind != expected.kind) {
    return Status::InvalidArgument("the envelope is a " +
                                   std::string(EnvelopeKindName(actual.kind)) + " envelope, not " +
                                   std::string(EnvelopeKindName(expected.kind)))
        .WithField("envelope");
  }
  if (actual.bid != expected.bid) {
    return Status::InvalidArgument("the envelope is sealed for bid \"" + actual.bid + "\", not \"" +
                                   expected.bid + "\"")
        .WithField("bid");
  }
  return Status::Ok();
}

}  // namespace

std::string_view EnvelopeKindName(EnvelopeKind kind) {
  switch (kind) {
    case EnvelopeKind::kSingle:
      return "single";
    case EnvelopeKind::kTechnical:
      return "technical";
    case EnvelopeKind::kFinancial:
      return "financial";
  }
  return "unknown";
}

std::optional<EnvelopeKind> ParseEnvelopeKind(std::string_view name) {
  for (EnvelopeKind kind :
       {EnvelopeKind::kSingle, EnvelopeKind::kTechnical, EnvelopeKind::kFinancial}) {
    if (name == EnvelopeKindName(kind)) return kind;
  }
  return std::nullopt;
}

Result<EnvelopeSummary> InspectEnvelope(std::span<const std::uint8_t> bytes,
                                        std::uint64_t max_size) {
  if (bytes.size() > max_size) {
    return Status::InvalidArgument("the envelope has " + std::to_string(bytes.size()) +
                                   " bytes; at most " + std::to_string(max_size) + " are accepted")
        .WithField("envelope");
  }
  Result<ParsedEnvelope> parsed = internal::ParseEnvelope(bytes);
  if (!parsed.ok()) return parsed.status();
  EnvelopeSummary summary;
  summary.binding = parsed->binding;
  summary.recipient = parsed->recipient;
  for (const ParsedFile& file : parsed->files) {
    summary.files.push_back({file.chunk_stream.size(), HexSha256(file.chunk_stream)});
  }
  summary.sha256 = HexSha256(bytes);
  summary.size = bytes.size();
  return summary;
}

Result<EnvelopeContents> OpenEnvelope(std::span<const std::uint8_t> bytes,
                                      const EnvelopeBinding& expected,
                                      std::span<const std::uint8_t> secret_key) {
  internal::EnsureSodium();
  Result<ParsedEnvelope> parsed = internal::ParseEnvelope(bytes);
  if (!parsed.ok()) return parsed.status();
  if (Status status = CheckExpectedBinding(parsed->binding, expected); !status.ok()) {
    return status;
  }
  if (!SecretKeyMatches(secret_key, parsed->recipient)) {
    return Status::InvalidArgument("the envelope is sealed to the key with fingerprint " +
                                   KeyFingerprint(parsed->recipient) + ", not to the key given")
        .WithField("recipient");
  }
  Result<LockedBytes> manifest_bytes =
      OpenSealed(parsed->recipient, secret_key, parsed->sealed_manifest);
  if (!manifest_bytes.ok()) {
    return Status::InvalidArgument("the sealed manifest does not open: it was altered")
        .WithField("manifest");
  }
  const std::string manifest_text(reinterpret_cast<const char*>(manifest_bytes->data()),
                                  manifest_bytes->size());
  Result<Manifest> manifest = ReadManifest(manifest_text, parsed->binding, parsed->files.size());
  if (!manifest.ok()) return manifest.status();

  EnvelopeContents contents;
  for (std::size_t i = 0; i < parsed->files.size(); ++i) {
    Result<std::vector<std::uint8_t>> content =
        OpenFile(parsed->files[i], i, manifest->files[i], *parsed, secret_key);
    if (!content.ok()) return content.status();
    contents.files.push_back({manifest->files[i].name, std::move(content).value()});
  }
  contents.price = manifest->price;
  contents.manifest_json = manifest_text;
  return contents;
}

Result<std::vector<std::uint8_t>> SealEnvelope(const EnvelopeBinding& binding,
                                               const X25519PublicKey& recipient,
                                               std::span<const PlainFile> files,
                                               std::optional<Money> price) {
  internal::EnsureSodium();
  if (Status status = internal::CheckBinding(binding); !status.ok()) return status;
  if (files.size() > internal::kMaxFiles) {
    return Status::InvalidArgument("an envelope holds at most 100 files, not " +
                                   std::to_string(files.size()))
        .WithField("files");
  }
  for (const PlainFile& file : files) {
    if (Status status = internal::CheckFileName(file.name); !status.ok()) return status;
  }
  if (price) {
    if (Status status = CheckPrice(*price); !status.ok()) return status;
  }

  Json manifest = {{"v", 1},
                   {"tender", binding.tender},
                   {"bid", binding.bid},
                   {"envelope", EnvelopeKindName(binding.kind)},
                   {"files", Json::array()}};
  std::vector<SealedFile> sealed_files;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::vector<std::uint8_t> additional_data =
        internal::ChunkAdditionalData(binding, static_cast<std::uint16_t>(i));
    sealed_files.push_back(SealFile(recipient, files[i].content, additional_data));
    manifest["files"].push_back({{"name", files[i].name},
                                 {"size", files[i].content.size()},
                                 {"sha256", HexSha256(sealed_files.back().chunk_stream)}});
  }
  if (price) {
    manifest["price"] = {{"amount_minor", price->amount_minor}, {"currency", price->currency}};
  }
  const std::string manifest_text = manifest.dump();
  if (manifest_text.size() + internal::kSealOverhead > internal::kMaxSealedManifestBytes) {
    return Status::InvalidArgument("the manifest would exceed 1 MiB").WithField("files");
  }
  const std::vector<std::uint8_t> sealed_manifest = SealToPublicKey(
      recipient,
      {reinterpret_cast<const std::uint8_t*>(manifest_text.data()), manifest_text.size()});

  std::vector<std::uint8_t> out(std::begin(internal::kEnvelopeMagic),
                                std::end(internal::kEnvelopeMagic));
  out.push_back(static_cast<std::uint8_t>(binding.kind));
  AppendBigEndian(out, binding.tender.size(), 2);
  out.insert(out.end(), binding.tender.begin(), binding.tender.end());
  AppendBigEndian(out, binding.bid.size(), 1);
  out.insert(out.end(), binding.bid.begin(), binding.bid.end());
  out.insert(out.end(), recipient.begin(), recipient.end());
  AppendBigEndian(out, sealed_manifest.size(), 4);
  out.insert(out.end(), sealed_manifest.begin(), sealed_manifest.end());
  AppendBigEndian(out, sealed_files.size(), 2);
  for (const SealedFile& file : sealed_files) {
    out.insert(out.end(), file.sealed_key.begin(), file.sealed_key.end());
    out.insert(out.end(), file.header.begin(), file.header.end());
    AppendBigEndian(out, file.chunk_stream.size(), 8);
    out.insert(out.end(), file.chunk_stream.begin(), file.chunk_stream.end());
  }
  return out;
}

}  // namespace tb::crypto
