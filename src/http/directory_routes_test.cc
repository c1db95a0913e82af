// GET /api/v1/directory/suppliers through the whole pipeline (AS-15: not for suppliers).
#include <gtest/gtest.h>

#include "http/testing/supplier_api_fixture.h"

namespace tb::http {
namespace {

using auth::Role;
using nlohmann::json;

class DirectoryRoutesTest : public testing::SupplierApiTest {
 protected:
  // A supplier company that has filled in its profile, as its own user would.
  void AddSupplier(const std::string& email, const std::string& name, const std::string& country) {
    Session s = SignedIn(email, Role::kSupplierUser, name);
    Response r =
        As(s, "PATCH", "/api/v1/suppliers/" + std::to_string(s.organisation.value) + "/profile",
           json({{"address", {{"country", country}}}, {"party_scale", "small"}}).dump());
    ASSERT_EQ(r.status, 200) << r.body;
  }
};

TEST_F(DirectoryRoutesTest, OfficersFindSuppliersWithFacetsAndPages) {
  AddSupplier("a@example.org", "Acme Kenya", "KE");
  AddSupplier("b@example.org", "Baobab Logistics", "KE");
  AddSupplier("c@example.org", "Cedar Works", "UG");
  Session officer = SignedIn("officer@undp.org", Role::kAgencyOfficer);

  Response all = As(officer, "GET", "/api/v1/directory/suppliers");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(Json(all)["total"], 3);
  ASSERT_EQ(Json(all)["items"].size(), 3u);
  const json first = Json(all)["items"][0];
  EXPECT_EQ(first["legal_name"], "Acme Kenya");
  EXPECT_EQ(first["size"], "small");
  EXPECT_EQ(first["readiness_level"], "none");
  EXPECT_TRUE(Json(all)["next_cursor"].is_null());
  EXPECT_EQ(Json(all)["facets"].is_object(), true);

  Response kenya = As(officer, "GET", "/api/v1/directory/suppliers", "", {}, "country=ke");
  ASSERT_EQ(kenya.status, 200) << kenya.body;
  EXPECT_EQ(Json(kenya)["total"], 2);

  // The in-memory store pages but leaves next_cursor to SQL (tests/api checks it there);
  // the cursor is the last id of a page either way.
  Response page = As(officer, "GET", "/api/v1/directory/suppliers", "", {}, "limit=2");
  ASSERT_EQ(Json(page)["items"].size(), 2u);
  const std::string cursor = std::to_string(Json(page)["items"][1]["id"].get<std::int64_t>());
  Response rest =
      As(officer, "GET", "/api/v1/directory/suppliers", "", {}, "limit=2&cursor=" + cursor);
  ASSERT_EQ(Json(rest)["items"].size(), 1u);
  EXPECT_EQ(Json(rest)["items"][0]["legal_name"], "Cedar Works");
}

TEST_F(DirectoryRoutesTest, BadFiltersAreRefusedByName) {
  Session staff = SignedIn("staff@centre.org", Role::kCentreStaff);
  const std::pair<const char*, const char*> cases[] = {
      {"size=huge", "size"},      {"level=gold", "level"}, {"women_owned=yes", "women_owned"},
      {"limit=0", "limit"},       {"code=abc", "code"},    {"cursor=x", "cursor"},
      {"countryy=KE", "countryy"}};
  for (const auto& [query, field] : cases) {
    SCOPED_TRACE(query);
    Response r = As(staff, "GET", "/api/v1/directory/suppliers", "", {}, query);
    EXPECT_TRUE(r.status == 400 || r.status == 422) << r.status;
    EXPECT_EQ(Json(r)["field"], field);
  }
}

// AS-15: a supplier user (even with a session that passed no MFA) is refused by the route.
TEST_F(DirectoryRoutesTest, SuppliersCannotSearchTheDirectory) {
  Session a = SignedIn("a@example.org", Role::kSupplierUser);
  Response r = As(a, "GET", "/api/v1/directory/suppliers");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Code(r), "forbidden");
}

}  // namespace
}  // namespace tb::http
