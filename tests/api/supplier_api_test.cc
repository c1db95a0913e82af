// Suppliers, documents, the directory and sanctions review through the real server
// (docs/accounts.md): AS-15 (roles), AS-20 (server-owned fields), AS-26..AS-29 (uploads and
// downloads), AS-12 (step-up) and the re-screening of suppliers when a list is imported.
#include <cstdio>

#include "accounts_client.h"
#include "suppliers/testing/test_files.h"

namespace tb::api_test {
namespace {

using nlohmann::json;
namespace files = suppliers::testing;

std::string Text(const std::vector<std::uint8_t>& bytes) { return {bytes.begin(), bytes.end()}; }

class SupplierApiTest : public AccountsApiTest {
 protected:
  static void SetUpTestSuite() { StartServer(); }

  static std::string PathOf(const Account& a, const std::string& rest) {
    return "/api/v1/suppliers/" + std::to_string(a.organisation) + "/" + rest;
  }
  httplib::Result Upload(const Account& a, const std::string& content, const char* filename,
                         const std::string& filename_bytes = "") {
    FormPart file{"file", content, filename, filename_bytes};
    return Send("POST", PathOf(a, "documents"), a, MultipartBody({{"kind", "other"}, file}),
                MultipartType());
  }
  std::size_t DocumentCount(const Account& a) {
    return Body(Send("GET", PathOf(a, "documents"), a))["items"].size();
  }
};

// AS-15: supplier users cannot call officer or staff routes, by cookie or by token.
TEST_F(SupplierApiTest, SuppliersCannotCallOfficerOrStaffRoutes) {
  Account a = Supplier("a@alpha.example", "Alpha Trading");
  AddApiToken(a, {"directory:read", "sanctions:read", "profile:read"});
  Account officer = Officer("officer@undp.example");
  const std::vector<std::pair<std::string, std::string>> staff_routes = {
      {"GET", "/api/v1/directory/suppliers"},
      {"GET", "/api/v1/sanctions/list"},
      {"GET", "/api/v1/sanctions/reviews"},
      {"GET", "/api/v1/sanctions/reviews/1"},
      {"POST", "/api/v1/sanctions/reviews/1/decision"},
  };
  int refused = 0;
  for (bool bearer : {false, true}) {
    for (const auto& [method, path] : staff_routes) {
      SCOPED_TRACE(method + " " + path + (bearer ? " (token)" : ""));
      auto r = Send(method, path, a, R"({"decision":"clear","note":"x"})", "application/json", {},
                    bearer);
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, 403) << r->body;
      EXPECT_EQ(Code(r), "forbidden");
      if (r->status == 403) ++refused;
    }
  }
  EXPECT_EQ(refused, 10);
  // Officers: the directory yes, sanctions no.
  auto directory = Send("GET", "/api/v1/directory/suppliers", officer);
  ASSERT_TRUE(directory);
  EXPECT_EQ(directory->status, 200) << directory->body;
  auto sanctions = Send("GET", "/api/v1/sanctions/reviews", officer);
  ASSERT_TRUE(sanctions);
  EXPECT_EQ(sanctions->status, 403);
}

// AS-20: each server-owned field injected into each write route: 400 with the field, and a
// re-read shows nothing changed.
TEST_F(SupplierApiTest, ServerOwnedFieldsAreRefusedAndChangeNothing) {
  Account a = Supplier("a@alpha.example", "Alpha Trading");
  auto first = Send("GET", PathOf(a, "profile"), a);
  ASSERT_TRUE(first && first->status == 200) << (first ? first->body : "");
  const json before = Body(first);
  const std::vector<std::string> owned = {"id",
                                          "state",
                                          "review_comment",
                                          "ungm_number",
                                          "code_of_conduct_accepted_at",
                                          "created_at",
                                          "updated_at",
                                          "version",
                                          "unspsc_code_titles",
                                          "organisation_id",
                                          "status",
                                          "supplier_id",
                                          "role"};
  int refused = 0;
  for (const std::string& field : owned) {
    SCOPED_TRACE(field);
    json patch = {{"website", "https://alpha.example"}};
    patch[field] = field == "version" || field == "id" ? json(99) : json("registered");
    auto r = Send("PATCH", PathOf(a, "profile"), a, patch.dump(), "application/merge-patch+json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << r->body;
    EXPECT_EQ(Code(r), "unknown_field");
    if (r->status == 400 && Body(r).value("field", "").find(field) != std::string::npos) ++refused;
  }
  for (const char* field : {"state", "supplier_id", "status", "role", "reviewer"}) {
    SCOPED_TRACE(std::string("review + ") + field);
    json body = {{"action", "submit"}, {field, "registered"}};
    auto r = Send("POST", PathOf(a, "review"), a, body.dump());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << r->body;
    if (r->status == 400 && Body(r).value("field", "") == std::string(field)) ++refused;
  }
  EXPECT_EQ(refused, static_cast<int>(owned.size()) + 5);
  EXPECT_EQ(Body(Send("GET", PathOf(a, "profile"), a)), before);
  EXPECT_EQ(Body(Send("GET", PathOf(a, "history"), a))["items"].size(), 1u)
      << "only the creation: no refused write was recorded";
}

// AS-26..AS-29 through the API.
TEST_F(SupplierApiTest, UploadsAreCheckedAndDownloadsNeverRender) {
  Account a = Supplier("a@alpha.example", "Alpha Trading");
  ASSERT_EQ(Send("GET", PathOf(a, "profile"), a)->status, 200);

  auto too_big = Upload(a, std::string(20 * 1024 * 1024 + 1, '%'), "big.pdf");
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->status, 413) << too_big->body;
  auto exe = Upload(a, Text(files::WindowsExecutable()), "invoice.pdf");
  ASSERT_TRUE(exe);
  EXPECT_EQ(exe->status, 415) << exe->body;
  auto eicar = Upload(a, Text(files::EicarFile()), "eicar.pdf");
  ASSERT_TRUE(eicar);
  EXPECT_GE(eicar->status, 400) << "EICAR alone is refused (as text, before the scan)";
  auto eicar_in_pdf = Upload(a, Text(files::MinimalPdf()) + Text(files::EicarFile()), "x.pdf");
  ASSERT_TRUE(eicar_in_pdf);
  EXPECT_EQ(eicar_in_pdf->status, 422) << eicar_in_pdf->body;
  EXPECT_EQ(Code(eicar_in_pdf), "malware_detected");
  for (const char* markup : {"<html><script>alert(1)</script></html>",
                             "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"}) {
    auto r = Upload(a, markup, "page.pdf");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 415) << markup;
  }
  EXPECT_EQ(DocumentCount(a), 0u) << "storage unchanged by every refusal";

  const std::string rtl =
      "cv\xE2\x80\xAE"
      "fdp.exe";
  const std::string with_nul("report\0.exe.pdf", 15);
  for (const std::string& name : {std::string("../../x.pdf"), with_nul, rtl}) {
    SCOPED_TRACE(name);
    auto r = Upload(a, Text(files::MinimalPdf()), nullptr, name);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
    const std::string stored = Body(r)["filename"];
    EXPECT_EQ(stored.find('/'), std::string::npos) << stored;
    EXPECT_EQ(stored.find('\0'), std::string::npos);
    EXPECT_EQ(stored.find("\xE2\x80\xAE"), std::string::npos) << stored;
    EXPECT_NE(stored.find_first_not_of("._"), std::string::npos) << stored;

    auto content = Send(
        "GET", "/api/v1/documents/" + std::to_string(Body(r)["id"].get<int>()) + "/content", a);
    ASSERT_TRUE(content);
    ASSERT_EQ(content->status, 200);
    EXPECT_EQ(content->get_header_value("Content-Type"), "application/pdf");
    EXPECT_TRUE(
        content->get_header_value("Content-Disposition").starts_with("attachment; filename=\""));
    EXPECT_NE(content->get_header_value("Content-Disposition").find("filename*=UTF-8''"),
              std::string::npos);
    EXPECT_EQ(content->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(content->get_header_value("Cache-Control"), "no-store");
    EXPECT_EQ(content->body, Text(files::MinimalPdf()));
  }
  EXPECT_EQ(DocumentCount(a), 3u);
}

TEST_F(SupplierApiTest, TheProfileJourneyFromSignUpToReview) {
  Account a = Supplier("a@alpha.example", "Alpha Trading Ltd");
  Account staff = Officer("staff@centre.example");
  auto profile = Send("GET", PathOf(a, "profile"), a);
  ASSERT_TRUE(profile);
  ASSERT_EQ(profile->status, 200) << profile->body;
  EXPECT_EQ(Body(profile)["legal_name"], "Alpha Trading Ltd");
  const std::string etag = profile->get_header_value("ETag");
  const json basic = {{"year_established", 2015},
                      {"registration_numbers", {{{"country", "KE"}, {"number", "PVT-1"}}}},
                      {"party_scale", "small"},
                      {"address", {{"street", "1 Moi Avenue"}, {"city", "Nairobi"}}},
                      {"countries_of_operation", {"KE"}},
                      {"contacts", {{{"name", "Amina"}, {"email", "amina@alpha.example"}}}},
                      {"unspsc_codes", {"43211500"}},
                      {"code_of_conduct_accepted", true}};
  auto patched = Send("PATCH", PathOf(a, "profile"), a, basic.dump(),
                      "application/merge-patch+json", {{"If-Match", etag}});
  ASSERT_TRUE(patched);
  ASSERT_EQ(patched->status, 200) << patched->body;
  auto stale = Send("PATCH", PathOf(a, "profile"), a, R"({"website":"https://a.example"})",
                    "application/merge-patch+json", {{"If-Match", etag}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);

  auto readiness = Send("GET", PathOf(a, "readiness"), a, "", "", {{"Accept-Language", "fr"}});
  ASSERT_TRUE(readiness);
  EXPECT_EQ(Body(readiness)["reached"], "basic") << readiness->body;
  EXPECT_EQ(Body(readiness)["can_submit"], true);
  EXPECT_EQ(Body(readiness)["language"], "fr");
  auto submitted = Send("POST", PathOf(a, "review"), a, R"({"action":"submit"})");
  ASSERT_TRUE(submitted);
  EXPECT_EQ(Body(submitted)["state"], "submitted") << submitted->body;
  auto started = Send("POST", PathOf(a, "review"), staff, R"({"action":"start_review"})");
  ASSERT_TRUE(started);
  EXPECT_EQ(Body(started)["state"], "in_review") << started->body;
  auto text = Send("GET", PathOf(a, "export/ungm"), staff, "", "", {{"Accept", "text/plain"}});
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 200);
  EXPECT_NE(text->body.find("Alpha Trading Ltd"), std::string::npos);

  Account officer = Officer("officer@undp.example");
  auto found = Send("GET", "/api/v1/directory/suppliers?q=alpha&limit=1", officer);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200) << found->body;
  EXPECT_EQ(Body(found)["total"], 1) << found->body;
  EXPECT_EQ(Body(found)["items"][0]["readiness_level"], "basic");
}

// The CLI imports the UN list while the server runs; the import screens the supplier register
// again, and centre staff decide the possible hit (AS-12: within 15 minutes of sign-in).
TEST_F(SupplierApiTest, ImportingTheListScreensSuppliersAndStaffDecide) {
  Account listed = Supplier("kmdtc@example.org", "Korea Mining Development Trading Corp", "KP");
  Account clean = Supplier("sunrise@example.org", "Sunrise Logistics", "AU");
  ASSERT_EQ(Send("GET", PathOf(listed, "profile"), listed)->status, 200);
  ASSERT_EQ(Send("GET", PathOf(clean, "profile"), clean)->status, 200);
  Account staff = Officer("staff@centre.example");
  auto none = Send("GET", "/api/v1/sanctions/list", staff);
  ASSERT_TRUE(none);
  EXPECT_TRUE(Body(none)["current"].is_null()) << none->body;

  const std::string log = dir_->path() + "/import.log";
  ASSERT_EQ(RunCommand({kBin, "import", "sanctions",
                        std::string(TB_SOURCE_DIR) +
                            "/data/un-sanctions/un-sc-consolidated-2024-09-26.xml",
                        "--database", database_},
                       log),
            0)
      << ReadFile(log);
  EXPECT_NE(ReadFile(log).find("screened again: 2"), std::string::npos) << ReadFile(log);

  auto list = Send("GET", "/api/v1/sanctions/list", staff);
  ASSERT_TRUE(list);
  EXPECT_EQ(Body(list)["current"].value("entry_count", 0), 875) << list->body;
  auto queue = Send("GET", "/api/v1/sanctions/reviews", staff);
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->status, 200) << queue->body;
  const json items = Body(queue)["items"];
  ASSERT_EQ(items.size(), 1u) << queue->body;
  EXPECT_EQ(items[0]["supplier"]["id"], std::to_string(listed.organisation));
  const std::string id = std::to_string(items[0]["id"].get<int>());

  auto detail = Send("GET", "/api/v1/sanctions/reviews/" + id, staff);
  ASSERT_TRUE(detail);
  EXPECT_EQ(Body(detail)["entry"]["reference"], "KPe.001") << detail->body;
  auto decided = Send("POST", "/api/v1/sanctions/reviews/" + id + "/decision", staff,
                      R"({"decision":"confirm","note":"Same company as KPe.001"})");
  ASSERT_TRUE(decided);
  EXPECT_EQ(decided->status, 200) << decided->body;
  EXPECT_EQ(Body(decided)["status"], "confirmed");
  auto again = Send("POST", "/api/v1/sanctions/reviews/" + id + "/decision", staff,
                    R"({"decision":"clear","note":"changed my mind"})");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
  auto by_supplier = Send("GET", "/api/v1/sanctions/reviews/" + id, listed);
  ASSERT_TRUE(by_supplier);
  EXPECT_EQ(by_supplier->status, 403);
}

}  // namespace
}  // namespace tb::api_test
