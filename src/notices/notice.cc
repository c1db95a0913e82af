#include "notices/notice.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "core/text.h"
#include "notices/notice_json.h"

namespace tb::notices {
namespace {

constexpr std::array<std::pair<NoticeType, std::string_view>, 8> kTypeNames{{
    {NoticeType::kRequestForQuotation, "rfq"},
    {NoticeType::kInvitationToBid, "itb"},
    {NoticeType::kRequestForProposal, "rfp"},
    {NoticeType::kExpressionOfInterest, "eoi"},
    {NoticeType::kRequestForInformation, "rfi"},
    {NoticeType::kIndividualConsultant, "individual_consultant"},
    {NoticeType::kGrant, "grant"},
    {NoticeType::kOther, "other"},
}};

constexpr std::array<std::pair<NoticeStatus, std::string_view>, 7> kStatusNames{{
    {NoticeStatus::kPlanning, "planning"},
    {NoticeStatus::kPlanned, "planned"},
    {NoticeStatus::kActive, "active"},
    {NoticeStatus::kCancelled, "cancelled"},
    {NoticeStatus::kUnsuccessful, "unsuccessful"},
    {NoticeStatus::kComplete, "complete"},
    {NoticeStatus::kWithdrawn, "withdrawn"},
}};

template <typename T>
void SortUnique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

void TrimInPlace(std::string& s) { s = std::string(text::Trim(s)); }

template <typename T, typename Key>
void AppendNew(std::vector<T>& into, const std::vector<T>& from, Key key) {
  for (const T& item : from) {
    const bool seen = std::any_of(into.begin(), into.end(),
                                  [&](const T& existing) { return key(existing) == key(item); });
    if (!seen) into.push_back(item);
  }
}

}  // namespace

std::string_view NoticeTypeName(NoticeType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "other";
}

std::optional<NoticeType> NoticeTypeFromName(std::string_view name) {
  for (const auto& [t, n] : kTypeNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::string_view NoticeStatusName(NoticeStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "active";
}

std::optional<NoticeStatus> NoticeStatusFromName(std::string_view name) {
  for (const auto& [s, n] : kStatusNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

void Normalize(Notice& notice) {
  TrimInPlace(notice.public_id);
  TrimInPlace(notice.reference);
  TrimInPlace(notice.title.text);
  TrimInPlace(notice.description.text);
  TrimInPlace(notice.buyer);
  for (std::string& c : notice.countries) c = text::ToUpperAscii(text::Trim(c));
  std::erase_if(notice.countries, [](const std::string& c) { return c.empty(); });
  SortUnique(notice.countries);
  SortUnique(notice.unspsc);
}

std::string Fingerprint(const Notice& notice) {
  Notice copy = notice;
  copy.id = NoticeId{};
  const std::string canonical = NoticeToJsonString(copy);
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size(),
                     nullptr, 0);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (unsigned char b : digest) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 15]);
  }
  return hex;
}

Notice Merge(Notice current, const Notice& incoming) {
  const auto take = [](std::string& into, const std::string& from) {
    if (!from.empty()) into = from;
  };
  take(current.public_id, incoming.public_id);
  take(current.reference, incoming.reference);
  if (!incoming.title.text.empty()) current.title = incoming.title;
  if (!incoming.description.text.empty()) current.description = incoming.description;
  take(current.buyer, incoming.buyer);
  take(current.buyer_id, incoming.buyer_id);
  if (incoming.type != NoticeType::kOther) current.type = incoming.type;
  current.status = incoming.status;
  take(current.procurement_method, incoming.procurement_method);
  take(current.main_category, incoming.main_category);
  if (incoming.published) current.published = incoming.published;
  if (incoming.deadline) current.deadline = incoming.deadline;
  take(current.deadline_time_zone, incoming.deadline_time_zone);
  current.countries.insert(current.countries.end(), incoming.countries.begin(),
                           incoming.countries.end());
  current.unspsc.insert(current.unspsc.end(), incoming.unspsc.begin(), incoming.unspsc.end());
  if (!incoming.lots.empty()) current.lots = incoming.lots;
  if (incoming.estimated_value) current.estimated_value = incoming.estimated_value;
  AppendNew(current.documents, incoming.documents,
            [](const Document& d) { return d.id.empty() ? d.url : d.id; });
  if (incoming.contact != Contact{}) current.contact = incoming.contact;
  take(current.source, incoming.source);
  take(current.source_url, incoming.source_url);
  AppendNew(current.amendments, incoming.amendments, [](const Amendment& a) { return a.id; });
  if (incoming.updated && (!current.updated || *incoming.updated > *current.updated)) {
    current.updated = incoming.updated;
  }
  Normalize(current);
  return current;
}

}  // namespace tb::notices
