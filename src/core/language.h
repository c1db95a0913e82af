#pragma once

#include <string>
#include <string_view>

namespace tb {

// A human language by its ISO 639-1 code ("en", "zh"), lower case. The six UN languages
// have named constants; other codes (pt, hy, uk, ...) are carried as read from the data.
// An empty code means "not known".
class Language {
 public:
  constexpr Language() = default;

  // Normalises "EN", "en-GB", "zh_CN", "spa" to the two-letter code where it can; returns
  // the unknown language for text that is not a language tag.
  static Language FromTag(std::string_view tag);

  static Language English() { return Language("en"); }
  static Language French() { return Language("fr"); }
  static Language Spanish() { return Language("es"); }
  static Language Chinese() { return Language("zh"); }
  static Language Arabic() { return Language("ar"); }
  static Language Russian() { return Language("ru"); }
  static Language Portuguese() { return Language("pt"); }

  const std::string& code() const { return code_; }
  bool known() const { return !code_.empty(); }
  bool IsUnLanguage() const;
  bool IsRightToLeft() const { return code_ == "ar" || code_ == "he" || code_ == "fa"; }

  bool operator==(const Language&) const = default;

 private:
  explicit Language(std::string code) : code_(std::move(code)) {}
  std::string code_;
};

}  // namespace tb
