#pragma once

#include <string_view>

namespace tb::search::internal {

// The UN M49 continental region of an ISO 3166-1 alpha-2 country ("KE" -> "africa"): one of
// "africa", "americas", "asia", "europe", "oceania"; empty for unknown codes and Antarctica.
// Taiwan (not listed separately by M49) is placed in Asia; Kosovo ("XK") in Europe.
std::string_view RegionOf(std::string_view country);

}  // namespace tb::search::internal
