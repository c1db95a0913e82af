#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"

namespace tb::notices::importers {

// Country names and codes to ISO 3166-1 alpha-2, from Debian's iso-codes JSON
// (/usr/share/iso-codes/json/iso_3166-1.json) read at run time, plus a few spellings that
// real procurement data uses and iso-codes lacks ("Viet Nam", "Tanzania", accents).
// Immutable after construction; thread-safe.
class CountryCodes {
 public:
  static constexpr std::string_view kDefaultPath = "/usr/share/iso-codes/json/iso_3166-1.json";

  // Parses the iso-codes JSON text. InvalidArgument when it is not that document.
  static Result<CountryCodes> FromJson(std::string_view json);
  // Loads kDefaultPath once per process. FailedPrecondition (naming the package to install)
  // when the file is missing.
  static Result<const CountryCodes*> Default();

  // The alpha-2 code for a name (short, official or common, any case), an alpha-2 or an
  // alpha-3 code; nullopt when unknown.
  std::optional<std::string> Lookup(std::string_view name_or_code) const;

 private:
  std::unordered_map<std::string, std::string> by_key_;  // folded key -> alpha-2
};

}  // namespace tb::notices::importers
