#include "core/language.h"

#include <array>
#include <cctype>
#include <utility>

namespace tb {
namespace {

// ISO 639-2 codes seen in procurement data, mapped to ISO 639-1.
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kThreeLetter{{
    {"eng", "en"}, {"fra", "fr"}, {"fre", "fr"}, {"spa", "es"}, {"zho", "zh"}, {"chi", "zh"},
    {"ara", "ar"}, {"rus", "ru"}, {"por", "pt"}, {"ukr", "uk"}, {"hye", "hy"},
}};

}  // namespace

Language Language::FromTag(std::string_view tag) {
  std::string primary;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    if (!std::isalpha(static_cast<unsigned char>(c))) return Language();
    primary.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (primary.size() == 2) return Language(primary);
  if (primary.size() == 3) {
    for (const auto& [three, two] : kThreeLetter) {
      if (three == primary) return Language(std::string(two));
    }
    return Language(primary);
  }
  return Language();
}

bool Language::IsUnLanguage() const {
  return code_ == "en" || code_ == "fr" || code_ == "es" || code_ == "zh" || code_ == "ar" ||
         code_ == "ru";
}

}  // namespace tb
