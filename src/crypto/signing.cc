// Ed25519 (RFC 8032) through libsodium's crypto_sign. The key file format is documented in
// docs/audit-log.md ("The signing key file").
#include "crypto/signing.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "crypto/digest.h"
#include "crypto/internal/sodium_init.h"
#include "crypto/random.h"

namespace tb::crypto {
namespace {

static_assert(crypto_sign_PUBLICKEYBYTES == 32);
static_assert(crypto_sign_SECRETKEYBYTES == 64);
static_assert(crypto_sign_SEEDBYTES == 32);
static_assert(crypto_sign_BYTES == 64);

constexpr std::string_view kMagicLine = "tenderbridge-signing-key v1";
constexpr std::size_t kMaxKeyFileBytes = 4096;

std::string ErrnoText() { return std::strerror(errno); }

Result<std::vector<std::uint8_t>> DecodeBase64Url(std::string_view text, std::size_t size,
                                                  std::string_view what) {
  internal::EnsureSodium();
  std::vector<std::uint8_t> out(size);
  std::size_t decoded = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &decoded, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      decoded != size || end != text.data() + text.size() ||
      Base64UrlEncode(out) != text) {  // one spelling only: no stray trailing bits
    return Status::InvalidArgument(std::string(what) + " is not " + std::to_string(size) +
                                   " bytes of unpadded base64url");
  }
  return out;
}

// The file text: the magic line, then the seed and the public key (a check on the seed).
std::string KeyFileText(const std::array<std::uint8_t, 64>& secret_key,
                        const std::array<std::uint8_t, 32>& public_key) {
  return std::string(kMagicLine) +
         "\nalgorithm: ed25519\nseed: " + Base64UrlEncode(std::span(secret_key.data(), 32)) +
         "\npublic-key: " + Base64UrlEncode(public_key) + "\n";
}

Result<SigningKey> ParseKeyFile(std::string_view text, const std::string& path) {
  const Status bad = Status::InvalidArgument(path + " is not a TenderBridge signing key file (" +
                                             std::string(kMagicLine) + ")")
                         .WithField("signing_key");
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    if (nl == std::string_view::npos) return bad;  // every line ends with a newline
    lines.push_back(text.substr(0, nl));
    text.remove_prefix(nl + 1);
  }
  if (lines.size() != 4 || lines[0] != kMagicLine || lines[1] != "algorithm: ed25519" ||
      lines[2].rfind("seed: ", 0) != 0 || lines[3].rfind("public-key: ", 0) != 0) {
    return bad;
  }
  Result<std::vector<std::uint8_t>> seed = DecodeBase64Url(lines[2].substr(6), 32, "seed");
  Result<std::vector<std::uint8_t>> public_key =
      DecodeBase64Url(lines[3].substr(12), 32, "public-key");
  if (!seed.ok() || !public_key.ok()) return bad;
  Result<SigningKey> key = SigningKey::FromSeed(*seed);
  sodium_memzero(seed->data(), seed->size());
  if (!key.ok()) return bad;
  if (!std::equal(public_key->begin(), public_key->end(), key->public_key().begin())) {
    return Status::InvalidArgument(path + ": the public key does not belong to the seed")
        .WithField("signing_key");
  }
  return key;
}

// Creates the missing directories of `dir` with mode 0700 (existing ones are left alone).
Status MakePrivateDirectories(const std::filesystem::path& dir) {
  if (dir.empty()) return Status::Ok();
  std::filesystem::path partial;
  for (const auto& part : dir) {
    partial /= part;
    if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
      return Status::Internal("cannot create directory " + partial.string() + ": " + ErrnoText());
    }
  }
  return Status::Ok();
}

Status WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::Internal("write failed: " + ErrnoText());
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

}  // namespace

SigningKey SigningKey::Generate() {
  internal::EnsureSodium();
  SigningKey key;
  crypto_sign_keypair(key.public_key_.data(), key.secret_key_.data());
  return key;
}

Result<SigningKey> SigningKey::FromSeed(std::span<const std::uint8_t> seed) {
  if (seed.size() != crypto_sign_SEEDBYTES) {
    return Status::InvalidArgument("an Ed25519 seed has 32 bytes").WithField("seed");
  }
  internal::EnsureSodium();
  SigningKey key;
  crypto_sign_seed_keypair(key.public_key_.data(), key.secret_key_.data(), seed.data());
  return key;
}

Result<SigningKey> SigningKey::Load(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      return Status::NotFound("no signing key file at " + path).WithField("signing_key");
    }
    return Status::Internal("cannot open " + path + ": " + ErrnoText());
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(path + " is not a regular file").WithField("signing_key");
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    return Status::FailedPrecondition(path + " may be read by other users; run chmod 600 on it")
        .WithField("signing_key");
  }
  std::string text(kMaxKeyFileBytes + 1, '\0');
  std::size_t used = 0;
  for (;;) {
    const ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return Status::Internal("cannot read " + path + ": " + ErrnoText());
    }
    if (n == 0 || (used += static_cast<std::size_t>(n)) == text.size()) break;
  }
  ::close(fd);
  if (used > kMaxKeyFileBytes) {
    return Status::InvalidArgument(path + " is too large for a signing key file")
        .WithField("signing_key");
  }
  text.resize(used);
  Result<SigningKey> key = ParseKeyFile(text, path);
  sodium_memzero(text.data(), text.size());
  return key;
}

Result<SigningKey> SigningKey::LoadOrCreate(const std::string& path) {
  Result<SigningKey> existing = Load(path);
  if (existing.ok() || existing.status().code() != StatusCode::kNotFound) return existing;

  const std::filesystem::path target(path);
  TB_RETURN_IF_ERROR(MakePrivateDirectories(target.parent_path()));
  SigningKey key = Generate();
  // Written under a temporary name and linked into place, so that a second server starting at
  // the same moment either wins (and this one reads its key) or loses; nobody reads half a file.
  const std::string temp = path + ".tmp-" + std::to_string(::getpid()) + "-" + RandomToken(6);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal("cannot create " + temp + ": " + ErrnoText());
  std::string text = KeyFileText(key.secret_key_, key.public_key_);
  Status written = WriteAll(fd, text);
  sodium_memzero(text.data(), text.size());
  if (written.ok() && ::fsync(fd) != 0) written = Status::Internal("fsync failed: " + ErrnoText());
  ::close(fd);
  if (!written.ok()) {
    ::unlink(temp.c_str());
    return Status::Internal("cannot write " + temp + ": " + written.message());
  }
  const int linked = ::link(temp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(temp.c_str());
  if (linked != 0) {
    if (link_errno == EEXIST) return Load(path);
    return Status::Internal("cannot create " + path + ": " + std::strerror(link_errno));
  }
  const std::string dir = target.parent_path().empty() ? "." : target.parent_path().string();
  if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    (void)::fsync(dfd);  // best effort: the key is usable even if the directory entry is lost
    ::close(dfd);
  }
  return key;
}

std::array<std::uint8_t, 64> SigningKey::Sign(std::span<const std::uint8_t> message) const {
  std::array<std::uint8_t, 64> signature{};
  crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(),
                       secret_key_.data());
  return signature;
}

std::string KeyIdOf(const std::array<std::uint8_t, 32>& public_key) {
  const Sha256Digest digest = Sha256(public_key);
  return HexEncode(std::span(digest).first(8));
}

std::string SigningKey::KeyId() const { return KeyIdOf(public_key_); }

SigningKey::~SigningKey() { sodium_memzero(secret_key_.data(), secret_key_.size()); }
SigningKey::SigningKey(const SigningKey&) = default;
SigningKey& SigningKey::operator=(const SigningKey&) = default;

bool VerifySignature(const std::array<std::uint8_t, 32>& public_key,
                     std::span<const std::uint8_t> message,
                     std::span<const std::uint8_t> signature) {
  if (signature.size() != crypto_sign_BYTES) return false;
  internal::EnsureSodium();
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     public_key.data()) == 0;
}

Result<std::array<std::uint8_t, 32>> ParsePublicKey(std::string_view text) {
  std::array<std::uint8_t, 32> key{};
  if (text.size() == 64) {
    for (std::size_t i = 0; i < 32; ++i) {
      auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      const int hi = nibble(text[2 * i]);
      const int lo = nibble(text[2 * i + 1]);
      if (hi < 0 || lo < 0) {
        return Status::InvalidArgument("the public key has a character that is not hex")
            .WithField("public_key");
      }
      key[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return key;
  }
  Result<std::vector<std::uint8_t>> bytes = DecodeBase64Url(text, 32, "the public key");
  if (!bytes.ok()) {
    return Status::InvalidArgument(
               "the public key must be 43 characters of base64url or 64 hex digits")
        .WithField("public_key");
  }
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

Result<std::array<std::uint8_t, 64>> ParseSignature(std::string_view text) {
  std::array<std::uint8_t, 64> signature{};
  const Status bad =
      Status::InvalidArgument("a signature must be 86 characters of base64url or 128 hex digits")
          .WithField("signature");
  if (text.size() == 128) {
    for (std::size_t half = 0; half < 2; ++half) {
      Result<std::array<std::uint8_t, 32>> part = ParsePublicKey(text.substr(half * 64, 64));
      if (!part.ok()) return bad;
      std::copy(part->begin(), part->end(), signature.begin() + half * 32);
    }
    return signature;
  }
  Result<std::vector<std::uint8_t>> bytes = DecodeBase64Url(text, 64, "the signature");
  if (!bytes.ok()) return bad;
  std::copy(bytes->begin(), bytes->end(), signature.begin());
  return signature;
}

std::string PublicKeyPem(const std::array<std::uint8_t, 32>& public_key) {
  // SubjectPublicKeyInfo { AlgorithmIdentifier { id-Ed25519 (1.3.101.112) }, BIT STRING }.
  std::vector<std::uint8_t> der = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                   0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
  der.insert(der.end(), public_key.begin(), public_key.end());
  internal::EnsureSodium();
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string b64(sodium_base64_encoded_len(der.size(), kVariant), '\0');
  sodium_bin2base64(b64.data(), b64.size(), der.data(), der.size(), kVariant);
  b64.resize(b64.find('\0'));
  return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
}

}  // namespace tb::crypto
