// The supplier profile, readiness, review, history and export routes through the whole
// pipeline with the real SupplierService (docs/accounts.md, docs/suppliers.md).
#include <gtest/gtest.h>

#include "http/testing/supplier_api_fixture.h"
#include "suppliers/readiness.h"

namespace tb::http {
namespace {

using auth::Role;
using nlohmann::json;

class SupplierRoutesTest : public testing::SupplierApiTest {
 protected:
  static std::string Profile(std::int64_t id) {
    return "/api/v1/suppliers/" + std::to_string(id) + "/profile";
  }
  static std::string Path(std::int64_t id, const std::string& rest) {
    return "/api/v1/suppliers/" + std::to_string(id) + "/" + rest;
  }
  // A problem body without `instance`, which names the request path.
  static json Shape(const Response& r) {
    json body = Json(r);
    if (body.is_object()) body.erase("instance");
    return body;
  }
  // Everything the Basic level of readiness asks for.
  static json BasicPatch() {
    return {{"legal_name", "Acme Kenya Ltd"},
            {"year_established", 2015},
            {"registration_numbers", {{{"country", "KE"}, {"number", "PVT-2015-77"}}}},
            {"party_scale", "small"},
            {"address", {{"street", "1 Moi Avenue"}, {"city", "Nairobi"}, {"country", "KE"}}},
            {"countries_of_operation", {"KE", "UG"}},
            {"contacts", {{{"name", "Amina"}, {"email", "amina@acme.co.ke"}}}},
            {"unspsc_codes", {"43211500"}},
            {"code_of_conduct_accepted", true}};
  }
};

TEST_F(SupplierRoutesTest, TheCompanysFirstRequestCreatesItsDraftFromTheSignUpCompany) {
  Session a = SignedIn("a@example.org", Role::kSupplierUser, "Acme Kenya Ltd");
  EXPECT_FALSE(supplier_store.Get(SupplierId{a.organisation.value}).ok());

  Response r = As(a, "GET", Profile(a.organisation.value));
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = Json(r);
  EXPECT_EQ(body["id"], a.organisation.value) << "a supplier's id is its organisation's id";
  EXPECT_EQ(body["legal_name"], "Acme Kenya Ltd");
  EXPECT_EQ(body["address"]["country"], "KE");
  EXPECT_EQ(body["state"], "draft");
  EXPECT_EQ(body["version"], 1);
  ASSERT_NE(r.Header("ETag"), nullptr);
  EXPECT_EQ(*r.Header("ETag"), "\"v1-en\"");

  Response again = As(a, "GET", Profile(a.organisation.value));
  EXPECT_EQ(Json(again)["version"], 1) << "created once";
  Response history = As(a, "GET", Path(a.organisation.value, "history"));
  ASSERT_EQ(history.status, 200) << history.body;
  ASSERT_EQ(Json(history)["items"].size(), 1u);
  EXPECT_EQ(Json(history)["items"][0]["action"], "created");
  EXPECT_EQ(Json(history)["items"][0]["actor"], a.user.value);
}

// AS-14: another company's profile answers exactly as a missing one, and reading it never
// creates it.
TEST_F(SupplierRoutesTest, AnotherCompanysProfileIsNotFoundExactlyLikeAMissingOne) {
  Session a = SignedIn("a@example.org", Role::kSupplierUser);
  Session b = SignedIn("b@example.org", Role::kSupplierUser);
  const std::int64_t b_id = b.organisation.value;

  Response before_b_visited = As(a, "GET", Profile(b_id));
  EXPECT_EQ(before_b_visited.status, 404);
  EXPECT_FALSE(supplier_store.Get(SupplierId{b_id}).ok()) << "A's request must not create B";

  ASSERT_EQ(As(b, "GET", Profile(b_id)).status, 200);
  Response of_b = As(a, "GET", Profile(b_id));
  Response missing = As(a, "GET", Profile(987654));
  Response malformed = As(a, "GET", "/api/v1/suppliers/x1/profile");
  EXPECT_EQ(of_b.status, 404);
  EXPECT_EQ(Shape(of_b), Shape(missing));
  EXPECT_EQ(Shape(of_b), Shape(malformed));
  EXPECT_EQ(Shape(of_b), Shape(before_b_visited));
  EXPECT_EQ(of_b.body.find("Org of b"), std::string::npos);

  Response write = As(a, "PATCH", Profile(b_id), R"({"website":"https://evil.example"})");
  EXPECT_EQ(write.status, 404);
  EXPECT_EQ(Shape(write), Shape(As(a, "PATCH", Profile(987654), R"({"website":"https://x.org"})")));
  EXPECT_EQ(supplier_store.Get(SupplierId{b_id})->version, 1);
}

TEST_F(SupplierRoutesTest, PatchIsAMergePatchCheckedAgainstIfMatch) {
  Session a = SignedIn("a@example.org", Role::kSupplierUser, "Acme");
  const std::int64_t id = a.organisation.value;
  Response get = As(a, "GET", Profile(id));
  ASSERT_EQ(get.status, 200);
  const std::string etag = *get.Header("ETag");

  Response patched = As(a, "PATCH", Profile(id),
                        R"({"website":"https://acme.example","address":{"city":"Nairobi"}})",
                        {{"if-match", etag}, {"content-type", "application/merge-patch+json"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Json(patched)["website"], "https://acme.example");
  EXPECT_EQ(Json(patched)["address"]["city"], "Nairobi");
  EXPECT_EQ(Json(patched)["address"]["country"], "KE") << "objects merge member by member";
  EXPECT_EQ(Json(patched)["version"], 2);
  EXPECT_EQ(*patched.Header("ETag"), "\"v2-en\"");

  Response stale =
      As(a, "PATCH", Profile(id), R"({"website":"https://other.example"})", {{"if-match", etag}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  Response gzip_tag = As(a, "PATCH", Profile(id), R"({"website":"https://other.example"})",
                         {{"if-match", "W/\"v2-en-gzip\""}});
  EXPECT_EQ(gzip_tag.status, 200) << "the tag of a compressed answer names the same version";
  Response foreign_tag =
      As(a, "PATCH", Profile(id), R"({"website":"https://x.example"})", {{"if-match", "\"abc\""}});
  EXPECT_EQ(foreign_tag.status, 400);
  EXPECT_EQ(Json(foreign_tag)["field"], "If-Match");
  EXPECT_EQ(supplier_store.Get(SupplierId{id})->profile.website, "https://other.example");
}

// AS-20: server-owned fields anywhere in a PATCH: 400 naming the field, nothing changes.
TEST_F(SupplierRoutesTest, PatchRefusesServerOwnedAndUnknownFieldsAndChangesNothing) {
  Session a = SignedIn("a@example.org", Role::kSupplierUser);
  const std::int64_t id = a.organisation.value;
  ASSERT_EQ(As(a, "GET", Profile(id)).status, 200);
  const suppliers::SupplierRecord before = *supplier_store.Get(SupplierId{id});
  const std::vector<std::pair<std::string, json>> injected = {
      {"id", 99},
      {"state", "registered"},
      {"review_comment", "ok"},
      {"ungm_number", "1"},
      {"code_of_conduct_accepted_at", "2020-01-01T00:00:00Z"},
      {"created_at", "x"},
      {"updated_at", "x"},
      {"version", 7},
      {"unspsc_code_titles", json::object()},
      {"organisation_id", 2},
      {"status", "registered"},
      {"supplier_id", 3},
      {"role", "administrator"}};
  for (const auto& [field, value] : injected) {
    SCOPED_TRACE(field);
    json patch = {{"website", "https://acme.example"}};
    patch[field] = value;
    Response r = As(a, "PATCH", Profile(id), patch.dump());
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(Code(r), "unknown_field");
    EXPECT_NE(Json(r).value("field", "").find(field), std::string::npos) << r.body;
  }
  Response nested = As(a, "PATCH", Profile(id), R"({"address":{"planet":"Mars"}})");
  EXPECT_EQ(nested.status, 400);
  EXPECT_EQ(Json(nested)["field"], "/address/planet");
  EXPECT_EQ(*supplier_store.Get(SupplierId{id}), before);
}

TEST_F(SupplierRoutesTest, PatchNeedsJsonAndRefusesDuplicateKeys) {
  Session a = SignedIn("a@example.org", Role::kSupplierUser);
  const std::string path = Profile(a.organisation.value);
  EXPECT_EQ(
      As(a, "PATCH", path, R"({"website":"https://a.example"})", {{"content-type", "text/plain"}})
          .status,
      415);
  EXPECT_EQ(Code(As(a, "PATCH", path, "{not json")), "malformed_json");
  Response duplicate = As(a, "PATCH", path, R"({"website":"https://a.example","website":"x"})");
  EXPECT_EQ(duplicate.status, 400);
  EXPECT_EQ(Code(duplicate), "malformed_json");
  EXPECT_EQ(Code(As(a, "PATCH", path, "[1]")), "malformed_json");
}

TEST_F(SupplierRoutesTest, OfficersAndStaffReadButOnlyTheCompanyWrites) {
  Session a = SignedIn("a@example.org", Role::kSupplierUser);
  const std::int64_t id = a.organisation.value;
  ASSERT_EQ(As(a, "GET", Profile(id)).status, 200);
  Session officer = SignedIn("officer@undp.org", Role::kAgencyOfficer);
  Session staff = SignedIn("staff@centre.org", Role::kCentreStaff);

  EXPECT_EQ(As(officer, "GET", Profile(id)).status, 200);
  EXPECT_EQ(As(staff, "GET", Path(id, "readiness")).status, 200);
  const std::size_t denials = security_log.Count("access_denied");
  Response write = As(officer, "PATCH", Profile(id), R"({"website":"https://x.example"})");
  EXPECT_EQ(write.status, 403);
  EXPECT_EQ(Code(write), "forbidden");
  EXPECT_EQ(security_log.Count("access_denied"), denials + 1);
  EXPECT_EQ(supplier_store.Get(SupplierId{id})->version, 1);
  // The history and the export are the company's and the centre's, not agencies'.
  EXPECT_EQ(As(officer, "GET", Path(id, "history")).status, 403);
  EXPECT_EQ(As(officer, "GET", Path(id, "export/ungm")).status, 403);
  EXPECT_EQ(As(staff, "GET", Path(id, "history")).status, 200);
}

TEST_F(SupplierRoutesTest, ReadinessSpeaksTheReadersLanguage) {
  Session a = SignedIn("a@example.org", Role::kSupplierUser);
  const std::string path = Path(a.organisation.value, "readiness");
  auto first_message = [](const Response& r) {
    const json body = Json(r);
    for (const json& level : body["levels"]) {
      for (const json& item : level["items"]) {
        if (!item.value("done", true)) return item.value("message", "");
      }
    }
    return std::string();
  };
  Response english = As(a, "GET", path);
  ASSERT_EQ(english.status, 200) << english.body;
  EXPECT_EQ(Json(english)["reached"], "none");
  EXPECT_EQ(Json(english)["can_submit"], false);
  EXPECT_EQ(Json(english)["state"], "draft");
  EXPECT_EQ(Json(english)["levels"].size(), 3u);

  Response french = As(a, "GET", path, "", {}, "lang=fr");
  Response by_header = As(a, "GET", path, "", {{"accept-language", "de-DE, fr;q=0.9, en;q=0.5"}});
  EXPECT_EQ(Json(french)["language"], "fr");
  EXPECT_EQ(Json(by_header)["language"], "fr") << "the first UN language by preference";
  EXPECT_EQ(first_message(french), first_message(by_header));
  EXPECT_NE(first_message(french), first_message(english));
  EXPECT_EQ(As(a, "GET", path, "", {}, "lang=1x").status, 422);
}

TEST_F(SupplierRoutesTest, TheCompanySubmitsOnceBasicIsDoneThenStaffReview) {
  Session a = SignedIn("a@example.org", Role::kSupplierUser);
  const std::int64_t id = a.organisation.value;
  Session staff = SignedIn("staff@centre.org", Role::kCentreStaff);
  Session officer = SignedIn("officer@undp.org", Role::kAgencyOfficer);

  Response early = As(a, "POST", Path(id, "review"), R"({"action":"submit"})");
  EXPECT_EQ(early.status, 409) << "Basic is not complete: " << early.body;

  ASSERT_EQ(As(a, "PATCH", Profile(id), BasicPatch().dump()).status, 200);
  EXPECT_EQ(Json(As(a, "GET", Path(id, "readiness")))["can_submit"], true);
  for (const char* field : {"state", "supplier_id", "status", "reviewer"}) {
    SCOPED_TRACE(field);
    json body = {{"action", "submit"}};
    body[field] = "registered";
    Response injected = As(a, "POST", Path(id, "review"), body.dump());
    EXPECT_EQ(injected.status, 400);
    EXPECT_EQ(Json(injected)["field"], field);
  }
  EXPECT_EQ(supplier_store.Get(SupplierId{id})->state, suppliers::ReviewState::kDraft);

  Response submitted = As(a, "POST", Path(id, "review"), R"({"action":"submit"})");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Json(submitted)["state"], "submitted");
  EXPECT_EQ(As(a, "POST", Path(id, "review"), R"({"action":"start_review"})").status, 403);
  EXPECT_EQ(Code(As(officer, "POST", Path(id, "review"), R"({"action":"start_review"})")),
            "forbidden");
  Response started = As(staff, "POST", Path(id, "review"), R"({"action":"start_review"})");
  ASSERT_EQ(started.status, 200) << started.body;
  EXPECT_EQ(Json(started)["state"], "in_review");
  EXPECT_EQ(As(staff, "POST", Path(id, "review"), R"({"action":"fly"})").status, 422);

  Response history = As(staff, "GET", Path(id, "history"));
  std::vector<std::string> actions;
  const json events = Json(history)["items"];
  for (const json& e : events) actions.push_back(e["action"]);
  EXPECT_EQ(actions,
            (std::vector<std::string>{"created", "profile_updated", "submit", "start_review"}));
}

TEST_F(SupplierRoutesTest, TheUngmExportIsJsonOrTextByAccept) {
  Session a = SignedIn("a@example.org", Role::kSupplierUser);
  const std::int64_t id = a.organisation.value;
  ASSERT_EQ(As(a, "PATCH", Profile(id), BasicPatch().dump()).status, 200);
  Response as_json = As(a, "GET", Path(id, "export/ungm"));
  ASSERT_EQ(as_json.status, 200) << as_json.body;
  EXPECT_TRUE(Json(as_json).is_object());
  EXPECT_NE(as_json.body.find("Acme Kenya Ltd"), std::string::npos);

  Response as_text = As(a, "GET", Path(id, "export/ungm"), "", {{"accept", "text/plain"}});
  ASSERT_EQ(as_text.status, 200);
  EXPECT_TRUE(as_text.Header("Content-Type")->starts_with("text/plain"));
  EXPECT_NE(as_text.body.find("Acme Kenya Ltd"), std::string::npos);
  EXPECT_TRUE(Json(as_text).is_discarded());

  Response prefers_json =
      As(a, "GET", Path(id, "export/ungm"), "", {{"accept", "text/plain;q=0.5, application/json"}});
  EXPECT_TRUE(Json(prefers_json).is_object());
  EXPECT_EQ(As(a, "GET", Path(id, "export/ungm"), "", {{"accept", "image/png"}}).status, 406);
}

TEST_F(SupplierRoutesTest, WithoutTheSupplierServiceTheRoutesAre503) {
  supplier_service = nullptr;
  Session a = SignedIn("a@example.org", Role::kSupplierUser);
  EXPECT_EQ(As(a, "GET", Profile(a.organisation.value)).status, 503);
  EXPECT_EQ(As(a, "GET", Path(a.organisation.value, "readiness")).status, 503);
}

}  // namespace
}  // namespace tb::http
