#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/locked_bytes.h"
#include "crypto/sealing.h"

namespace tb::crypto {

// A committee member's personal X25519 key (SECURITY.md §5.2), kept in a key file protected by
// a passphrase: argon2id13 derives a key that crypto_secretbox seals the secret key with. The
// browser exports and imports the same JSON (docs/sealed-bids.md, "Member key file"):
//   {"v":1,"type":"tenderbridge-member-key","public_key":b64url,"kdf":"argon2id13",
//    "opslimit":N,"memlimit":N,"salt":b64url,"nonce":b64url,"secret_box":b64url}

struct MemberKeyParams {
  std::uint64_t opslimit = 2;         // crypto_pwhash_OPSLIMIT_INTERACTIVE
  std::uint64_t memlimit = 67108864;  // crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB)
};

// The shortest passphrase CreateMemberKeyFile accepts.
inline constexpr std::size_t kMinPassphraseBytes = 8;

struct MemberKeyFile {
  std::string json;
  X25519PublicKey public_key{};
};

// A new key pair, returned as key-file JSON. InvalidArgument for a passphrase shorter than
// kMinPassphraseBytes or limits outside libsodium's range or the ones OpenMemberKeyFile reads.
Result<MemberKeyFile> CreateMemberKeyFile(std::string_view passphrase,
                                          const MemberKeyParams& params = {});

// The key file for an existing key pair (a new passphrase for the same key).
Result<std::string> ProtectMemberKey(const X25519KeyPair& key, std::string_view passphrase,
                                     const MemberKeyParams& params = {});

struct MemberKey {
  X25519PublicKey public_key{};
  LockedBytes secret_key;  // 32 bytes
};

// Opens a key file. InvalidArgument naming the field for a file that is not a version 1
// member key (or asks for more than 1 GiB of memory or 20 passes), and "wrong passphrase or
// damaged key file" when the secret box does not open.
Result<MemberKey> OpenMemberKeyFile(std::string_view json, std::string_view passphrase);

// The public key a key file declares, without the passphrase.
Result<X25519PublicKey> MemberKeyFilePublicKey(std::string_view json);

// Unseals the committee share sealed to this member (81 bytes: a 33-byte share, sealed).
// InvalidArgument when it was sealed to someone else, altered, or is not a share of a 32-byte
// key with x in 1..255.
Result<LockedBytes> UnsealCommitteeShare(const MemberKey& key,
                                         std::span<const std::uint8_t> sealed_share);

}  // namespace tb::crypto
