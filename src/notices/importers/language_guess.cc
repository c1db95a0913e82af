#include "notices/importers/language_guess.h"

#include <array>
#include <cctype>
#include <string>

namespace tb::notices::importers {
namespace {

struct Profile {
  std::string_view code;
  std::array<std::string_view, 24> words;  // empty entries are unused
  std::array<std::string_view, 4> letters;  // UTF-8 letters mostly used by this language
};

// Stop words chosen to separate the four languages of UNGM titles; words shared by two
// languages ("de", "a", "para") count for both, so distinct words decide.
constexpr std::array<Profile, 4> kProfiles{{
    {"en", {"the", "of", "and", "for", "to", "in", "with", "on", "services", "supply", "by",
            "from", "at", "provision", "development", "support", "an", "or", "design"},
     {}},
    {"fr", {"de", "la", "le", "les", "des", "du", "et", "pour", "une", "un", "d", "l", "au",
            "aux", "en", "dans", "sur", "par", "avec", "fourniture", "travaux", "services"},
     {"è", "ê", "à", "ç"}},
    {"es", {"de", "la", "el", "los", "las", "del", "y", "para", "en", "con", "por", "una",
            "un", "a", "al", "lo", "servicios", "adquisición", "suministro", "contratación"},
     {"ñ", "ó", "í"}},
    {"pt", {"de", "da", "do", "das", "dos", "e", "para", "com", "em", "no", "na", "uma",
            "um", "a", "o", "os", "serviços", "aquisição", "fornecimento"},
     {"ã", "õ", "ç"}},
}};

}  // namespace

Language GuessTitleLanguage(std::string_view text) {
  std::array<int, kProfiles.size()> score{};
  std::string word;
  const auto flush = [&] {
    if (word.empty()) return;
    for (std::size_t i = 0; i < kProfiles.size(); ++i) {
      for (std::string_view w : kProfiles[i].words) {
        if (!w.empty() && w == word) score[i] += 2;
      }
    }
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalpha(c)) {
      word.push_back(static_cast<char>(std::tolower(c)));
    } else if (c >= 0x80) {
      word.push_back(static_cast<char>(c));  // keep accented letters inside words
    } else {
      flush();
    }
  }
  flush();
  for (std::size_t i = 0; i < kProfiles.size(); ++i) {
    for (std::string_view letter : kProfiles[i].letters) {
      if (!letter.empty() && text.find(letter) != std::string_view::npos) score[i] += 1;
    }
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < score.size(); ++i) {
    if (score[i] > score[best]) best = i;
  }
  if (score[best] == 0) return Language();
  for (std::size_t i = 0; i < score.size(); ++i) {
    if (i != best && score[i] == score[best]) return Language();
  }
  return Language::FromTag(kProfiles[best].code);
}

}  // namespace tb::notices::importers
