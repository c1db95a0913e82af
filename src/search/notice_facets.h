#pragma once

#include <string>
#include <string_view>

namespace tb::notices {
struct Notice;
}

namespace tb::search {

// Facets of a notice that the index filters on and that alert filters must agree with.

// The agency name as filtered and faceted: the acronym in a trailing "(...)" when there is
// one ("UNITED NATIONS OFFICE FOR PROJECT SERVICES (UNOPS)" -> "UNOPS"), else the name.
std::string AgencyKey(std::string_view buyer);

// Whether the notice is about sustainable goods or services, from a keyword list (docs/search.md).
bool LooksSustainable(const notices::Notice& notice);

}  // namespace tb::search
