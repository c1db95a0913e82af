#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/timestamp.h"

namespace tb::audit {

// One event of the tamper-evident log (SECURITY.md AU-01): a tender published or amended, a
// deadline changed, a bid received, replaced or withdrawn, an access denied, a committee share
// submitted, an opening, scores, an award, a role change. It holds ids and hashes, never bid
// plaintext or personal data beyond what the record needs (AU-06).
struct Entry {
  std::string kind;     // dotted, stable: "tender.published", "bid.received", "access.denied"
  Timestamp at;         // when the state change happened (the transaction's clock reading)
  std::string actor;    // "user:12", "system"; empty only for anonymous requests
  std::string subject;  // the object: "tender:ocds-tbrdg1-000001", "bid:9f3c..."
  // Further facts, in the order given (the encoding keeps the order; callers keep it stable).
  std::vector<std::pair<std::string, std::string>> fields;
  bool operator==(const Entry&) const = default;
};

// The canonical bytes of an entry, the Merkle leaf's input (docs/audit-log.md gives the exact
// format: a version byte, then length-prefixed fields). Encode(Decode(b)) == b for every
// accepted b.
std::vector<std::uint8_t> Encode(const Entry& entry);

// InvalidArgument for bytes that are not a canonical version-1 entry.
Result<Entry> Decode(std::span<const std::uint8_t> bytes);

// The limits an entry must keep to be appended (and that Decode enforces): kind is 1..64
// bytes of [a-z0-9_.] starting with a letter, with no empty dotted part; actor and subject at
// most 256 bytes; at most 256 fields, each key 1..64 bytes and each value at most 16 KiB;
// every text well-formed UTF-8; the encoding at most 64 KiB. InvalidArgument naming the
// offending part ("kind", "fields[3].key") otherwise.
Status Validate(const Entry& entry);

inline constexpr std::uint8_t kEntryVersion = 1;
inline constexpr std::size_t kMaxEntryBytes = 64 * 1024;

}  // namespace tb::audit
