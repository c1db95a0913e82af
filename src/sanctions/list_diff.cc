#include "sanctions/list_diff.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace tb::sanctions {

const char* NameSourceName(ListedName::Source source) {
  switch (source) {
    case ListedName::Source::kPrimary:
      return "primary";
    case ListedName::Source::kAlias:
      return "alias";
    case ListedName::Source::kOriginalScript:
      return "original_script";
  }
  return "primary";
}

ListDiff DiffLists(const std::vector<ListedEntry>& previous, const std::vector<ListedEntry>& next) {
  std::map<std::string_view, const ListedEntry*> before;
  for (const ListedEntry& e : previous) before[e.data_id] = &e;
  std::map<std::string_view, const ListedEntry*> after;
  for (const ListedEntry& e : next) after[e.data_id] = &e;
  ListDiff diff;
  for (const auto& [id, entry] : after) {
    auto it = before.find(id);
    if (it == before.end()) {
      diff.added.emplace_back(id);
    } else if (it->second->version_num != entry->version_num ||
               it->second->names != entry->names) {
      diff.changed.emplace_back(id);
    }
  }
  for (const auto& [id, entry] : before) {
    if (!after.contains(id)) diff.removed.emplace_back(id);
  }
  return diff;
}

std::string EntryToJson(const ListedEntry& entry) {
  nlohmann::json names = nlohmann::json::array();
  for (const ListedName& n : entry.names) {
    names.push_back({{"source", NameSourceName(n.source)}, {"text", n.text}, {"quality", n.quality}});
  }
  const nlohmann::json j = {
      {"data_id", entry.data_id},
      {"version_num", entry.version_num},
      {"kind", EntryKindName(entry.kind)},
      {"reference_number", entry.reference_number},
      {"list_type", entry.list_type},
      {"listed_on", entry.listed_on},
      {"names", names},
      {"nationalities", entry.nationalities},
      {"address_countries", entry.address_countries},
      {"country_codes", entry.country_codes},
      {"comments", entry.comments},
  };
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<ListedEntry> EntryFromJson(std::string_view json) {
  try {
    const nlohmann::json j = nlohmann::json::parse(json);
    ListedEntry e;
    e.data_id = j.at("data_id").get<std::string>();
    e.version_num = j.at("version_num").get<std::int64_t>();
    e.kind = j.at("kind").get<std::string>() == "entity" ? EntryKind::kEntity
                                                          : EntryKind::kIndividual;
    e.reference_number = j.at("reference_number").get<std::string>();
    e.list_type = j.at("list_type").get<std::string>();
    e.listed_on = j.at("listed_on").get<std::string>();
    for (const nlohmann::json& n : j.at("names")) {
      const std::string source = n.at("source").get<std::string>();
      e.names.push_back({source == "alias"             ? ListedName::Source::kAlias
                         : source == "original_script" ? ListedName::Source::kOriginalScript
                                                       : ListedName::Source::kPrimary,
                         n.at("text").get<std::string>(), n.at("quality").get<std::string>()});
    }
    if (e.names.empty()) return Status::InvalidArgument("a stored sanctions entry has no names");
    e.nationalities = j.at("nationalities").get<std::vector<std::string>>();
    e.address_countries = j.at("address_countries").get<std::vector<std::string>>();
    e.country_codes = j.at("country_codes").get<std::vector<std::string>>();
    e.comments = j.at("comments").get<std::string>();
    return e;
  } catch (const nlohmann::json::exception& ex) {
    return Status::InvalidArgument(std::string("a stored sanctions entry is not readable: ") +
                                   ex.what());
  }
}

}  // namespace tb::sanctions
