#include "storage/text_fold.h"

#include <utf8proc.h>

#include <cstdlib>

#include "core/text.h"

namespace tb::storage {
namespace {

bool IsCjk(utf8proc_int32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool IsWordChar(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string FoldText(std::string_view text) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &out,
      static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                     UTF8PROC_STRIPMARK));
  if (n < 0) {
    std::free(out);
    return text::ToLowerAscii(text);
  }
  std::string folded(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return folded;
}

std::string FoldWords(std::string_view text) {
  const std::string folded = FoldText(text);
  std::string out;
  out.reserve(folded.size() + 2);
  bool in_word = false;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(folded.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(folded.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t len = utf8proc_iterate(p, left, &cp);
    if (len <= 0) {  // not UTF-8: keep the byte as part of a word
      len = 1;
      cp = 'x';
    }
    if (IsWordChar(cp)) {
      if (!in_word) out.push_back(' ');
      out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(len));
      in_word = true;
    } else {
      in_word = false;
    }
    p += len;
    left -= len;
  }
  return out;
}

bool HasCjk(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t len = utf8proc_iterate(p, left, &cp);
    if (len <= 0) len = 1;
    else if (IsCjk(cp)) return true;
    p += len;
    left -= len;
  }
  return false;
}

}  // namespace tb::storage
