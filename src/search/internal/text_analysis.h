#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/language.h"

// Language helpers of the search engine, on ICU. Private to search/. All functions accept any
// bytes (ill-formed UTF-8 is repaired first) and are thread-safe.
namespace tb::search::internal {

// True when `text` has a Han (Chinese) character.
bool ContainsHan(std::string_view text);

// Puts a space between the words ICU's word breaker (zh dictionary) finds inside runs of Han
// characters, leaving everything else alone: "疫苗招标 UNDP" -> "疫苗 招标 UNDP".
std::string SegmentChinese(std::string_view text);

// ICU's words of `text` (spans the breaker tags as words, numbers or ideographs), in order.
std::vector<std::string> Words(std::string_view text);

// Lower case, accents and other marks removed, NFKC: "Équipement" -> "equipement".
std::string Fold(std::string_view text);

// The Xapian stemmer name for a language: "english", "french", "spanish", "portuguese",
// "russian"; "english" for any other or unknown language (see docs/search.md).
std::string StemmerName(const Language& language);
// True when Xapian has a stemmer for the language (so it is not the English fallback).
bool HasOwnStemmer(const Language& language);

// Makes user text safe to analyse: ill-formed UTF-8 repaired, NUL and other control
// characters turned into spaces, cut to at most `max_bytes` on a character boundary.
std::string CleanText(std::string_view text, std::size_t max_bytes, bool* truncated = nullptr);

// Splits French-style elisions so the word after the apostrophe is indexed and searched on
// its own: "d'ordinateurs" -> "d ordinateurs", "l’école" -> "l école". Only a single letter
// or "qu" before the apostrophe counts, so "children's" is left alone.
std::string SplitElisions(std::string_view text);

// Undoes the escaping Xapian's MSet::snippet applies (&amp; &lt; &gt; &quot; &#39;), in one pass.
std::string UnescapeXapianHtml(std::string_view text);

// HTML-escapes & < > " '.
std::string EscapeHtml(std::string_view text);

// Escapes `text` for HTML, turning the private markers kMarkStart/kMarkEnd into <mark> tags.
inline constexpr char kMarkStart = '\x01';
inline constexpr char kMarkEnd = '\x02';
std::string MarkedToHtml(std::string_view text);

}  // namespace tb::search::internal
