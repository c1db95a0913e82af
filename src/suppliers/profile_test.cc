#include "suppliers/profile.h"

#include <gtest/gtest.h>

namespace tb::suppliers {
namespace {

const Timestamp kNow = Timestamp::FromRfc3339("2025-06-01T00:00:00Z").value();

std::vector<std::string> Fields(const Profile& p) {
  std::vector<std::string> out;
  for (const FieldError& e : ValidateProfile(p, kNow)) out.push_back(e.field);
  return out;
}

TEST(ValidateProfile, AnEmptyDraftIsValid) {
  EXPECT_TRUE(ValidateProfile(Profile{}, kNow).empty());
}

TEST(ValidateProfile, NamesEachBadFieldByJsonPointer) {
  struct Row {
    const char* name;
    void (*edit)(Profile&);
    const char* field;
  };
  const Row rows[] = {
      {"lower-case country", [](Profile& p) { p.address.country = "ke"; }, "/address/country"},
      {"unknown country", [](Profile& p) { p.address.country = "XX"; }, "/address/country"},
      {"alias is not a code", [](Profile& p) { p.address.country = "UK"; }, "/address/country"},
      {"operation country",
       [](Profile& p) {
         p.countries_of_operation = {"KE", "KEN"};
       },
       "/countries_of_operation/1"},
      {"duplicate country",
       [](Profile& p) {
         p.countries_of_operation = {"KE", "KE"};
       },
       "/countries_of_operation/1"},
      {"year in the future", [](Profile& p) { p.year_established = 2026; }, "/year_established"},
      {"year too old", [](Profile& p) { p.year_established = 1700; }, "/year_established"},
      {"contact e-mail",
       [](Profile& p) {
         p.contacts = {{"Ann", "", "ann@", ""}};
       },
       "/contacts/0/email"},
      {"website scheme", [](Profile& p) { p.website = "javascript:alert(1)"; }, "/website"},
      {"website host", [](Profile& p) { p.website = "https://localhost"; }, "/website"},
      {"large SME",
       [](Profile& p) {
         p.party_scale = PartyScale::kLarge;
         p.sme = true;
       },
       "/sme"},
      {"women-owned below 51 %",
       [](Profile& p) {
         p.women_owned = {true, 50, true};
       },
       "/women_owned/declared"},
      {"women-owned not controlled",
       [](Profile& p) {
         p.women_owned = {true, 60, false};
       },
       "/women_owned/declared"},
      {"percent range", [](Profile& p) { p.women_owned.ownership_percent = 101; },
       "/women_owned/ownership_percent"},
      {"certificate type",
       [](Profile& p) {
         p.certificates = {{"iso_27001", "", "1", "x", {}}};
       },
       "/certificates/0/type"},
      {"other certificate needs a name",
       [](Profile& p) {
         p.certificates = {{"other", "", "1", "x", {}}};
       },
       "/certificates/0/name"},
      {"registration without number",
       [](Profile& p) {
         p.registration_numbers = {{"KE", " "}};
       },
       "/registration_numbers/0/number"},
      {"same number twice, spelt differently",
       [](Profile& p) {
         p.registration_numbers = {{"KE", "PVT-123"}, {"KE", "pvt 123"}};
       },
       "/registration_numbers/1/number"},
      {"owner shares above 100",
       [](Profile& p) {
         p.owners = {{"A", 60, ""}, {"B", 50, ""}};
       },
       "/owners"},
      {"emission scopes", [](Profile& p) { p.sustainability.emissions.scopes = "2"; },
       "/sustainability/emissions/scopes"},
      {"hlcm indicator id", [](Profile& p) { p.sustainability.hlcm_indicators = {"Not An Id"}; },
       "/sustainability/hlcm_indicators/0"},
      {"control characters", [](Profile& p) { p.legal_name = std::string("Acme\x1b[31m"); },
       "/legal_name"},
      {"invalid UTF-8", [](Profile& p) { p.legal_name = "Acme \xff"; }, "/legal_name"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Profile p;
    row.edit(p);
    EXPECT_EQ(Fields(p), std::vector<std::string>{row.field});
  }
}

TEST(ValidateProfile, AcceptsACompleteProfileInTwoScripts) {
  Profile p;
  p.legal_name = "Сибирские Солнечные Системы";
  p.legal_name_latin = "Sibirskie Solnechnye Sistemy";
  p.registration_numbers = {{"RU", "1027700132195"}};
  p.year_established = 2025;
  p.address = {"ul. Lenina 1", "Novosibirsk", "630000", "", "RU"};
  p.countries_of_operation = {"RU", "KZ"};
  p.contacts = {{"Olga", "Director", "olga@example.ru", "+7 383 000"}};
  p.website = "https://example.ru/about";
  p.unspsc_codes = {*UnspscCode::Parse("26111600")};
  p.party_scale = PartyScale::kSmall;
  p.sme = true;
  p.women_owned = {true, 51, true};
  EXPECT_TRUE(ValidateProfile(p, kNow).empty());
}

TEST(FirstError, CarriesTheFieldAndCountsTheRest) {
  const Status s = FirstError({{"/a", "is bad"}, {"/b", "is bad"}});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "/a");
  EXPECT_NE(s.message().find("1 more"), std::string::npos);
  EXPECT_TRUE(FirstError({}).ok());
}

TEST(NormaliseCompanyNumber, KeepsLettersAndDigitsUpperCase) {
  EXPECT_EQ(NormaliseCompanyNumber("12-345/6 ab"), "123456AB");
}

}  // namespace
}  // namespace tb::suppliers
