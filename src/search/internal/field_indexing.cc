#include "search/internal/field_indexing.h"

#include <map>
#include <string>

#include "search/internal/text_analysis.h"
#include "search/unspsc_title_lookup.h"

namespace tb::search::internal {

// A Stem is a cheap handle once built; building one looks the name up and allocates, ~10
// times per document otherwise.
const Xapian::Stem& StemmerFor(const Language& language) {
  thread_local std::map<std::string, Xapian::Stem> stemmers;
  std::string name = StemmerName(language);
  auto it = stemmers.find(name);
  if (it == stemmers.end()) it = stemmers.emplace(name, Xapian::Stem(name)).first;
  return it->second;
}

void IndexField(Xapian::TermGenerator& generator, std::string_view text, const Language& language,
                unsigned weight) {
  if (text.empty()) return;
  generator.set_stemmer(StemmerFor(language));
  generator.index_text(SplitElisions(text), weight);
  generator.increase_termpos(100);  // so a phrase never spans two fields
}

void AddCodePrefixTerms(Xapian::Document& doc, std::string_view prefix, UnspscCode code,
                        unsigned wdf) {
  const std::string digits = code.Prefix();
  for (std::size_t len = 2; len <= digits.size(); len += 2) {
    doc.add_term(std::string(prefix) + digits.substr(0, len), wdf);
  }
}

void IndexCodeTitles(Xapian::TermGenerator& generator, UnspscCode code,
                     const UnspscTitleLookup* titles, const Language& also, unsigned weight) {
  if (titles == nullptr) return;
  const std::string english = titles->TitleOf(code, Language::English());
  IndexField(generator, english, Language::English(), weight);
  if (also.known() && also != Language::English()) {
    std::string own = titles->TitleOf(code, also);
    if (own != english) IndexField(generator, own, also, weight);
  }
}

}  // namespace tb::search::internal
