#pragma once

#include <string>
#include <string_view>

namespace tb::storage {

// Case- and accent-insensitive forms of text for filters and title search: Unicode case
// folding, compatibility mapping (full-width letters become ASCII) and marks stripped
// ("Équipement" -> "equipement"). Text that is not valid UTF-8 is folded as ASCII only.
std::string FoldText(std::string_view text);

// The folded words of `text`, each preceded by one space (" equipement de bureau"), so that
// LIKE '% equip%' finds a word that starts with "equip". Punctuation separates words.
std::string FoldWords(std::string_view text);

// True when `text` contains a Han, kana or Hangul character: such titles have no spaces
// between words, so they are searched by substring instead of word prefix.
bool HasCjk(std::string_view text);

}  // namespace tb::storage
