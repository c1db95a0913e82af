#include "search/internal/text_query.h"

#include <algorithm>

#include "core/text.h"
#include "core/unspsc.h"
#include "search/internal/layout.h"
#include "search/internal/text_analysis.h"
#include "search/unspsc_title_lookup.h"

namespace tb::search::internal {
namespace {

constexpr int kMaxExpansions = 5;

// The query as plain words, which cannot fail: every term the indexer would make, OR'ed.
Xapian::Query WordsQuery(const std::string& text, const Xapian::Stem& stemmer) {
  Xapian::Document scratch;
  Xapian::TermGenerator generator;
  generator.set_document(scratch);
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  generator.set_stemmer(stemmer);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.index_text_without_positions(text);
  std::vector<Xapian::Query> terms;
  for (auto it = scratch.termlist_begin(); it != scratch.termlist_end(); ++it) {
    terms.emplace_back(*it);
  }
  return AnyOf(std::move(terms));
}

Xapian::Query ParseText(const std::string& text, const Xapian::Stem& stemmer,
                        const Xapian::Database* partial_words_of, bool* reinterpreted) {
  Xapian::QueryParser parser;
  parser.set_stemmer(stemmer);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.add_prefix("title", std::string(kTitlePrefix));
  unsigned partial = 0;
  if (partial_words_of != nullptr) {
    parser.set_database(*partial_words_of);
    partial = Xapian::QueryParser::FLAG_PARTIAL;
  }
  const unsigned strict = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                          Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_CJK_NGRAM |
                          partial;
  try {
    return parser.parse_query(text, strict);
  } catch (const Xapian::Error&) {
    *reinterpreted = true;
  }
  try {
    return parser.parse_query(text, Xapian::QueryParser::FLAG_CJK_NGRAM | partial);
  } catch (const Xapian::Error&) {
  }
  try {
    return WordsQuery(text, stemmer);
  } catch (const Xapian::Error&) {
    return Xapian::Query();
  }
}

std::string PrefixForExpansion(UnspscCode code) {
  // A commodity expands to its class: notices are often coded one level up or on a sibling.
  if (code.level() == UnspscCode::Level::kCommodity) return code.Parent().Prefix();
  return code.Prefix();
}

// Titles of other languages name false friends ("solar" is not the Portuguese "Solo",
// "ordinateurs" not "ordinance"), so only titles in the query's language expand it, plus
// English (the lingua franca of UN notices) and Chinese when the query is written in Han
// characters whatever the UI language.
bool AcceptExpansionLanguage(const Language& request, const Language& matched,
                             std::string_view query) {
  if (!request.known() || matched == request || matched == Language::English()) return true;
  if (matched == Language::Chinese()) {
    // U+4E00..U+9FFF (CJK unified ideographs) start with the UTF-8 bytes E4..E9.
    for (std::size_t i = 0; i + 2 < query.size(); ++i) {
      const auto b = static_cast<unsigned char>(query[i]);
      if (b >= 0xE4 && b <= 0xE9) return true;
    }
  }
  return false;
}

}  // namespace

Xapian::Query AnyOf(std::vector<Xapian::Query> queries) {
  if (queries.empty()) return Xapian::Query();
  if (queries.size() == 1) return queries.front();
  return Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
}

TextQuery BuildTextQuery(std::string_view text, const Language& language,
                         const Xapian::Stem& stemmer, std::string_view code_prefix,
                         const TextQueryOptions& options) {
  TextQuery built;
  if (text::Trim(text).empty()) return built;
  const std::string parsed_text =
      SplitElisions(ContainsHan(text) ? SegmentChinese(text) : std::string(text));
  built.query = ParseText(parsed_text, stemmer, options.partial_words_of, &built.reinterpreted);

  if (!options.expand || options.titles == nullptr) return built;
  std::vector<Xapian::Query> codes;
  // A code named in another language also brings its English everyday names as text ("solar
  // panels" for 太阳能电池板): UN notices are mostly written in English, and many of them are
  // coded elsewhere in the tree than the code the title names.
  std::vector<Xapian::Query> english_names;
  const Xapian::Stem english_stemmer(StemmerName(Language::English()));
  for (ExpansionCandidate& c : options.titles->Match(text, kMaxExpansions * 2)) {
    if (!AcceptExpansionLanguage(language, c.matched_language, text)) continue;
    const std::string code = c.code.ToString();
    const std::string prefix = PrefixForExpansion(c.code);
    if (options.removed_expansions != nullptr &&
        std::any_of(options.removed_expansions->begin(), options.removed_expansions->end(),
                    [&](const std::string& r) { return r == code || r == prefix; })) {
      continue;
    }
    if (std::any_of(built.expansions.begin(), built.expansions.end(),
                    [&](const Expansion& e) { return e.prefix == prefix; })) {
      continue;
    }
    const Language shown = language.known() ? language : c.matched_language;
    built.expansions.push_back(Expansion{code, prefix, options.titles->TitleOf(c.code, shown),
                                         c.matched_text, c.matched_language.code()});
    codes.emplace_back(std::string(code_prefix) + prefix);
    if (c.matched_language != Language::English()) {
      for (const std::string& name : options.titles->AliasesOf(c.code, Language::English())) {
        bool ignored = false;
        Xapian::Query words = ParseText(name, english_stemmer, nullptr, &ignored);
        if (!words.empty()) english_names.push_back(std::move(words));
      }
    }
    if (static_cast<int>(built.expansions.size()) >= kMaxExpansions) break;
  }
  codes.insert(codes.end(), std::make_move_iterator(english_names.begin()),
               std::make_move_iterator(english_names.end()));
  if (!codes.empty()) {
    Xapian::Query expansion = AnyOf(std::move(codes));
    built.query = built.query.empty() ? expansion
                                      : Xapian::Query(Xapian::Query::OP_OR, built.query, expansion);
  }
  return built;
}

}  // namespace tb::search::internal
