#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "search/unspsc_title_lookup.h"

namespace tb::search {

// Everyday names of UNSPSC commodities that the code titles miss ("solar panels", 口罩), in
// the format of data/unspsc/aliases.tsv: `code <TAB> language <TAB> alias` per line, `#`
// comments and blank lines ignored; for MakeInMemoryUnspscTitleLookup's `aliases`.
// InvalidArgument naming the line for a wrong field count, code, language or an empty alias.
Result<std::vector<UnspscTitle>> ParseUnspscAliases(std::string_view tsv);

// data/unspsc/aliases.tsv as built into the binary (parsed once; the build checks nothing,
// the search tests check that it parses and names codes of the UNGM tree).
const std::vector<UnspscTitle>& BuiltInUnspscAliases();

}  // namespace tb::search
