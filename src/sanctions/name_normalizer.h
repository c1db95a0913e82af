#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tb::sanctions {

// A name reduced to the tokens the matcher compares: lower-case ASCII (or, for scripts ICU
// cannot romanise, the NFKC-casefolded letters), with accents, punctuation, legal-form words
// ("ltd", "gmbh", "ooo", 有限公司) and a few particles ("the", "of", "and") removed.
struct NormalizedName {
  std::vector<std::string> tokens;
  // True when the name was written in a script that omits short vowels (Arabic, Hebrew,
  // Syriac, Thaana): its romanised tokens are consonant skeletons ("mhmd" for محمد).
  bool abjad = false;
  // True when any part was romanised from another script.
  bool transliterated = false;

  bool operator==(const NormalizedName&) const = default;
};

// Normalises names for screening. Steps: NFKC casefold; Chinese: traditional to simplified,
// legal forms dropped and (in a second variant) common business words translated ("航运" →
// "shipping"), because the list writes Chinese companies as pinyin + English ("SHANGHAI
// DONGFENG SHIPPING"); romanisation with ICU (Cyrillic by BGN/PCGN, which is how the UN
// list spells Russian names; everything else "Any-Latin"), then "Latin-ASCII" strips
// accents; punctuation becomes a space, apostrophes vanish; legal-form words are dropped
// unless nothing else is left.
// Thread-safe: ICU transliterators are pooled under a mutex, one per concurrent caller.
class NameNormalizer {
 public:
  // FailedPrecondition when ICU lacks the transliterators (a broken libicu installation).
  static Result<std::unique_ptr<NameNormalizer>> Create();
  ~NameNormalizer();

  NameNormalizer(const NameNormalizer&) = delete;
  NameNormalizer& operator=(const NameNormalizer&) = delete;

  // One or more variants of `name` (one for most names; two for Chinese names: pinyin only,
  // and with business words translated). Variants with no tokens are left out, so the
  // result is empty for a name of only punctuation or legal forms.
  std::vector<NormalizedName> Normalize(std::string_view name) const;

  // True for the legal-form and particle words the normaliser drops ("ltd", "ooo").
  static bool IsLegalFormWord(std::string_view token);

 private:
  struct Transliterators;
  NameNormalizer() = default;

  std::unique_ptr<Transliterators> Acquire() const;
  void Release(std::unique_ptr<Transliterators> t) const;

  std::unique_ptr<Transliterators> prototype_;
  mutable std::mutex mu_;
  mutable std::vector<std::unique_ptr<Transliterators>> free_;  // Guarded by mu_.
};

// The consonant skeleton of a romanised token, used to compare a name romanised from Arabic
// ("mhmd tahr anwry") with its Latin spelling ("muhammad taher anwari"): vowels and the
// semivowels w, y dropped, q read as k, doubled letters collapsed.
std::string ConsonantSkeleton(std::string_view token);

}  // namespace tb::sanctions
