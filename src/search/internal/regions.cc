#include "search/internal/regions.h"

#include <array>
#include <utility>

namespace tb::search::internal {
namespace {

// M49 (unstats.un.org/unsd/methodology/m49), continental level, as space-separated codes.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kRegions = {{
    {"africa",
     "DZ EG LY MA SD TN EH IO BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TF UG TZ ZM ZW "
     "AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN "
     "SL TG"},
    {"americas",
     "AI AG AR AW BS BB BZ BM BO BQ BV BR CA KY CL CO CR CU CW DM DO EC SV FK GF GL GD GP GT "
     "GY HT HN JM MQ MX MS NI PA PY PE PR BL KN LC MF PM VC SX GS SR TT TC US UY VE VG VI"},
    {"asia",
     "AF AM AZ BH BD BT BN KH CN CY GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MO MY MV MN MM "
     "NP KP OM PK PS PH QA SA SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE"},
    {"europe",
     "AX AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG VA HU IS IE IM IT JE LV LI LT "
     "LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB XK"},
    {"oceania",
     "AS AU CX CC CK FJ PF GU HM KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF"},
}};

}  // namespace

std::string_view RegionOf(std::string_view country) {
  if (country.size() != 2) return {};
  for (const auto& [region, codes] : kRegions) {
    for (std::size_t i = 0; i + 1 < codes.size(); i += 3) {
      if (codes[i] == country[0] && codes[i + 1] == country[1]) return region;
    }
  }
  return {};
}

}  // namespace tb::search::internal
