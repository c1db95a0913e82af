#pragma once

#include <xapian.h>

#include <string_view>

#include "core/language.h"
#include "core/unspsc.h"

namespace tb::search {
class UnspscTitleLookup;
}

// Indexing steps shared by the notice and supplier documents. Private to search/.
namespace tb::search::internal {

// The Xapian stemmer for `language` (StemmerName), built once per thread.
const Xapian::Stem& StemmerFor(const Language& language);

// Indexes `text` (elisions split) with the language's stemmer at `weight` wdf per word, then
// leaves a term-position gap so that a phrase never spans two fields. Nothing for empty text.
void IndexField(Xapian::TermGenerator& generator, std::string_view text, const Language& language,
                unsigned weight);

// Adds `prefix` + every ancestor prefix of `code` ("XC43", "XC4321", ... down to the code
// itself) with `wdf`, so that a filter or an expansion at any depth finds the document.
void AddCodePrefixTerms(Xapian::Document& doc, std::string_view prefix, UnspscCode code,
                        unsigned wdf);

// Indexes the English title of `code` at `weight`, and its title in `also` when that language
// is known and the title differs. Nothing when `titles` is null.
void IndexCodeTitles(Xapian::TermGenerator& generator, UnspscCode code,
                     const UnspscTitleLookup* titles, const Language& also, unsigned weight);

}  // namespace tb::search::internal
