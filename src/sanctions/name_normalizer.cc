#include "sanctions/name_normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>

#include "core/text.h"

namespace tb::sanctions {
namespace {

// Chinese legal forms, longest first, in simplified characters (names are converted first).
constexpr std::string_view kChineseLegalForms[] = {
    "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "责任公司",
    "株式会社",     "有限会社",     "公司",         "有限"};

// Business words that the list writes in English inside otherwise pinyin company names
// ("HUAXIN SHIPPING HONGKONG LTD" for 華信船務(香港)有限公司). Simplified characters.
constexpr std::pair<std::string_view, std::string_view> kChineseGlossary[] = {
    {"进出口", "import export"}, {"航运", "shipping"},   {"船务", "shipping"},
    {"海运", "shipping"},        {"船舶", "shipping"},   {"国际", "international"},
    {"贸易", "trading"},         {"商贸", "trading"},    {"技术", "technology"},
    {"科技", "technology"},      {"电子", "electronics"}, {"香港", "hong kong"},
    {"澳门", "macau"},           {"矿业", "mining"},     {"开发", "development"},
    {"发展", "development"},     {"集团", "group"},      {"物流", "logistics"},
    {"能源", "energy"},          {"石油", "petroleum"},  {"化工", "chemical"},
    {"工业", "industrial"},      {"实业", "industrial"}, {"投资", "investment"},
    {"控股", "holdings"},        {"货运", "freight"},    {"运输", "transport"},
    {"银行", "bank"},            {"金融", "finance"},    {"机械", "machinery"},
    {"设备", "equipment"},       {"电力", "power"},      {"建设", "construction"},
    {"建筑", "construction"},    {"工程", "engineering"}, {"咨询", "consulting"},
    {"服务", "services"},        {"网络", "network"},    {"信息", "information"},
    {"材料", "materials"},       {"金属", "metal"},      {"钢铁", "steel"},
    {"朝鲜", "korea"},           {"中国", "china"},
};

// Legal forms and particles in the languages suppliers and the list use, after
// normalisation (lower-case ASCII, punctuation split: "S.A." is "s a", "Sp. z o.o." is
// "sp z o o").
constexpr std::string_view kLegalFormWords[] = {
    "ltd",   "limited", "llc",   "llp",   "lp",    "plc",      "inc",    "incorporated",
    "corp",  "corporation", "co", "company", "cie", "cia",     "gmbh",   "mbh",
    "ag",    "kg",      "ug",    "ohg",   "sa",    "sas",      "sarl",   "srl",
    "spa",   "sl",      "slu",   "ltda",  "eirl",  "sac",      "saa",    "bv",
    "nv",    "vof",     "ab",    "asa",   "oy",    "oyj",      "kft",    "zrt",
    "nyrt",  "sro",     "spol",  "sp",    "zoo",   "pty",      "pte",    "pvt",
    "jsc",   "ojsc",    "cjsc",  "pjsc",  "ooo",   "oao",      "zao",    "pao",
    "tov",   "dooel",   "doo",   "sdn",   "bhd",   "tbk",      "pt",     "cv",
    "kk",    "kabushiki", "kaisha", "fzc", "fze",  "fzco",     "fzllc",  "dmcc",
    "est",   "sae",     "sal",   "wll",   "gie",   "scs",      "snc",    "eurl",
    "sasu",  "the",     "of",    "and",   "et",    "y",        "und",    "de",
    "del",   "du",      "des",   "la",
};

bool IsAbjadScript(UScriptCode script) {
  return script == USCRIPT_ARABIC || script == USCRIPT_HEBREW || script == USCRIPT_SYRIAC ||
         script == USCRIPT_THAANA;
}

struct ScriptScan {
  bool han = false;
  bool abjad = false;
  bool non_latin = false;
};

ScriptScan Scan(const icu::UnicodeString& s) {
  ScriptScan scan;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (!u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status)) continue;
    if (script == USCRIPT_HAN) scan.han = true;
    if (IsAbjadScript(script)) scan.abjad = true;
    if (script != USCRIPT_LATIN && script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
      scan.non_latin = true;
    }
  }
  return scan;
}

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos)) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

// Splits romanised text into tokens: ASCII letters and digits, and any non-ASCII bytes
// (letters ICU could not romanise). Apostrophes join ("o'brien" -> "obrien"); everything
// else separates.
std::vector<std::string> Tokenize(std::string_view s) {
  std::vector<std::string> tokens;
  std::string current;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\'' || c == '`') continue;
    if (c >= 0x80) {
      // U+2019 and U+02BC (apostrophes) survive Latin-ASCII only when unmapped; skip them.
      if (s.substr(i).starts_with("\u2019") || s.substr(i).starts_with("\u02BC")) {
        i += (s.substr(i).starts_with("\u2019") ? 2 : 1);
        continue;
      }
      current.push_back(static_cast<char>(c));
      continue;
    }
    if (std::isalnum(c)) {
      current.push_back(static_cast<char>(std::tolower(c)));
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

// "S.A." and "z o.o." arrive as runs of single letters; written together they are the
// legal forms "sa" and "zoo" (and initials "A. Q." become one token "aq").
std::vector<std::string> JoinSingleLetters(std::vector<std::string> tokens) {
  std::vector<std::string> out;
  std::string run;
  int run_length = 0;
  auto flush = [&] {
    if (run_length > 0) out.push_back(std::move(run));
    run.clear();
    run_length = 0;
  };
  for (std::string& t : tokens) {
    if (t.size() == 1 && std::isalpha(static_cast<unsigned char>(t[0]))) {
      run += t;
      ++run_length;
      continue;
    }
    flush();
    out.push_back(std::move(t));
  }
  flush();
  return out;
}

std::vector<std::string> DropLegalForms(std::vector<std::string> tokens) {
  std::vector<std::string> kept;
  for (std::string& t : tokens) {
    if (!NameNormalizer::IsLegalFormWord(t)) kept.push_back(std::move(t));
  }
  // "The Company Ltd" keeps its words rather than vanish.
  return kept.empty() ? tokens : kept;
}

}  // namespace

struct NameNormalizer::Transliterators {
  std::unique_ptr<icu::Transliterator> to_simplified;
  std::unique_ptr<icu::Transliterator> to_latin;

  std::unique_ptr<Transliterators> Clone() const {
    auto copy = std::make_unique<Transliterators>();
    copy->to_simplified.reset(to_simplified->clone());
    copy->to_latin.reset(to_latin->clone());
    return copy;
  }
};

Result<std::unique_ptr<NameNormalizer>> NameNormalizer::Create() {
  std::unique_ptr<NameNormalizer> n(new NameNormalizer());
  n->prototype_ = std::make_unique<Transliterators>();
  UErrorCode status = U_ZERO_ERROR;
  n->prototype_->to_simplified.reset(icu::Transliterator::createInstance(
      "Traditional-Simplified", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !n->prototype_->to_simplified) {
    return Status::FailedPrecondition(std::string("ICU lacks Traditional-Simplified: ") +
                                      u_errorName(status));
  }
  status = U_ZERO_ERROR;
  n->prototype_->to_latin.reset(icu::Transliterator::createInstance(
      // Any-Latin writes Arabic ain and hamza as modifier letters (ʿ, ʾ) that Latin-ASCII
      // keeps; the list's Latin spellings leave them out ("abd", not "ʿbd").
      "Russian-Latin/BGN; Any-Latin; Latin-ASCII; [[:Lm:][:Mn:]] Remove", UTRANS_FORWARD,
      status));
  if (U_FAILURE(status) || !n->prototype_->to_latin) {
    return Status::FailedPrecondition(std::string("ICU lacks the Latin transliterators: ") +
                                      u_errorName(status));
  }
  status = U_ZERO_ERROR;
  if (icu::Normalizer2::getNFKCCasefoldInstance(status) == nullptr || U_FAILURE(status)) {
    return Status::FailedPrecondition("ICU lacks NFKC casefold data");
  }
  return n;
}

NameNormalizer::~NameNormalizer() = default;

std::unique_ptr<NameNormalizer::Transliterators> NameNormalizer::Acquire() const {
  {
    std::lock_guard lock(mu_);
    if (!free_.empty()) {
      std::unique_ptr<Transliterators> t = std::move(free_.back());
      free_.pop_back();
      return t;
    }
  }
  // Cloning outside the lock: the prototype is only read.
  return prototype_->Clone();
}

void NameNormalizer::Release(std::unique_ptr<Transliterators> t) const {
  std::lock_guard lock(mu_);
  free_.push_back(std::move(t));
}

bool NameNormalizer::IsLegalFormWord(std::string_view token) {
  return std::find(std::begin(kLegalFormWords), std::end(kLegalFormWords), token) !=
         std::end(kLegalFormWords);
}

std::vector<NormalizedName> NameNormalizer::Normalize(std::string_view name) const {
  const std::string clean = text::SanitizeUtf8(name);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(clean);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString folded = nfkc_cf->normalize(u, status);
    if (U_SUCCESS(status)) u = folded;
  }
  const ScriptScan scan = Scan(u);
  std::unique_ptr<Transliterators> t = Acquire();

  std::vector<std::string> sources;
  if (scan.han) {
    t->to_simplified->transliterate(u);
    std::string simplified = ToUtf8(u);
    for (std::string_view form : kChineseLegalForms) ReplaceAll(simplified, form, " ");
    sources.push_back(simplified);
    std::string translated = simplified;
    for (const auto& [chinese, english] : kChineseGlossary) {
      std::string spaced(" ");
      spaced.append(english).push_back(' ');
      ReplaceAll(translated, chinese, spaced);
    }
    if (translated != simplified) sources.push_back(std::move(translated));
  } else {
    sources.push_back(ToUtf8(u));
  }

  std::vector<NormalizedName> out;
  for (const std::string& source : sources) {
    icu::UnicodeString v = icu::UnicodeString::fromUTF8(source);
    // Latin text goes through the same chain: Latin-ASCII strips its accents.
    t->to_latin->transliterate(v);
    NormalizedName normalized;
    normalized.tokens = DropLegalForms(JoinSingleLetters(Tokenize(ToUtf8(v))));
    normalized.abjad = scan.abjad;
    normalized.transliterated = scan.non_latin;
    if (normalized.tokens.empty()) continue;
    if (std::find(out.begin(), out.end(), normalized) == out.end()) {
      out.push_back(std::move(normalized));
    }
  }
  Release(std::move(t));
  return out;
}

std::string ConsonantSkeleton(std::string_view token) {
  std::string out;
  for (char c : token) {
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'w':
        continue;
      case 'q':
        c = 'k';
        break;
      default:
        break;
    }
    if (!out.empty() && out.back() == c) continue;
    out.push_back(c);
  }
  return out;
}

}  // namespace tb::sanctions
