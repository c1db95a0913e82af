#include "search/unspsc_title_lookup.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "search/internal/text_analysis.h"

namespace tb::search {
namespace {

using internal::Fold;

// Words that carry no product meaning in titles ("Kits d'outils pour batterie").
const std::unordered_set<std::string>& StopWords() {
  static const auto* words = new std::unordered_set<std::string>{
      // en
      "and", "or", "of", "for", "the", "a", "an", "in", "on", "with", "to", "by", "other",
      "not", "non", "its", "related", "products", "equipment", "supplies", "accessories",
      "services", "service", "parts", "materials", "material", "systems", "system",
      // fr
      "de", "des", "du", "la", "le", "les", "et", "ou", "pour", "en", "au", "aux", "un", "une",
      "avec", "sur", "par", "autre", "autres", "l", "d", "produits", "equipement",
      "equipements", "fournitures", "accessoires", "materiel", "pieces", "systemes", "systeme",
      // es, pt
      "del", "las", "el", "los", "y", "o", "para", "con", "por", "otros", "otras", "al", "da",
      "do", "das", "dos", "e", "em", "um", "uma", "outros", "productos", "equipo", "equipos",
      "suministros", "accesorios", "materiales", "sistemas", "sistema", "produtos",
      "equipamentos", "acessorios", "suprimentos"};
  return *words;
}

bool IsHanWord(std::string_view w) { return internal::ContainsHan(w); }

// Folded, stemmed content words of Latin-script text in `language`.
std::vector<std::string> ContentStems(std::string_view text, const Xapian::Stem& stemmer) {
  std::vector<std::string> stems;
  for (std::string& word : internal::Words(Fold(text))) {
    // "d'ordinateur" -> "ordinateur".
    for (const char* apostrophe : {"'", "\xE2\x80\x99"}) {
      std::size_t at = word.rfind(apostrophe);
      if (at != std::string::npos) word = word.substr(at + std::string_view(apostrophe).size());
    }
    if (word.size() < 2 || IsHanWord(word) || StopWords().count(word) > 0) continue;
    std::string stem = stemmer(word);
    if (std::find(stems.begin(), stems.end(), stem) == stems.end()) stems.push_back(stem);
  }
  return stems;
}

// Character bigrams of the Han runs of `text` (as UTF-8 strings).
std::vector<std::string> HanBigrams(std::string_view text, std::string* han_only) {
  std::vector<std::string> chars;
  std::vector<std::string> bigrams;
  auto flush = [&] {
    for (std::size_t i = 0; i + 1 < chars.size(); ++i) {
      std::string b = chars[i] + chars[i + 1];
      if (std::find(bigrams.begin(), bigrams.end(), b) == bigrams.end()) bigrams.push_back(b);
    }
    chars.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    std::string ch(text.substr(i, len));
    i += len;
    if (IsHanWord(ch)) {
      chars.push_back(ch);
      if (han_only) *han_only += ch;
    } else {
      flush();
    }
  }
  flush();
  return bigrams;
}

// The longest common substring of a and b, on whole UTF-8 characters (short strings).
std::string LongestCommon(const std::string& a, const std::string& b) {
  std::string best;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if ((static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) continue;
    for (std::size_t j = 0; j < b.size(); ++j) {
      std::size_t k = 0;
      while (i + k < a.size() && j + k < b.size() && a[i + k] == b[j + k]) ++k;
      while (k > 0 && i + k < a.size() && (static_cast<unsigned char>(a[i + k]) & 0xC0) == 0x80) --k;
      if (k > best.size()) best = a.substr(i, k);
    }
  }
  return best;
}

struct Entry {
  UnspscCode code;
  Language language;
  std::string title;
  std::vector<std::string> units;  // content stems, or Han bigrams for zh
  std::string han;                 // zh: the title's Han characters
};

class InMemoryLookup final : public UnspscTitleLookup {
 public:
  InMemoryLookup(std::vector<UnspscTitle> titles, std::vector<UnspscTitle> aliases) {
    for (const UnspscTitle& t : titles) {
      if (!t.title.empty()) by_code_[t.code.value()][t.language.code()] = t.title;
    }
    for (const UnspscTitle& a : aliases) {
      if (!a.title.empty()) aliases_[a.code.value()][a.language.code()].push_back(a.title);
    }
    const std::size_t first_alias = titles.size();
    titles.insert(titles.end(), std::make_move_iterator(aliases.begin()),
                  std::make_move_iterator(aliases.end()));
    const Xapian::Stem english(internal::StemmerName(Language::English()));
    for (std::size_t i = 0; i < titles.size(); ++i) {
      UnspscTitle& t = titles[i];
      const bool alias = i >= first_alias;
      if (t.title.empty()) continue;
      // Segments are too broad to expand a query with.
      if (t.code.level() == UnspscCode::Level::kSegment) continue;
      Entry e{t.code, t.language, std::move(t.title), {}, {}};
      if (t.language == Language::Chinese()) {
        e.units = HanBigrams(e.title, &e.han);
      } else if (std::string lang = t.language.code();
                 lang == "en" || lang == "fr" || lang == "es" || lang == "pt") {
        e.units = ContentStems(e.title, Stemmer(t.language));
        // Some v7 translations are cut short or wrong ("ordinateur" for "Medical computed
        // tomography CT or CAT monitors"): a translation with under half the English title's
        // content words is not trusted for expansion.
        if (lang != "en" && !alias) {
          const std::size_t english_words = ContentStems(TitleOf(t.code, Language::English()), english).size();
          if (2 * e.units.size() < english_words) continue;
        }
      } else {
        continue;
      }
      if (e.units.empty()) continue;
      const std::size_t index = entries_.size();
      for (const std::string& unit : e.units) postings_[Key(e.language, unit)].push_back(index);
      entries_.push_back(std::move(e));
    }
  }

  std::vector<ExpansionCandidate> Match(std::string_view raw_query, int limit) const override {
    const std::string query = internal::CleanText(raw_query, 1024);
    std::map<std::uint32_t, ExpansionCandidate> best;  // by code
    auto consider = [&best](const Entry& e, double score, std::string matched) {
      auto [it, inserted] = best.try_emplace(e.code.value());
      if (inserted || score > it->second.score) {
        it->second = ExpansionCandidate{e.code, e.language, e.title, std::move(matched), score};
      }
    };
    if (internal::ContainsHan(query)) {
      std::string query_han;
      const std::vector<std::string> q = HanBigrams(query, &query_han);
      for (std::size_t index : Candidates(Language::Chinese(), q)) {
        const Entry& e = entries_[index];
        const std::size_t shared = Shared(q, e.units);
        const double dice = 2.0 * shared / static_cast<double>(q.size() + e.units.size());
        if (query_han.find(e.han) != std::string::npos) {
          consider(e, 1.0 + static_cast<double>(e.han.size()) / query_han.size(), e.han);
        } else if (dice >= 0.5 && shared >= 2) {
          consider(e, dice, LongestCommon(query_han, e.han));
        }
      }
    } else {
      for (const Language& language :
           {Language::French(), Language::Spanish(), Language::English(), Language::Portuguese()}) {
        const std::vector<std::string> q = ContentStems(query, Stemmer(language));
        if (q.empty()) continue;
        for (std::size_t index : Candidates(language, q)) {
          const Entry& e = entries_[index];
          const std::size_t shared = Shared(q, e.units);
          if (shared == e.units.size()) {
            // The query names the whole title.
            consider(e, 1.0 + static_cast<double>(shared) / q.size(), e.title);
          } else if (shared == q.size() && q.size() >= 2 && e.units.size() <= q.size() + 1) {
            // The title is the query plus at most one more word.
            consider(e, static_cast<double>(shared) / e.units.size(), e.title);
          }
        }
      }
    }
    std::vector<ExpansionCandidate> out;
    for (auto& [code, candidate] : best) out.push_back(std::move(candidate));
    std::sort(out.begin(), out.end(), [](const ExpansionCandidate& a, const ExpansionCandidate& b) {
      if (a.score != b.score) return a.score > b.score;
      if (a.code.level() != b.code.level()) return a.code.level() < b.code.level();
      return a.code < b.code;
    });
    if (static_cast<int>(out.size()) > std::max(0, limit)) out.resize(std::max(0, limit));
    return out;
  }

  std::string TitleOf(UnspscCode code, const Language& language) const override {
    auto it = by_code_.find(code.value());
    if (it == by_code_.end()) return {};
    for (const std::string& lang : {language.code(), std::string("en")}) {
      auto title = it->second.find(lang);
      if (title != it->second.end()) return title->second;
    }
    return it->second.empty() ? std::string() : it->second.begin()->second;
  }

  std::vector<std::string> AliasesOf(UnspscCode code, const Language& language) const override {
    auto it = aliases_.find(code.value());
    if (it == aliases_.end()) return {};
    auto names = it->second.find(language.code());
    return names == it->second.end() ? std::vector<std::string>{} : names->second;
  }

 private:
  static Xapian::Stem Stemmer(const Language& language) {
    return Xapian::Stem(internal::StemmerName(language));
  }
  static std::string Key(const Language& language, const std::string& unit) {
    return language.code() + ":" + unit;
  }
  static std::size_t Shared(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::size_t n = 0;
    for (const std::string& x : a) n += std::find(b.begin(), b.end(), x) != b.end() ? 1 : 0;
    return n;
  }
  std::vector<std::size_t> Candidates(const Language& language,
                                      const std::vector<std::string>& units) const {
    std::set<std::size_t> seen;
    for (const std::string& unit : units) {
      auto it = postings_.find(Key(language, unit));
      if (it != postings_.end()) seen.insert(it->second.begin(), it->second.end());
    }
    return {seen.begin(), seen.end()};
  }

  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::vector<std::size_t>> postings_;
  std::unordered_map<std::uint32_t, std::map<std::string, std::string>> by_code_;
  std::unordered_map<std::uint32_t, std::map<std::string, std::vector<std::string>>> aliases_;
};

}  // namespace

std::unique_ptr<UnspscTitleLookup> MakeInMemoryUnspscTitleLookup(std::vector<UnspscTitle> titles,
                                                                 std::vector<UnspscTitle> aliases) {
  return std::make_unique<InMemoryLookup>(std::move(titles), std::move(aliases));
}

}  // namespace tb::search
