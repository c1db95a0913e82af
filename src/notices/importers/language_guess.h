#pragma once

#include <string_view>

#include "core/language.h"

namespace tb::notices::importers {

// Guesses whether a short text (a notice title) is English, French, Spanish or Portuguese
// by counting each language's stop words ("the", "de", "pour", "para", "da", ...) and
// letters only one of them uses (ñ, ç, ã). Honest about its limits: it returns the unknown
// Language when no word gives evidence or two languages tie, rather than guessing.
Language GuessTitleLanguage(std::string_view text);

}  // namespace tb::notices::importers
