#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "sanctions/sanctions_list.h"

namespace tb::sanctions {

// What changed from one list version to the next, by DATAID (sorted DATAIDs in each).
// "changed" means the entry is in both and its VERSIONNUM differs or, with the same
// VERSIONNUM, its names differ (names are what screening compares).
struct ListDiff {
  std::vector<std::string> added;
  std::vector<std::string> removed;
  std::vector<std::string> changed;

  bool empty() const { return added.empty() && removed.empty() && changed.empty(); }
};

ListDiff DiffLists(const std::vector<ListedEntry>& previous, const std::vector<ListedEntry>& next);

// The entry as a JSON object (the stored form and the evidence shown to reviewers):
// {"data_id","version_num","kind","reference_number","list_type","listed_on",
//  "names":[{"source":"primary|alias|original_script","text","quality"}],
//  "nationalities":[],"address_countries":[],"country_codes":[],"comments"}.
std::string EntryToJson(const ListedEntry& entry);
// InvalidArgument when `json` is not such an object.
Result<ListedEntry> EntryFromJson(std::string_view json);

const char* NameSourceName(ListedName::Source source);

}  // namespace tb::sanctions
