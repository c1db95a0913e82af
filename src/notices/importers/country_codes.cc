#include "notices/importers/country_codes.h"

#include <simdjson.h>

#include <cctype>
#include <fstream>
#include <mutex>
#include <sstream>

#include "core/text.h"

namespace tb::notices::importers {
namespace {

// Lower-cases ASCII, folds the common Latin accents, and keeps letters and digits only,
// so "Côte d'Ivoire", "COTE D IVOIRE" and "cote divoire" meet.
std::string Fold(std::string_view s) {
  static const std::pair<std::string_view, char> kAccents[] = {
      {"á", 'a'}, {"à", 'a'}, {"â", 'a'}, {"ã", 'a'}, {"ä", 'a'}, {"å", 'a'}, {"é", 'e'},
      {"è", 'e'}, {"ê", 'e'}, {"ë", 'e'}, {"í", 'i'}, {"ì", 'i'}, {"î", 'i'}, {"ï", 'i'},
      {"ó", 'o'}, {"ò", 'o'}, {"ô", 'o'}, {"õ", 'o'}, {"ö", 'o'}, {"ú", 'u'}, {"ù", 'u'},
      {"û", 'u'}, {"ü", 'u'}, {"ç", 'c'}, {"ñ", 'n'}, {"É", 'e'}, {"Ô", 'o'}, {"Í", 'i'},
      {"Á", 'a'}, {"Ó", 'o'}, {"Ú", 'u'}, {"Ñ", 'n'}, {"Ç", 'c'}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
      ++i;
      continue;
    }
    bool folded = false;
    for (const auto& [from, to] : kAccents) {
      if (s.substr(i, from.size()) == from) {
        out.push_back(to);
        i += from.size();
        folded = true;
        break;
      }
    }
    if (!folded) out.push_back(s[i++]);
  }
  return out;
}

constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
    {"Viet Nam", "VN"},          {"Vietnam", "VN"},
    {"Tanzania", "TZ"},          {"Bolivia", "BO"},
    {"Iran", "IR"},              {"Syria", "SY"},
    {"Laos", "LA"},              {"Moldova", "MD"},
    {"Russia", "RU"},            {"South Korea", "KR"},
    {"North Korea", "KP"},       {"Democratic Republic of the Congo", "CD"},
    {"DR Congo", "CD"},          {"Republic of the Congo", "CG"},
    {"Ivory Coast", "CI"},       {"Turkey", "TR"},
    {"Kosovo", "XK"},            {"UK", "GB"},
    {"USA", "US"},               {"United States of America", "US"},
    {"State of Palestine", "PS"}, {"Palestine", "PS"},
    {"Venezuela", "VE"},         {"Micronesia", "FM"},
    {"Cape Verde", "CV"},        {"Swaziland", "SZ"},
    {"Macedonia", "MK"},         {"Czech Republic", "CZ"},
    {"México", "MX"},            {"Україна", "UA"},
    {"Հայաստան", "AM"},
};

}  // namespace

Result<CountryCodes> CountryCodes::FromJson(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json.data(), json.size(), true).get(doc) != simdjson::SUCCESS) {
    return Status::InvalidArgument("the ISO 3166-1 file is not JSON");
  }
  simdjson::dom::array list;
  if (doc["3166-1"].get_array().get(list) != simdjson::SUCCESS) {
    return Status::InvalidArgument("the ISO 3166-1 file has no \"3166-1\" list");
  }
  CountryCodes codes;
  for (simdjson::dom::element country : list) {
    std::string_view alpha2;
    if (country["alpha_2"].get_string().get(alpha2) != simdjson::SUCCESS) continue;
    for (const char* key : {"alpha_2", "alpha_3", "name", "official_name", "common_name"}) {
      std::string_view value;
      if (country[key].get_string().get(value) == simdjson::SUCCESS) {
        codes.by_key_.emplace(Fold(value), std::string(alpha2));
      }
    }
  }
  if (codes.by_key_.empty()) return Status::InvalidArgument("the ISO 3166-1 file lists no countries");
  for (const auto& [name, code] : kAliases) codes.by_key_.emplace(Fold(name), std::string(code));
  return codes;
}

Result<const CountryCodes*> CountryCodes::Default() {
  static std::once_flag once;
  static Result<CountryCodes>* loaded = nullptr;
  std::call_once(once, [] {
    std::ifstream in{std::string(kDefaultPath), std::ios::binary};
    if (!in) {
      loaded = new Result<CountryCodes>(Status::FailedPrecondition(
          "country names cannot be mapped: /usr/share/iso-codes/json/iso_3166-1.json is "
          "missing (install Debian's iso-codes package)"));
      return;
    }
    std::stringstream text;
    text << in.rdbuf();
    loaded = new Result<CountryCodes>(FromJson(text.str()));
  });
  if (!loaded->ok()) return loaded->status();
  return &loaded->value();
}

std::optional<std::string> CountryCodes::Lookup(std::string_view name_or_code) const {
  const std::string key = Fold(text::Trim(name_or_code));
  if (key.empty()) return std::nullopt;
  const auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

}  // namespace tb::notices::importers
