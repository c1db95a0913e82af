#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "sanctions/sanctions_list.h"

namespace tb::sanctions {

// Maps a country as the list publishes it ("Iran (Islamic Republic of)", "Afghanistan") to
// ISO 3166-1 alpha-2, or nullopt when unknown. The engine does no I/O, so the caller
// supplies it (app/ passes Debian's iso-codes table).
using CountryResolver = std::function<std::optional<std::string>(std::string_view)>;

struct ReaderOptions {
  // Files larger than this are refused before parsing. The 2024 list is 2.2 MB.
  std::size_t max_bytes = std::size_t{64} << 20;
  CountryResolver country_code;  // may be empty: entries then have no country codes
};

// Reads the UN Security Council Consolidated List XML (root CONSOLIDATED_LIST) from the
// exact bytes of the file. The parser is libxml2 with network access, DTD loading and entity
// substitution off, and any document that declares a DTD or an entity is refused before it
// is parsed (AS-24: XXE, billion laughs). The text must be UTF-8.
//
// InvalidArgument, naming the problem, for: a file over `max_bytes`; a DOCTYPE or ENTITY
// declaration; XML that is not well-formed (a truncated download); another root element; a
// missing or unreadable dateGenerated; an entry without DATAID or without any name; a list
// with no entries. Never returns a partial list: screening against part of the list could
// clear someone listed in the missing part (ET-14).
Result<SanctionsList> ReadConsolidatedList(std::string_view xml, const ReaderOptions& options = {});

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace tb::sanctions
