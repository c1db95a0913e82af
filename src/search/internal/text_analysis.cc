#include "search/internal/text_analysis.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <memory>

#include "core/text.h"

namespace tb::search::internal {
namespace {

bool IsHan(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN && U_SUCCESS(status);
}

// ICU break iterators are costly to build and not thread-safe: one per
// thread.
icu::BreakIterator* WordBreaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status)) b.reset();
    return b;
  }();
  return breaker.get();
}

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

bool ContainsHan(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    if (IsHan(u.char32At(i))) return true;
  }
  return false;
}

std::string SegmentChinese(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::BreakIterator* breaker = WordBreaker();
  if (breaker == nullptr) return std::string(text);
  breaker->setText(u);
  icu::UnicodeString out;
  int32_t start = breaker->first();
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker->next()) {
    // A boundary between two Han characters becomes a space; other boundaries exist already.
    if (start > 0 && IsHan(u.char32At(start)) && IsHan(u.char32At(u.moveIndex32(start, -1)))) {
      out.append(u' ');
    }
    out.append(u, start, end - start);
  }
  return ToUtf8(out);
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::BreakIterator* breaker = WordBreaker();
  if (breaker == nullptr) return words;
  breaker->setText(u);
  int32_t start = breaker->first();
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker->next()) {
    if (breaker->getRuleStatus() == UBRK_WORD_NONE) continue;  // spaces, punctuation
    words.push_back(ToUtf8(icu::UnicodeString(u, start, end - start)));
  }
  return words;
}

std::string Fold(std::string_view text) {
  // Fast path: ASCII has no marks and is its own NFKD/NFKC, so folding is lower-casing. Most
  // indexed text (English, and much of French/Spanish) is ASCII, and the ICU path costs ~1 us
  // per word, which showed in index build profiles.
  bool ascii = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    std::string out(text);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  // NFKD, remove nonspacing marks (Mn), lower case (root locale), NFKC: what the
  // transliterator "NFKD; [:Nonspacing Mark:] Remove; Lower; NFKC" does, with the cheaper
  // Normalizer2 instances (thread-safe singletons).
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return ToUtf8(u.toLower(icu::Locale::getRoot()));
  icu::UnicodeString decomposed = nfkd->normalize(u, status);
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) stripped.append(c);
  }
  stripped.toLower(icu::Locale::getRoot());
  icu::UnicodeString folded = nfkc->normalize(stripped, status);
  if (U_FAILURE(status)) return ToUtf8(stripped);
  return ToUtf8(folded);
}

std::string StemmerName(const Language& language) {
  const std::string& code = language.code();
  if (code == "fr") return "french";
  if (code == "es") return "spanish";
  if (code == "pt") return "portuguese";
  if (code == "ru") return "russian";
  return "english";
}

bool HasOwnStemmer(const Language& language) {
  const std::string& code = language.code();
  return code == "en" || code == "fr" || code == "es" || code == "pt" || code == "ru";
}

std::string CleanText(std::string_view text, std::size_t max_bytes, bool* truncated) {
  std::string clean = text::IsValidUtf8(text) ? std::string(text) : text::SanitizeUtf8(text);
  for (char& c : clean) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) c = ' ';
  }
  if (truncated != nullptr) *truncated = clean.size() > max_bytes;
  if (clean.size() > max_bytes) {
    std::size_t cut = max_bytes;
    // Back up to the start of a UTF-8 character.
    while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80) --cut;
    clean.resize(cut);
  }
  return clean;
}

std::string SplitElisions(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t apostrophe_len = 0;
    if (text[i] == '\'') apostrophe_len = 1;
    if (text.substr(i, 3) == "\xE2\x80\x99") apostrophe_len = 3;  // U+2019
    if (apostrophe_len > 0 && i > 0) {
      // The elided word: one letter ("l'", "d'") or "qu", starting a word.
      std::size_t start = i;
      while (start > 0 && is_letter(text[start - 1])) --start;
      const std::string_view before = text.substr(start, i - start);
      const bool at_word_start = start == 0 || !is_letter(text[start - 1]);
      const bool elided = at_word_start && (before.size() == 1 || before == "qu" || before == "Qu" ||
                                            before == "QU");
      if (elided && i + apostrophe_len < text.size()) {
        out += ' ';
        i += apostrophe_len - 1;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string UnescapeXapianHtml(std::string_view text) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool replaced = false;
    if (text[i] == '&') {
      for (const auto& [entity, c] : kEntities) {
        if (text.substr(i, entity.size()) == entity) {
          out += c;
          i += entity.size() - 1;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i];
  }
  return out;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string MarkedToHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 32);
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == kMarkStart || text[i] == kMarkEnd) {
      out += EscapeHtml(text.substr(begin, i - begin));
      if (i < text.size()) out += text[i] == kMarkStart ? "<mark>" : "</mark>";
      begin = i + 1;
    }
  }
  return out;
}

}  // namespace tb::search::internal
