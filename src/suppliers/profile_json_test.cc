#include "suppliers/profile_json.h"

#include <gtest/gtest.h>

namespace tb::suppliers {
namespace {

using nlohmann::json;

Profile Sample() {
  Profile p;
  p.legal_name = "Acme Ltd";
  p.trading_names = {"Acme"};
  p.registration_numbers = {{"KE", "PVT-1"}};
  p.year_established = 2010;
  p.address = {"1 Road", "Nairobi", "00100", "", "KE"};
  p.countries_of_operation = {"KE", "UG"};
  p.contacts = {{"Ann", "CEO", "ann@acme.co.ke", ""}};
  p.unspsc_codes = {*UnspscCode::Parse("43211500")};
  p.party_scale = PartyScale::kSmall;
  p.certificates = {{"iso_9001", "", "Q-1", "BV", Timestamp::FromRfc3339("2026-01-31").value()}};
  p.references = {{"UNDP", "Bob", "bob@undp.org", "laptops", 2023, "KE"}};
  p.owners = {{"Ann", 100, "KE"}};
  p.sustainability.hlcm_indicators = {"environmental_policy"};
  return p;
}

TEST(ProfileJson, RoundTrips) {
  const Profile p = Sample();
  Result<Profile> back = ProfileFromJson(ProfileToJson(p));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, p);
  EXPECT_EQ(ProfileToJson(p)["certificates"][0]["valid_until"], "2026-01-31");
}

TEST(ProfileJson, RefusesUnknownFieldsWithTheirPath) {
  const struct {
    json doc;
    const char* field;
  } rows[] = {
      {{{"legal_nam", "x"}}, "/legal_nam"},
      {{{"address", {{"country", "KE"}, {"planet", "Earth"}}}}, "/address/planet"},
      {{{"contacts", json::array({{{"name", "A"}, {"fax", "1"}}})}}, "/contacts/0/fax"},
      {{{"sustainability", {{"emissions", {{"scope3", true}}}}}},
       "/sustainability/emissions/scope3"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.doc.dump());
    const Status s = ProfileFromJson(row.doc).status();
    EXPECT_EQ(s.field(), row.field);
    EXPECT_TRUE(IsUnknownFieldError(s));
  }
}

TEST(ProfileJson, ReportsWrongTypesAsInvalidNotUnknown) {
  const Status s = ProfileFromJson({{"year_established", "2010"}}).status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "/year_established");
  EXPECT_FALSE(IsUnknownFieldError(s));
  EXPECT_EQ(ProfileFromJson({{"party_scale", "huge"}}).status().field(), "/party_scale");
  EXPECT_EQ(ProfileFromJson({{"unspsc_codes", {"5"}}}).status().field(), "/unspsc_codes/0");
}

TEST(ApplyProfilePatch, RefusesEveryServerOwnedField) {
  for (const char* field :
       {"id", "organisation_id", "state", "status", "review_comment", "ungm_number",
        "code_of_conduct_accepted_at", "created_at", "updated_at", "version"}) {
    SCOPED_TRACE(field);
    const Status s = ApplyProfilePatch(Sample(), {{field, "x"}}).status();
    EXPECT_EQ(s.field(), std::string("/") + field);
    EXPECT_TRUE(IsUnknownFieldError(s));
  }
}

TEST(ApplyProfilePatch, ReplacesPresentFieldsAndKeepsTheRest) {
  Result<ProfilePatch> r = ApplyProfilePatch(Sample(), {{"website", "https://acme.co.ke"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  Profile expected = Sample();
  expected.website = "https://acme.co.ke";
  EXPECT_EQ(r->profile, expected);
  EXPECT_EQ(r->changed_fields, std::vector<std::string>{"website"});
}

TEST(ApplyProfilePatch, MergesObjectsReplacesArraysAndNullClears) {
  Result<ProfilePatch> r = ApplyProfilePatch(Sample(), {{"address", {{"city", "Mombasa"}}},
                                                        {"countries_of_operation", {"TZ"}},
                                                        {"year_established", nullptr},
                                                        {"trading_names", nullptr}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->profile.address.city, "Mombasa");
  EXPECT_EQ(r->profile.address.street, "1 Road") << "members the patch does not name are kept";
  EXPECT_EQ(r->profile.countries_of_operation, std::vector<std::string>{"TZ"});
  EXPECT_FALSE(r->profile.year_established.has_value());
  EXPECT_TRUE(r->profile.trading_names.empty());
}

TEST(ApplyProfilePatch, TakesCodeOfConductAcceptanceApart) {
  Result<ProfilePatch> r = ApplyProfilePatch(Sample(), {{"code_of_conduct_accepted", true}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->code_of_conduct_accepted, true);
  EXPECT_EQ(r->profile, Sample());
  EXPECT_EQ(ApplyProfilePatch(Sample(), {{"code_of_conduct_accepted", "yes"}}).status().field(),
            "/code_of_conduct_accepted");
}

TEST(ApplyProfilePatch, RefusesANonObject) {
  EXPECT_EQ(ApplyProfilePatch(Sample(), json::array()).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(RecordToJson, AddsServerOwnedFieldsAndTitles) {
  SupplierRecord r;
  r.id = SupplierId{7};
  r.profile = Sample();
  r.state = ReviewState::kChangesRequested;
  r.version = 3;
  const json doc = RecordToJson(r, {{"43211500", "Computers"}});
  EXPECT_EQ(doc["id"], 7);
  EXPECT_EQ(doc["state"], "changes_requested");
  EXPECT_EQ(doc["unspsc_code_titles"]["43211500"], "Computers");
  EXPECT_TRUE(doc["code_of_conduct_accepted_at"].is_null());
}

}  // namespace
}  // namespace tb::suppliers
