#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/timestamp.h"

namespace tb::sanctions {

enum class EntryKind { kIndividual, kEntity };

// "individual" / "entity".
const char* EntryKindName(EntryKind kind);

// One name under which an entry is listed. The primary name is the entry's FIRST_NAME ...
// FOURTH_NAME joined; aliases carry the list's QUALITY ("Good", "Low", "a.k.a.", "f.k.a.");
// original-script names (NAME_ORIGINAL_SCRIPT) are in Arabic, Cyrillic or Han script.
struct ListedName {
  enum class Source { kPrimary, kAlias, kOriginalScript };
  Source source = Source::kPrimary;
  std::string text;
  std::string quality;  // aliases only

  bool operator==(const ListedName&) const = default;
};

// One entry of the UN Security Council Consolidated List.
struct ListedEntry {
  std::string data_id;       // DATAID: stable across list versions
  std::int64_t version_num = 0;  // VERSIONNUM: grows when the UN amends the entry
  EntryKind kind = EntryKind::kIndividual;
  std::string reference_number;  // "QDi.400", "KPe.001"
  std::string list_type;         // UN_LIST_TYPE: the regime ("DPRK", "Al-Qaida")
  std::string listed_on;         // "2001-02-23" as published
  std::vector<ListedName> names;  // names[0] is the primary name
  std::vector<std::string> nationalities;      // as published ("Afghanistan")
  std::vector<std::string> address_countries;  // as published
  // ISO 3166-1 alpha-2 codes of the nationalities and address countries that the reader's
  // country resolver knew; sorted, unique.
  std::vector<std::string> country_codes;
  std::string comments;

  const std::string& primary_name() const { return names.front().text; }
  bool operator==(const ListedEntry&) const = default;
};

// A whole list as published: its own generation time, the SHA-256 of the exact bytes read,
// and the entries in document order (individuals, then entities).
struct SanctionsList {
  std::string date_generated;  // the dateGenerated attribute as published
  Timestamp generated_at;      // the same instant in UTC
  std::string sha256;          // lower-case hex of the file's bytes
  std::vector<ListedEntry> entries;

  std::int64_t individual_count() const;
  std::int64_t entity_count() const;
};

}  // namespace tb::sanctions
