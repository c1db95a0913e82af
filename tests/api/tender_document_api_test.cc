// Uploaded tender documents through the real server (docs/tendering.md, "Tender
// documents"): upload to a draft, list and download with safe headers (RFC 6266/8187
// Content-Disposition, nosniff, the SHA-256), files refused by their bytes (415) and by size
// (413 problem+json, nothing stored), AS-15 (another agency's officer gets the 404 of a
// missing tender), removal from a draft; after publication a new version is an amendment,
// the old version stays downloadable, and the OCDS export lists the document and validates.
#include <ctime>

#include "accounts_client.h"
#include "crypto/random.h"
#include "crypto/sealing.h"
#include "crypto/shamir.h"

namespace tb::api_test {
namespace {

using nlohmann::json;

std::string Pdf(const std::string& marker) {
  return "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% " + marker +
         "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

class TenderDocumentApiTest : public AccountsApiTest {
 protected:
  static void SetUpTestSuite() {
    StartServer({"--max-tender-document-bytes", "4096"});
    const std::string password_file = dir_->path() + "/password";
    { std::ofstream(password_file) << kAccountPassword << "\n"; }
    for (const auto& [email, role, organisation] : std::vector<std::array<std::string, 3>>{
             {"m1@undp.example", "committee_member", "UNDP"},
             {"m2@undp.example", "committee_member", "UNDP"},
             {"m3@undp.example", "committee_member", "UNDP"},
             {"officer@unicef.example", "agency_officer", "UNICEF"}}) {
      ASSERT_EQ(
          RunCommand({kBin, "user", "create", "--database", database_, "--email", email, "--role",
                      role, "--organisation", organisation, "--password-file", password_file},
                     dir_->path() + "/cli.log"),
          0)
          << ReadFile(dir_->path() + "/cli.log");
    }
  }

  static std::string NairobiDay(int days) {
    const std::time_t t = std::time(nullptr) + 3 * 3600 + days * 86400;
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT17:00", std::gmtime(&t));
    return buffer;
  }

  std::string CreateDraft(const Account& officer) {
    const json body = {{"title", "Solar water pumps for Turkana clinics"},
                       {"description", "Supply and installation of 12 solar water pumps."},
                       {"method", "rfq"},
                       {"main_category", "goods"},
                       {"items",
                        {{{"id", "1"},
                          {"description", "Solar pump 2 kW"},
                          {"unspsc", "40151500"},
                          {"quantity", 12},
                          {"unit", "EA"}}}},
                       {"deadline", NairobiDay(20)},
                       {"time_zone", "Africa/Nairobi"},
                       {"evaluation", {{"method", "lowest_price"}}}};
    auto created = Send("POST", "/api/v1/tenders", officer, body.dump());
    EXPECT_TRUE(created && created->status == 201) << (created ? created->body : "no answer");
    return Body(created).value("ocid", "");
  }

  // The committee, the members' sealing keys, the envelope key with sealed Shamir shares,
  // then publication (as tender_api_test does step by step).
  void Publish(const Account& officer, const std::string& path) {
    std::vector<Account> members = {Officer("m1@undp.example"), Officer("m2@undp.example"),
                                    Officer("m3@undp.example")};
    auto assigned = Send("PUT", path + "/committee", officer,
                         json({{"opening", {members[0].user, members[1].user, members[2].user}},
                               {"evaluators", json::array()},
                               {"threshold", 2}})
                             .dump());
    ASSERT_EQ(assigned->status, 200) << assigned->body;
    std::vector<crypto::X25519KeyPair> keys;
    for (const Account& m : members) {
      keys.push_back(crypto::GenerateX25519KeyPair());
      auto put =
          Send("PUT", "/api/v1/me/sealing-key", m,
               json({{"public_key", crypto::Base64UrlEncode(keys.back().public_key)}}).dump());
      ASSERT_EQ(put->status, 200) << put->body;
    }
    const crypto::X25519KeyPair envelope = crypto::GenerateX25519KeyPair();
    auto shares = crypto::SplitSecret(envelope.secret_key.span(), 2, 3);
    ASSERT_TRUE(shares.ok());
    json share_list = json::array();
    for (std::size_t i = 0; i < members.size(); ++i) {
      share_list.push_back({{"user_id", members[i].user},
                            {"sealed_share", crypto::Base64UrlEncode(crypto::SealToPublicKey(
                                                 keys[i].public_key, (*shares)[i]))}});
    }
    auto registered = Send("PUT", path + "/envelopes/single/key", members[0],
                           json({{"public_key", crypto::Base64UrlEncode(envelope.public_key)},
                                 {"threshold", 2},
                                 {"shares", share_list}})
                               .dump());
    ASSERT_EQ(registered->status, 201) << registered->body;
    auto published = Send("POST", path + "/publish", officer, "{}");
    ASSERT_EQ(published->status, 200) << published->body;
  }

  httplib::Result Upload(const Account& who, const std::string& path, std::vector<FormPart> fields,
                         const std::string& bytes, const char* filename) {
    fields.push_back({"file", bytes, filename});
    return Send("POST", path + "/documents", who, MultipartBody(fields), MultipartType());
  }
};

TEST_F(TenderDocumentApiTest, DraftDocumentsUploadListDownloadRefuseAndRemove) {
  Account officer = Officer("officer@undp.example");
  Account unicef = Officer("officer@unicef.example");
  Account alpha = Supplier("a@alpha.example", "Alpha Pumps", "KE");
  const std::string ocid = CreateDraft(officer);
  const std::string path = "/api/v1/tenders/" + ocid;

  const std::string spec = Pdf("spec");
  auto uploaded = Upload(officer, path, {{"kind", "technical_specification"}}, spec,
                         "Cahier des charges \xC3\xA9t\xC3\xA9.pdf");
  ASSERT_TRUE(uploaded);
  ASSERT_EQ(uploaded->status, 201) << uploaded->body;
  const json doc = Body(uploaded);
  EXPECT_EQ(doc["kind"], "technical_specification");
  EXPECT_EQ(doc["document_type"], "technicalSpecifications");
  EXPECT_EQ(doc["current"]["size"], spec.size());
  EXPECT_EQ(doc["current"]["format"], "application/pdf");
  EXPECT_EQ(doc["current"]["sha256"], crypto::Sha256Hex(std::string_view(spec)));
  const std::string id = doc.value("id", "");
  EXPECT_EQ(uploaded->get_header_value("Location"),
            path + "/documents/" + id + "/versions/1/content");

  // The download: the bytes, the detected type, an attachment with the UTF-8 name encoded.
  auto download = Send("GET", path + "/documents/" + id + "/content", officer);
  ASSERT_EQ(download->status, 200) << download->body;
  EXPECT_EQ(download->body, spec);
  EXPECT_EQ(download->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(download->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(download->get_header_value("X-Content-SHA256"), doc["current"]["sha256"]);
  // cpp-httplib hands the value over percent-decoded; the encoding itself is
  // http/attachment.cc's, pinned by document_routes_test.
  EXPECT_TRUE(download->get_header_value("Content-Disposition")
                  .starts_with("attachment; filename=\"Cahier des charges _t_.pdf\"; "
                               "filename*=UTF-8''"))
      << download->get_header_value("Content-Disposition");

  // AS-15: another agency's officer, a supplier and the public get the 404 of a missing id.
  auto missing = Send("GET", "/api/v1/tenders/ocds-tbrdg1-999999/documents", unicef);
  ASSERT_EQ(missing->status, 404);
  for (const httplib::Result& r :
       {Send("GET", path + "/documents", unicef),
        Send("GET", path + "/documents/" + id + "/content", unicef),
        Send("GET", path + "/documents", alpha), client_->Get((path + "/documents").c_str()),
        Upload(unicef, path, {{"kind", "form"}}, Pdf("intruder"), "x.pdf"),
        Send("DELETE", path + "/documents/" + id, unicef)}) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << r->body;
    EXPECT_EQ(Body(r).value("detail", ""), Body(missing).value("detail", ""));
  }
  EXPECT_EQ(Upload(alpha, path, {{"kind", "form"}}, Pdf("supplier"), "x.pdf")->status, 403);

  // Refused by the bytes (415) and by size (413), as problem+json; nothing is stored.
  auto text = Upload(officer, path, {{"kind", "form"}}, "plain text, not a PDF\n", "form.pdf");
  EXPECT_EQ(text->status, 415) << text->body;
  EXPECT_EQ(Body(text).value("code", ""), "unsupported_media_type");
  EXPECT_EQ(Body(text).value("field", ""), "file");
  auto big = Upload(officer, path, {{"kind", "form"}}, Pdf(std::string(5000, 'x')), "big.pdf");
  EXPECT_EQ(big->status, 413) << big->body;
  EXPECT_EQ(big->get_header_value("Content-Type"), "application/problem+json; charset=utf-8");
  EXPECT_EQ(Body(big).value("code", ""), "file_too_large");
  EXPECT_NE(Body(big).value("detail", "").find("4096"), std::string::npos) << big->body;
  auto listed = Send("GET", path + "/documents", officer);
  ASSERT_EQ(listed->status, 200);
  EXPECT_EQ(Body(listed)["items"].size(), 1u);
  EXPECT_EQ(Body(listed)["limits"]["max_file_bytes"], 4096);

  // Files change only by upload: a PATCH that forges one is refused.
  json documents = Body(Send("GET", path, officer))["documents"];
  // The read form goes back as it came (read-only urls ignored); a changed hash does not.
  auto echoed = Send("PATCH", path, officer, json({{"documents", documents}}).dump(),
                     "application/merge-patch+json");
  EXPECT_EQ(echoed->status, 200) << echoed->body;
  EXPECT_EQ(Body(echoed)["documents"][0]["files"].size(), 1u);
  documents[0]["files"][0]["sha256"] = std::string(64, 'a');
  auto forged = Send("PATCH", path, officer, json({{"documents", documents}}).dump(),
                     "application/merge-patch+json");
  EXPECT_EQ(forged->status, 422) << forged->body;

  auto removed = Send("DELETE", path + "/documents/" + id, officer);
  EXPECT_EQ(removed->status, 204) << removed->body;
  EXPECT_EQ(Body(Send("GET", path + "/documents", officer))["items"].size(), 0u);
}

TEST_F(TenderDocumentApiTest, AfterPublicationANewVersionIsAnAmendmentAndOcdsListsIt) {
  Account officer = Officer("officer@undp.example");
  const std::string ocid = CreateDraft(officer);
  const std::string path = "/api/v1/tenders/" + ocid;
  auto first = Upload(officer, path, {{"kind", "terms_of_reference"}, {"title", "ToR"}}, Pdf("v1"),
                      "tor.pdf");
  ASSERT_EQ(first->status, 201) << first->body;
  const std::string id = Body(first).value("id", "");
  Publish(officer, path);

  auto no_reason = Upload(officer, path, {{"document_id", id}}, Pdf("v2"), "tor-v2.pdf");
  EXPECT_EQ(no_reason->status, 422);
  EXPECT_EQ(Body(no_reason).value("field", ""), "rationale");
  auto second = Upload(officer, path, {{"document_id", id}, {"rationale", "Site map added"}},
                       Pdf("v2"), "tor-v2.pdf");
  ASSERT_EQ(second->status, 201) << second->body;
  EXPECT_EQ(Body(second)["files"].size(), 2u);
  EXPECT_EQ(Body(second)["amendment"]["number"], 1);
  EXPECT_EQ(Body(second)["amendment"]["substantive"], true);
  EXPECT_EQ(Send("DELETE", path + "/documents/" + id, officer)->status, 409);

  // Public now; both versions download, the first unchanged.
  auto v1 = client_->Get((path + "/documents/" + id + "/versions/1/content").c_str());
  ASSERT_EQ(v1->status, 200);
  EXPECT_EQ(v1->body, Pdf("v1"));
  EXPECT_EQ(client_->Get((path + "/documents/" + id + "/content").c_str())->body, Pdf("v2"));
  auto amendments = client_->Get((path + "/amendments").c_str());
  ASSERT_EQ(amendments->status, 200);
  EXPECT_EQ(Body(amendments)["items"][0]["changed_fields"][0], "documents");

  auto ocds = client_->Get(("/api/v1/ocds/tenders/" + ocid + "/releases").c_str());
  ASSERT_EQ(ocds->status, 200) << ocds->body;
  const json releases = Body(ocds)["releases"];
  const json& latest = releases.back()["tender"]["documents"];
  ASSERT_EQ(latest.size(), 1u) << ocds->body;
  EXPECT_EQ(latest[0]["documentType"], "technicalSpecifications");
  EXPECT_EQ(latest[0]["format"], "application/pdf");
  EXPECT_NE(latest[0].value("description", "").find(Body(second)["current"].value("sha256", "")),
            std::string::npos);
  EXPECT_TRUE(latest[0].contains("dateModified"));
  const std::string file = dir_->path() + "/ocds.json";
  { std::ofstream(file) << ocds->body; }
  EXPECT_EQ(RunCommand({"/usr/bin/env", "python3",
                        std::string(TB_SOURCE_DIR) + "/scripts/validate-ocds", file},
                       dir_->path() + "/validate.log"),
            0)
      << ReadFile(dir_->path() + "/validate.log");
}

}  // namespace
}  // namespace tb::api_test
