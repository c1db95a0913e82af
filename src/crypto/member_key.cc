#include "crypto/member_key.h"

#include <sodium.h>
#include <utf8proc.h>

#include <nlohmann/json.hpp>
#include <cstdlib>
#include <optional>
#include <vector>

#include "crypto/internal/sodium_init.h"
#include "crypto/random.h"

namespace tb::crypto {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kType = "tenderbridge-member-key";
constexpr std::string_view kKdf = "argon2id13";
// What a key file may ask of the machine that opens it: libsodium's "sensitive" memory
// limit and a generous number of passes, so a hostile file cannot exhaust the opener.
constexpr std::uint64_t kMaxMemlimit = 1073741824;
constexpr std::uint64_t kMaxOpslimit = 20;
constexpr std::size_t kSaltBytes = crypto_pwhash_SALTBYTES;
constexpr std::size_t kShareBytes = 33;

static_assert(crypto_pwhash_SALTBYTES == 16 && crypto_secretbox_NONCEBYTES == 24);

Status KeyFileError(std::string message, std::string field) {
  return Status::InvalidArgument("the member key file " + std::move(message))
      .WithField(std::move(field));
}

Status CheckLimits(std::uint64_t opslimit, std::uint64_t memlimit) {
  if (opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN || opslimit > kMaxOpslimit) {
    return KeyFileError("opslimit must be between 1 and 20", "opslimit");
  }
  if (memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN || memlimit > kMaxMemlimit) {
    return KeyFileError("memlimit must be between 8192 and 1073741824 bytes", "memlimit");
  }
  return Status::Ok();
}

// The passphrase in Unicode NFC, as the browser hashes it (docs/sealed-bids.md): "é" typed as
// one code point or as e + U+0301 opens the same file. Bytes that are not UTF-8 stay as typed.
std::string NormalisedPassphrase(std::string_view passphrase) {
  const std::string text(passphrase);
  std::uint8_t* nfc = utf8proc_NFC(reinterpret_cast<const std::uint8_t*>(text.c_str()));
  if (nfc == nullptr) return text;
  std::string out(reinterpret_cast<const char*>(nfc));
  sodium_memzero(nfc, out.size());
  std::free(nfc);
  return out;
}

Result<LockedBytes> DeriveKey(std::string_view typed, std::span<const std::uint8_t> salt,
                              std::uint64_t opslimit, std::uint64_t memlimit) {
  std::string passphrase = NormalisedPassphrase(typed);
  LockedBytes key(crypto_secretbox_KEYBYTES);
  const int failed =
      crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), salt.data(),
                    opslimit, static_cast<std::size_t>(memlimit), crypto_pwhash_ALG_ARGON2ID13);
  sodium_memzero(passphrase.data(), passphrase.size());
  if (failed != 0) {
    return Status::ResourceExhausted("not enough memory to derive the key-file key");
  }
  return key;
}

Result<std::vector<std::uint8_t>> DecodedField(const Json& json, const char* name,
                                               std::size_t expected_size) {
  const auto it = json.find(name);
  if (it == json.end() || !it->is_string())
    return KeyFileError("has no " + std::string(name), name);
  Result<std::vector<std::uint8_t>> bytes = DecodeBase64Url(it->get<std::string>());
  if (!bytes.ok()) return KeyFileError(std::string(name) + " is not base64url", name);
  if (bytes->size() != expected_size) {
    return KeyFileError(std::string(name) + " must have " + std::to_string(expected_size) +
                            " bytes, not " + std::to_string(bytes->size()),
                        name);
  }
  return bytes;
}

struct ParsedKeyFile {
  X25519PublicKey public_key{};
  std::uint64_t opslimit = 0;
  std::uint64_t memlimit = 0;
  std::vector<std::uint8_t> salt;
  std::vector<std::uint8_t> nonce;
  std::vector<std::uint8_t> secret_box;
};

Result<ParsedKeyFile> ParseKeyFile(std::string_view text) {
  const Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return KeyFileError("is not a JSON object", "");
  const auto version = json.find("v");
  if (version == json.end() || !version->is_number_integer() || *version != 1) {
    return KeyFileError("is not version 1", "v");
  }
  const auto type = json.find("type");
  if (type == json.end() || !type->is_string() || type->get<std::string>() != kType) {
    return KeyFileError("is not of type tenderbridge-member-key", "type");
  }
  const auto kdf = json.find("kdf");
  if (kdf == json.end() || !kdf->is_string() || kdf->get<std::string>() != kKdf) {
    return KeyFileError("names a key derivation other than argon2id13", "kdf");
  }
  const auto opslimit = json.find("opslimit");
  const auto memlimit = json.find("memlimit");
  if (opslimit == json.end() || !opslimit->is_number_unsigned()) {
    return KeyFileError("has no opslimit", "opslimit");
  }
  if (memlimit == json.end() || !memlimit->is_number_unsigned()) {
    return KeyFileError("has no memlimit", "memlimit");
  }
  ParsedKeyFile file;
  file.opslimit = opslimit->get<std::uint64_t>();
  file.memlimit = memlimit->get<std::uint64_t>();
  if (Status status = CheckLimits(file.opslimit, file.memlimit); !status.ok()) return status;

  Result<std::vector<std::uint8_t>> public_key = DecodedField(json, "public_key", 32);
  if (!public_key.ok()) return public_key.status();
  std::copy(public_key->begin(), public_key->end(), file.public_key.begin());
  Result<std::vector<std::uint8_t>> salt = DecodedField(json, "salt", kSaltBytes);
  if (!salt.ok()) return salt.status();
  file.salt = std::move(salt).value();
  Result<std::vector<std::uint8_t>> nonce =
      DecodedField(json, "nonce", crypto_secretbox_NONCEBYTES);
  if (!nonce.ok()) return nonce.status();
  file.nonce = std::move(nonce).value();
  Result<std::vector<std::uint8_t>> secret_box =
      DecodedField(json, "secret_box", crypto_box_SECRETKEYBYTES + crypto_secretbox_MACBYTES);
  if (!secret_box.ok()) return secret_box.status();
  file.secret_box = std::move(secret_box).value();
  return file;
}

}  // namespace

Result<std::string> ProtectMemberKey(const X25519KeyPair& key, std::string_view passphrase,
                                     const MemberKeyParams& params) {
  internal::EnsureSodium();
  if (passphrase.size() < kMinPassphraseBytes) {
    return Status::InvalidArgument("the passphrase must have at least " +
                                   std::to_string(kMinPassphraseBytes) + " characters")
        .WithField("passphrase");
  }
  if (Status status = CheckLimits(params.opslimit, params.memlimit); !status.ok()) return status;
  if (!SecretKeyMatches(key.secret_key.span(), key.public_key)) {
    return Status::InvalidArgument("the secret key does not belong to the public key");
  }
  const std::vector<std::uint8_t> salt = RandomBytes(kSaltBytes);
  const std::vector<std::uint8_t> nonce = RandomBytes(crypto_secretbox_NONCEBYTES);
  Result<LockedBytes> box_key = DeriveKey(passphrase, salt, params.opslimit, params.memlimit);
  if (!box_key.ok()) return box_key.status();
  std::vector<std::uint8_t> secret_box(key.secret_key.size() + crypto_secretbox_MACBYTES);
  crypto_secretbox_easy(secret_box.data(), key.secret_key.data(), key.secret_key.size(),
                        nonce.data(), box_key->data());
  const Json json = {{"v", 1},
                     {"type", kType},
                     {"public_key", Base64UrlEncode(key.public_key)},
                     {"kdf", kKdf},
                     {"opslimit", params.opslimit},
                     {"memlimit", params.memlimit},
                     {"salt", Base64UrlEncode(salt)},
                     {"nonce", Base64UrlEncode(nonce)},
                     {"secret_box", Base64UrlEncode(secret_box)}};
  return json.dump(2) + "\n";
}

Result<MemberKeyFile> CreateMemberKeyFile(std::string_view passphrase,
                                          const MemberKeyParams& params) {
  const X25519KeyPair key = GenerateX25519KeyPair();
  Result<std::string> json = ProtectMemberKey(key, passphrase, params);
  if (!json.ok()) return json.status();
  return MemberKeyFile{std::move(json).value(), key.public_key};
}

Result<MemberKey> OpenMemberKeyFile(std::string_view json, std::string_view passphrase) {
  internal::EnsureSodium();
  Result<ParsedKeyFile> file = ParseKeyFile(json);
  if (!file.ok()) return file.status();
  Result<LockedBytes> box_key = DeriveKey(passphrase, file->salt, file->opslimit, file->memlimit);
  if (!box_key.ok()) return box_key.status();
  MemberKey key;
  key.public_key = file->public_key;
  key.secret_key = LockedBytes(crypto_box_SECRETKEYBYTES);
  if (crypto_secretbox_open_easy(key.secret_key.data(), file->secret_box.data(),
                                 file->secret_box.size(), file->nonce.data(),
                                 box_key->data()) != 0) {
    return Status::InvalidArgument("wrong passphrase or damaged key file").WithField("passphrase");
  }
  if (!SecretKeyMatches(key.secret_key.span(), key.public_key)) {
    return KeyFileError("holds a secret key that does not belong to its public_key", "public_key");
  }
  return key;
}

Result<X25519PublicKey> MemberKeyFilePublicKey(std::string_view json) {
  Result<ParsedKeyFile> file = ParseKeyFile(json);
  if (!file.ok()) return file.status();
  return file->public_key;
}

Result<LockedBytes> UnsealCommitteeShare(const MemberKey& key,
                                         std::span<const std::uint8_t> sealed_share) {
  if (sealed_share.size() != kShareBytes + crypto_box_SEALBYTES) {
    return Status::InvalidArgument("a sealed share has 81 bytes, not " +
                                   std::to_string(sealed_share.size()))
        .WithField("sealed_share");
  }
  Result<LockedBytes> share = OpenSealed(key.public_key, key.secret_key.span(), sealed_share);
  if (!share.ok()) {
    return Status::InvalidArgument(
               "the share does not open with this member key: it is sealed to another member "
               "or was altered")
        .WithField("sealed_share");
  }
  if (share->data()[0] == 0) {
    return Status::InvalidArgument("the share has x = 0, which no share may have")
        .WithField("sealed_share");
  }
  return share;
}

}  // namespace tb::crypto
