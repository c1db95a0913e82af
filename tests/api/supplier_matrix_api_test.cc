// AS-14 against the real server: a generated matrix of supplier A's requests on every route
// with an object id, with B's and C's ids, other tenants' ids (an agency's, the centre's)
// and ids that do not exist, by cookie and by API token. Nothing of B or C may leak, nothing
// of theirs may change, and for each route the answer to "someone else's" must be identical
// (status and body, bar the `instance` path) to the answer to "nothing there".
#include <map>
#include <set>

#include "accounts_client.h"
#include "suppliers/testing/test_files.h"

namespace tb::api_test {
namespace {

using nlohmann::json;
namespace files = suppliers::testing;

std::string Text(const std::vector<std::uint8_t>& bytes) { return {bytes.begin(), bytes.end()}; }

class SupplierMatrixApiTest : public AccountsApiTest {
 protected:
  static void SetUpTestSuite() { StartServer(); }

  struct Request {
    std::string label;  // the route, for grouping answers
    std::string method;
    std::string path;
    std::string body = {};
    std::string content_type = "application/json";
    httplib::Headers headers = {};
  };

  // Every request A can make on supplier `id` (a path segment, possibly malformed).
  static std::vector<Request> SupplierRequests(const std::string& id) {
    const std::string base = "/api/v1/suppliers/" + id;
    const std::string upload =
        MultipartBody({{"kind", "other"}, {"file", Text(files::MinimalPdf("from A")), "a.pdf"}});
    return {
        {"GET profile", "GET", base + "/profile"},
        {"PATCH profile", "PATCH", base + "/profile", R"({"website":"https://evil.example"})",
         "application/merge-patch+json"},
        {"GET readiness", "GET", base + "/readiness?lang=fr"},
        {"POST documents", "POST", base + "/documents", upload, MultipartType()},
        {"GET documents", "GET", base + "/documents"},
        {"POST review", "POST", base + "/review", R"({"action":"submit"})"},
        {"GET history", "GET", base + "/history"},
        {"GET export", "GET", base + "/export/ungm"},
        {"GET export text", "GET", base + "/export/ungm", "", "", {{"Accept", "text/plain"}}},
    };
  }
  static std::vector<Request> DocumentRequests(const std::string& id) {
    return {{"GET content", "GET", "/api/v1/documents/" + id + "/content"},
            {"DELETE document", "DELETE", "/api/v1/documents/" + id}};
  }

  std::int64_t UploadAs(const Account& who, const std::string& kind, const std::string& content,
                        const char* filename, std::vector<FormPart> extra = {}) {
    std::vector<FormPart> parts = {{"kind", kind}};
    parts.insert(parts.end(), extra.begin(), extra.end());
    parts.push_back({"file", content, filename});
    auto r = Send("POST", "/api/v1/suppliers/" + std::to_string(who.organisation) + "/documents",
                  who, MultipartBody(parts), MultipartType());
    EXPECT_TRUE(r && r->status == 201) << (r ? r->body : "no answer");
    return Body(r).value("id", 0);
  }

  // What B or C can see of itself, to compare before and after the matrix.
  json Snapshot(const Account& who) {
    const std::string base = "/api/v1/suppliers/" + std::to_string(who.organisation);
    json snapshot = {{"profile", Body(Send("GET", base + "/profile", who))},
                     {"documents", Body(Send("GET", base + "/documents", who))},
                     {"history", Body(Send("GET", base + "/history", who))}};
    for (const json& d : snapshot["documents"]["items"]) {
      auto content =
          Send("GET", "/api/v1/documents/" + std::to_string(d["id"].get<int>()) + "/content", who);
      snapshot["content"].push_back(content ? content->body : "");
    }
    return snapshot;
  }
};

TEST_F(SupplierMatrixApiTest, SupplierANeverReachesAnotherCompanysObjects) {
  Account a = Supplier("a@alpha.example", "Alpha Trading");
  Account b = Supplier("b@baobab.example", "Baobab SECRET-B Ltd");
  Account c = Supplier("c@cedar.example", "Cedar SECRET-C Works", "UG");
  Account officer = Officer("officer@undp.example");
  Account staff = Officer("staff@centre.example");
  AddApiToken(a, {"profile:read", "profile:write", "documents:read", "documents:write"});

  // Each company fills in something and uploads documents; A too, so A's own ids exist.
  for (const Account* who : {&a, &b, &c}) {
    const std::string profile =
        "/api/v1/suppliers/" + std::to_string(who->organisation) + "/profile";
    auto patched =
        Send("PATCH", profile, *who, json({{"trading_names", {"MARK-" + who->email}}}).dump());
    ASSERT_TRUE(patched && patched->status == 200) << (patched ? patched->body : "");
  }
  UploadAs(a, "other", Text(files::MinimalPdf("A's own")), "alpha.pdf");
  const std::int64_t b_doc1 = UploadAs(b, "certificate", Text(files::MinimalPdf("SECRET-B-DOC")),
                                       "SECRET-B-certificate.pdf");
  const std::int64_t b_doc2 =
      UploadAs(b, "financial_statement", Text(files::MinimalPdf("SECRET-B-FS")), "SECRET-B-fs.pdf",
               {{"fiscal_year", "2023"}, {"audited", "true"}});
  const std::int64_t c_doc =
      UploadAs(c, "other", Text(files::MinimalPdf("SECRET-C-DOC")), "SECRET-C.pdf");
  ASSERT_GT(b_doc1 * b_doc2 * c_doc, 0);
  const json b_before = Snapshot(b), c_before = Snapshot(c);

  const std::int64_t max_org = std::max(
      {a.organisation, b.organisation, c.organisation, officer.organisation, staff.organisation});
  const std::int64_t max_doc = std::max({b_doc1, b_doc2, c_doc});
  struct Target {
    std::string kind;  // "other company", "other tenant", "nonexistent"
    std::string id;
  };
  const std::vector<Target> supplier_ids = {
      {"other company", std::to_string(b.organisation)},
      {"other company", "0" + std::to_string(b.organisation)},
      {"other company", std::to_string(c.organisation)},
      {"other tenant", std::to_string(officer.organisation)},
      {"other tenant", std::to_string(staff.organisation)},
      {"nonexistent", std::to_string(max_org + 1)},
      {"nonexistent", std::to_string(max_org + 1000)},
      {"nonexistent", "0"},
      {"nonexistent", "-1"},
      {"nonexistent", "9223372036854775807"},
      {"nonexistent", "9223372036854775808"},
      {"nonexistent", "abc"},
      {"nonexistent", "1e3"},
  };
  const std::vector<Target> document_ids = {
      {"other company", std::to_string(b_doc1)},
      {"other company", std::to_string(b_doc2)},
      {"other company", std::to_string(c_doc)},
      {"nonexistent", std::to_string(max_doc + 1)},
      {"nonexistent", std::to_string(max_doc + 500)},
      {"nonexistent", "0"},
      {"nonexistent", "-5"},
      {"nonexistent", "x"},
  };

  const std::vector<std::string> secrets = {"SECRET-B", "SECRET-C", "MARK-b@",
                                            "MARK-c@",  "Baobab",   "Cedar"};
  int cases = 0, leaks = 0;
  // (route, credential) -> the one answer every denied or missing id must get.
  std::map<std::string, std::pair<int, json>> answers;
  std::map<std::string, std::set<std::string>> kinds_seen;
  auto check = [&](const Request& request, const Target& target, bool bearer) {
    SCOPED_TRACE(request.method + " " + request.path + (bearer ? " (token)" : " (cookie)"));
    httplib::Headers headers = request.headers;
    auto r =
        Send(request.method, request.path, a, request.body, request.content_type, headers, bearer);
    ASSERT_TRUE(r) << "no answer";
    ++cases;
    bool leaked = r->status < 400;
    for (const std::string& secret : secrets) {
      if (r->body.find(secret) != std::string::npos) leaked = true;
    }
    if (leaked) {
      ++leaks;
      ADD_FAILURE() << "leak: " << r->status << " " << r->body.substr(0, 200);
    }
    EXPECT_EQ(r->status, 404) << r->body;
    json shape = json::parse(r->body, nullptr, false);
    ASSERT_TRUE(shape.is_object()) << r->body;
    shape.erase("instance");
    // The service's answer for an object, not the router's "no such route".
    EXPECT_EQ(shape.value("field", ""), "id") << r->body;
    const std::string group = request.label + (bearer ? " token" : " cookie");
    kinds_seen[group].insert(target.kind);
    auto [it, first] = answers.emplace(group, std::make_pair(r->status, shape));
    if (!first) {
      EXPECT_EQ(r->status, it->second.first) << target.kind << " " << target.id;
      EXPECT_EQ(shape, it->second.second) << target.kind << " " << target.id;
    }
  };
  for (bool bearer : {false, true}) {
    for (const Target& target : supplier_ids) {
      for (const Request& request : SupplierRequests(target.id)) check(request, target, bearer);
    }
    for (const Target& target : document_ids) {
      for (const Request& request : DocumentRequests(target.id)) check(request, target, bearer);
    }
  }
  EXPECT_GE(cases, 200);
  EXPECT_EQ(leaks, 0);
  for (const auto& [group, kinds] : kinds_seen) {
    EXPECT_EQ(kinds.count("other company") + kinds.count("nonexistent"), 2u) << group;
  }
  std::printf("AS-14 matrix: %d route x object cases, %d leaks, %zu route groups\n", cases, leaks,
              answers.size());

  EXPECT_EQ(Snapshot(b), b_before) << "B's profile, documents and history are unchanged";
  EXPECT_EQ(Snapshot(c), c_before);
  // A's requests on other tenants' ids created no supplier for them.
  auto tenant =
      Send("GET", "/api/v1/suppliers/" + std::to_string(officer.organisation) + "/profile", staff);
  ASSERT_TRUE(tenant);
  EXPECT_EQ(tenant->status, 404);
  // And A itself still works, by cookie and by token.
  const std::string own = "/api/v1/suppliers/" + std::to_string(a.organisation) + "/profile";
  auto by_cookie = Send("GET", own, a);
  auto by_token = Send("GET", own, a, "", "", {}, true);
  ASSERT_TRUE(by_cookie && by_token);
  EXPECT_EQ(by_cookie->status, 200);
  EXPECT_EQ(by_token->status, 200);
  EXPECT_EQ(Body(by_cookie)["version"], 2) << "A's matrix PATCHes went nowhere";
}

}  // namespace
}  // namespace tb::api_test
