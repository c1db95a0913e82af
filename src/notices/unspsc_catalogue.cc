#include "notices/unspsc_catalogue.h"

namespace tb::notices {

std::string UnspscEntry::TitleIn(const Language& language) const {
  if (auto it = titles.find(language.code()); it != titles.end() && !it->second.empty()) {
    return it->second;
  }
  if (auto it = titles.find("en"); it != titles.end() && !it->second.empty()) return it->second;
  return titles.empty() ? std::string() : titles.begin()->second;
}

}  // namespace tb::notices
