#include "bench/sanctions/test_cases.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace tb::bench {
namespace {

using sanctions::EntryKind;
using sanctions::ListedEntry;
using sanctions::ListedName;

bool IsAsciiWord(const std::string& w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80 && std::isalpha(static_cast<unsigned char>(c));
  });
}

bool IsLatin(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::vector<std::string> Words(std::string_view name) {
  std::vector<std::string> out;
  const std::string collapsed = text::CollapseWhitespace(name);
  for (std::string_view w : text::Split(collapsed, ' ')) {
    if (!w.empty()) out.emplace_back(w);
  }
  return out;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// One random edit inside `word` (ASCII letters only; first letter kept for short words).
std::string Typo(std::string word, Rng& rng) {
  static const char kLetters[] = "abcdefghijklmnopqrstuvwxyz";
  const bool upper = std::isupper(static_cast<unsigned char>(word[0]));
  char letter = kLetters[rng.Below(26)];
  if (upper) letter = static_cast<char>(std::toupper(letter));
  const std::size_t pos = 1 + rng.Below(word.size() - 1);
  switch (rng.Below(4)) {
    case 0:
      if (word[pos] == letter) letter = letter == 'x' || letter == 'X' ? 'q' : 'x';
      word[pos] = letter;
      break;
    case 1:
      word.erase(pos, 1);
      break;
    case 2:
      word.insert(pos, 1, letter);
      break;
    default:
      if (pos + 1 < word.size() && word[pos] != word[pos + 1]) {
        std::swap(word[pos], word[pos + 1]);
      } else {
        word.erase(pos, 1);
      }
      break;
  }
  return word;
}

// Indexes of words long enough to carry a typo (4+ ASCII letters).
std::vector<std::size_t> TypoSlots(const std::vector<std::string>& words) {
  std::vector<std::size_t> slots;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].size() >= 4 && IsAsciiWord(words[i])) slots.push_back(i);
  }
  return slots;
}

}  // namespace

std::uint64_t Rng::Next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::vector<ScreeningCase> MakeListedCases(const sanctions::SanctionsList& list,
                                           std::uint64_t seed) {
  Rng rng(seed);
  std::vector<ScreeningCase> cases;
  static const char* kLegalForms[] = {"Ltd", "LLC", "Co., Ltd.", "GmbH", "S.A.", "OOO", "Inc."};
  for (const ListedEntry& entry : list.entries) {
    const std::string& primary = entry.primary_name();
    if (!IsLatin(primary)) continue;
    std::vector<std::string> words = Words(primary);
    std::vector<std::size_t> slots = TypoSlots(words);
    if (!slots.empty()) {
      std::vector<std::string> w = words;
      const std::size_t i = slots[rng.Below(slots.size())];
      w[i] = Typo(w[i], rng);
      cases.push_back({"typo", Join(w), entry.data_id});
    }
    if (slots.size() >= 2 && words.size() >= 3) {
      std::vector<std::string> w = words;
      const std::size_t a = rng.Below(slots.size());
      std::size_t b = rng.Below(slots.size() - 1);
      if (b >= a) ++b;
      w[slots[a]] = Typo(w[slots[a]], rng);
      w[slots[b]] = Typo(w[slots[b]], rng);
      cases.push_back({"two_typos", Join(w), entry.data_id});
    }
    if (words.size() >= 2) {
      std::vector<std::string> w = words;
      for (int attempt = 0; attempt < 5 && w == words; ++attempt) {
        for (std::size_t i = w.size() - 1; i > 0; --i) std::swap(w[i], w[rng.Below(i + 1)]);
      }
      if (w != words) cases.push_back({"reorder", Join(w), entry.data_id});
    }
    if (entry.kind == EntryKind::kIndividual && words.size() >= 4) {
      std::vector<std::string> w = words;
      w.erase(w.begin() + 1 + static_cast<std::ptrdiff_t>(rng.Below(w.size() - 2)));
      cases.push_back({"dropped_middle", Join(w), entry.data_id});
    }
    std::vector<const ListedName*> aliases;
    for (const ListedName& n : entry.names) {
      if (n.source == ListedName::Source::kAlias && IsLatin(n.text) && !TypoSlots(Words(n.text)).empty()) {
        aliases.push_back(&n);
      }
    }
    if (!aliases.empty()) {
      std::vector<std::string> w = Words(aliases[rng.Below(aliases.size())]->text);
      const std::vector<std::size_t> s = TypoSlots(w);
      const std::size_t i = s[rng.Below(s.size())];
      w[i] = Typo(w[i], rng);
      cases.push_back({"alias_typo", Join(w), entry.data_id});
    }
    if (entry.kind == EntryKind::kEntity) {
      std::string name = text::ToLowerAscii(primary);
      for (std::size_t i = 0; i < name.size(); ++i) {
        if (i == 0 || name[i - 1] == ' ') name[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[i])));
      }
      cases.push_back({"legal_form", name + " " + kLegalForms[rng.Below(std::size(kLegalForms))], entry.data_id});
    }
    for (const ListedName& n : entry.names) {
      if (n.source == ListedName::Source::kOriginalScript) {
        cases.push_back({"original_script", n.text, entry.data_id, true});
      } else if (n.source == ListedName::Source::kAlias && !IsLatin(n.text)) {
        // Lead bytes E4-E9 start the CJK Unified Ideographs block.
        const bool han = std::any_of(n.text.begin(), n.text.end(), [](char c) {
          const auto b = static_cast<unsigned char>(c);
          return b >= 0xE4 && b <= 0xE9;
        });
        cases.push_back({han ? "chinese" : "original_script", n.text, entry.data_id, true});
      }
    }
  }
  return cases;
}

}  // namespace tb::bench
