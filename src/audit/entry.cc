// The canonical entry encoding (docs/audit-log.md, "Entry encoding"): fixed-width big-endian
// integers and length-prefixed byte strings, so every entry has exactly one encoding.
#include "audit/entry.h"

#include "core/text.h"

namespace tb::audit {
namespace {

constexpr std::size_t kMaxKindBytes = 64;
constexpr std::size_t kMaxNameBytes = 256;  // actor, subject
constexpr std::size_t kMaxFields = 256;
constexpr std::size_t kMaxKeyBytes = 64;
constexpr std::size_t kMaxValueBytes = 16 * 1024;

void PutU32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void PutU64(std::vector<std::uint8_t>& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void PutString(std::vector<std::uint8_t>& out, std::string_view s) {
  PutU32(out, static_cast<std::uint32_t>(s.size()));
  out.insert(out.end(), s.begin(), s.end());
}

bool ValidKind(std::string_view kind) {
  if (kind.empty() || kind.size() > kMaxKindBytes) return false;
  if (kind.front() < 'a' || kind.front() > 'z') return false;
  char previous = 0;
  for (char c : kind) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    if (!ok || (c == '.' && previous == '.')) return false;
    previous = c;
  }
  return kind.back() != '.';
}

// Reads the encoding front to back; every read fails once the bytes run out.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  bool U8(std::uint8_t& v) {
    if (bytes_.size() < 1) return false;
    v = bytes_[0];
    bytes_ = bytes_.subspan(1);
    return true;
  }
  bool U32(std::uint32_t& v) {
    if (bytes_.size() < 4) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | bytes_[i];
    bytes_ = bytes_.subspan(4);
    return true;
  }
  bool U64(std::uint64_t& v) {
    if (bytes_.size() < 8) return false;
    v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | bytes_[i];
    bytes_ = bytes_.subspan(8);
    return true;
  }
  bool String(std::string& s, std::size_t max) {
    std::uint32_t n = 0;
    if (!U32(n) || n > max || bytes_.size() < n) return false;
    s.assign(reinterpret_cast<const char*>(bytes_.data()), n);
    bytes_ = bytes_.subspan(n);
    return true;
  }
  bool AtEnd() const { return bytes_.empty(); }

 private:
  std::span<const std::uint8_t> bytes_;
};

Status Bad(std::string message, std::string field) {
  return Status::InvalidArgument("audit entry: " + std::move(message)).WithField(std::move(field));
}

}  // namespace

std::vector<std::uint8_t> Encode(const Entry& entry) {
  std::vector<std::uint8_t> out;
  out.push_back(kEntryVersion);
  PutString(out, entry.kind);
  PutU64(out, static_cast<std::uint64_t>(entry.at.micros()));
  PutString(out, entry.actor);
  PutString(out, entry.subject);
  PutU32(out, static_cast<std::uint32_t>(entry.fields.size()));
  for (const auto& [key, value] : entry.fields) {
    PutString(out, key);
    PutString(out, value);
  }
  return out;
}

Status Validate(const Entry& entry) {
  if (!ValidKind(entry.kind)) {
    return Bad(
        "kind must be 1..64 characters of a-z, 0-9, '_' and '.', starting with a letter, "
        "without empty parts: \"" +
            text::SanitizeUtf8(entry.kind.substr(0, 80)) + "\"",
        "kind");
  }
  if (entry.actor.size() > kMaxNameBytes || !text::IsValidUtf8(entry.actor)) {
    return Bad("actor must be at most 256 bytes of UTF-8", "actor");
  }
  if (entry.subject.size() > kMaxNameBytes || !text::IsValidUtf8(entry.subject)) {
    return Bad("subject must be at most 256 bytes of UTF-8", "subject");
  }
  if (entry.fields.size() > kMaxFields) return Bad("more than 256 fields", "fields");
  std::size_t total =
      1 + 4 + entry.kind.size() + 8 + 4 + entry.actor.size() + 4 + entry.subject.size() + 4;
  for (std::size_t i = 0; i < entry.fields.size(); ++i) {
    const auto& [key, value] = entry.fields[i];
    const std::string where = "fields[" + std::to_string(i) + "]";
    if (key.empty() || key.size() > kMaxKeyBytes || !text::IsValidUtf8(key)) {
      return Bad("a field key must be 1..64 bytes of UTF-8", where + ".key");
    }
    if (value.size() > kMaxValueBytes || !text::IsValidUtf8(value)) {
      return Bad("a field value must be at most 16 KiB of UTF-8 (field \"" + key + "\")",
                 where + ".value");
    }
    total += 8 + key.size() + value.size();
  }
  if (total > kMaxEntryBytes) return Bad("the encoded entry exceeds 64 KiB", "fields");
  return Status::Ok();
}

Result<Entry> Decode(std::span<const std::uint8_t> bytes) {
  if (bytes.size() > kMaxEntryBytes) return Bad("longer than 64 KiB", "entry");
  Reader in(bytes);
  std::uint8_t version = 0;
  if (!in.U8(version)) return Bad("empty", "entry");
  if (version != kEntryVersion) {
    return Bad("unknown version " + std::to_string(version), "version");
  }
  Entry entry;
  std::uint64_t at = 0;
  std::uint32_t count = 0;
  if (!in.String(entry.kind, kMaxKindBytes)) return Bad("truncated or oversized kind", "kind");
  if (!in.U64(at)) return Bad("truncated time", "at");
  entry.at = Timestamp::FromMicros(static_cast<std::int64_t>(at));
  if (!in.String(entry.actor, kMaxNameBytes)) return Bad("truncated or oversized actor", "actor");
  if (!in.String(entry.subject, kMaxNameBytes)) {
    return Bad("truncated or oversized subject", "subject");
  }
  if (!in.U32(count) || count > kMaxFields) return Bad("bad field count", "fields");
  entry.fields.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string key;
    std::string value;
    if (!in.String(key, kMaxKeyBytes) || !in.String(value, kMaxValueBytes)) {
      return Bad("truncated or oversized field " + std::to_string(i),
                 "fields[" + std::to_string(i) + "]");
    }
    entry.fields.emplace_back(std::move(key), std::move(value));
  }
  if (!in.AtEnd()) return Bad("trailing bytes after the last field", "entry");
  TB_RETURN_IF_ERROR(Validate(entry));
  return entry;
}

}  // namespace tb::audit
