// Supplier documents through the whole pipeline: upload checks (AS-26..AS-28), downloads
// that never render (AS-29) and the object checks of AS-14.
#include <gtest/gtest.h>

#include "http/testing/supplier_api_fixture.h"
#include "suppliers/testing/test_files.h"

namespace tb::http {
namespace {

using auth::Role;
using nlohmann::json;
namespace files = suppliers::testing;

class DocumentRoutesTest : public testing::SupplierApiTest {
 protected:
  void SetUp() override {
    SupplierApiTest::SetUp();
    a_ = SignedIn("a@example.org", Role::kSupplierUser, "Acme");
    id_ = a_.organisation.value;
  }
  std::string Documents(std::int64_t id) const {
    return "/api/v1/suppliers/" + std::to_string(id) + "/documents";
  }
  std::size_t DocumentCount(std::int64_t id) {
    auto docs = supplier_store.ListDocuments(SupplierId{id});
    return docs.ok() ? docs->size() : 0;
  }

  Session a_;
  std::int64_t id_ = 0;
};

TEST_F(DocumentRoutesTest, UploadListDownloadDelete) {
  const std::string pdf = Text(files::MinimalPdf("certificate of incorporation"));
  Response uploaded =
      Upload(a_, id_, "incorporation_certificate", pdf, "Certificate 2024.pdf",
             {{"valid_until", "2030-12-31", std::nullopt}, {"language", "en", std::nullopt}});
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const json doc = Json(uploaded);
  EXPECT_EQ(doc["kind"], "incorporation_certificate");
  EXPECT_EQ(doc["filename"], "Certificate 2024.pdf");
  EXPECT_EQ(doc["content_type"], "application/pdf");
  EXPECT_EQ(doc["size"], pdf.size());
  EXPECT_EQ(doc["valid_until"], "2030-12-31");
  EXPECT_EQ(doc["supplier_id"], id_);
  const std::string content_path =
      "/api/v1/documents/" + std::to_string(doc["id"].get<int>()) + "/content";
  EXPECT_EQ(*uploaded.Header("Location"), content_path);

  Response listed = As(a_, "GET", Documents(id_));
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(Json(listed)["items"].size(), 1u);
  EXPECT_EQ(Json(listed)["items"][0]["id"], doc["id"]);

  Response content = As(a_, "GET", content_path);
  ASSERT_EQ(content.status, 200);
  EXPECT_EQ(content.body, pdf);
  EXPECT_EQ(*content.Header("Content-Type"), "application/pdf");
  EXPECT_EQ(
      *content.Header("Content-Disposition"),
      "attachment; filename=\"Certificate 2024.pdf\"; filename*=UTF-8''Certificate%202024.pdf");
  EXPECT_EQ(*content.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(*content.Header("Cache-Control"), "no-store");

  Response deleted = As(a_, "DELETE", "/api/v1/documents/" + std::to_string(doc["id"].get<int>()));
  EXPECT_EQ(deleted.status, 204) << deleted.body;
  EXPECT_TRUE(Json(As(a_, "GET", Documents(id_)))["items"].empty());
  EXPECT_EQ(As(a_, "GET", content_path).status, 404);
}

// AS-27: the type comes from the bytes; AS-26: a refused file leaves storage unchanged.
TEST_F(DocumentRoutesTest, RefusedFilesAreNotStored) {
  struct Case {
    const char* name;
    std::string content;
    int status;
    const char* code;
  };
  const Case cases[] = {
      {".exe renamed .pdf", Text(files::WindowsExecutable()), 415, "unsupported_media_type"},
      {"html", "<html><script>alert(1)</script></html>", 415, "unsupported_media_type"},
      {"svg", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", 415,
       "unsupported_media_type"},
      {"plain zip", Text(files::PlainZip()), 415, "unsupported_media_type"},
      {"EICAR alone (text)", Text(files::EicarFile()), 415, "unsupported_media_type"},
      {"EICAR inside a PDF", Text(files::MinimalPdf()) + Text(files::EicarFile()), 422,
       "malware_detected"},
      {"zip bomb", Text(files::DocxBomb(64u << 20)), 413, "resource_exhausted"},
      {"empty", "", 422, "invalid_argument"},
      {"limit + 1 bytes", std::string(20 * 1024 * 1024 + 1, 'a'), 413, "resource_exhausted"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Response r = Upload(a_, id_, "other", c.content, "invoice.pdf");
    EXPECT_EQ(r.status, c.status) << r.body.substr(0, 300);
    EXPECT_EQ(Code(r), c.code);
    EXPECT_EQ(Json(r)["field"], "file");
  }
  EXPECT_EQ(DocumentCount(id_), 0u);
  EXPECT_EQ(supplier_store.blob_count(), 0u);
}

// AS-28: the name a browser sends is only ever a sanitised display name.
TEST_F(DocumentRoutesTest, FileNamesBecomeSafeDisplayNames) {
  const std::string pdf = Text(files::MinimalPdf());
  const std::string rtl = "invoice\xE2\x80\xAEgpj.pdf";
  const std::string nul = std::string("report\0.exe.pdf", 15);
  const std::string names[] = {"../../x.pdf",
                               "..\\..\\windows\\x.pdf",
                               nul,
                               rtl,
                               "CON.pdf",
                               std::string(1000, 'n') + ".pdf",
                               "quo\\\"te.pdf"};
  for (const std::string& name : names) {
    SCOPED_TRACE(name.substr(0, 40));
    Response r = Upload(a_, id_, "other", pdf, name);
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string stored = Json(r)["filename"];
    EXPECT_EQ(stored.find('/'), std::string::npos);
    EXPECT_EQ(stored.find('\\'), std::string::npos);
    EXPECT_EQ(stored.find('\0'), std::string::npos);
    EXPECT_EQ(stored.find("\xE2\x80\xAE"), std::string::npos);
    EXPECT_NE(stored, "CON.pdf");
    EXPECT_LE(stored.size(), 200u);
    EXPECT_FALSE(stored.empty());
    Response content =
        As(a_, "GET", "/api/v1/documents/" + std::to_string(Json(r)["id"].get<int>()) + "/content");
    const std::string disposition = *content.Header("Content-Disposition");
    EXPECT_TRUE(disposition.starts_with("attachment; filename=\""));
    // One quoted fallback and the encoded name: no quote, control byte or bidi mark escapes.
    EXPECT_EQ(std::count(disposition.begin(), disposition.end(), '"'), 2) << disposition;
    for (char c : disposition) EXPECT_TRUE(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
    EXPECT_EQ(disposition.find("\xE2\x80\xAE"), std::string::npos);
  }
}

TEST_F(DocumentRoutesTest, UnicodeNamesAreKeptInFilenameStar) {
  Response r = Upload(a_, id_, "other", Text(files::MinimalPdf()), "Отчёт 2024.pdf");
  ASSERT_EQ(r.status, 201) << r.body;
  Response content =
      As(a_, "GET", "/api/v1/documents/" + std::to_string(Json(r)["id"].get<int>()) + "/content");
  EXPECT_EQ(*content.Header("Content-Disposition"),
            "attachment; filename=\"_____ 2024.pdf\"; "
            "filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%202024.pdf");
}

TEST_F(DocumentRoutesTest, TheFormIsStrict) {
  const std::string pdf = Text(files::MinimalPdf());
  Response unknown = Upload(a_, id_, "other", pdf, "a.pdf", {{"supplier_id", "3", std::nullopt}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Code(unknown), "unknown_field");
  EXPECT_EQ(Json(unknown)["field"], "supplier_id");
  Response kind = Upload(a_, id_, "passport", pdf);
  EXPECT_EQ(kind.status, 422);
  EXPECT_EQ(Json(kind)["field"], "kind");
  Response date =
      Upload(a_, id_, "other", pdf, "a.pdf", {{"valid_until", "tomorrow", std::nullopt}});
  EXPECT_EQ(date.status, 422);
  EXPECT_EQ(Json(date)["field"], "valid_until");
  Response statement = Upload(a_, id_, "financial_statement", pdf);
  EXPECT_EQ(statement.status, 422) << "a financial statement needs its fiscal year";
  Response no_file = As(a_, "POST", Documents(id_),
                        MultipartBody({{"kind", "other", std::nullopt}}), MultipartHeaders());
  EXPECT_EQ(no_file.status, 422);
  EXPECT_EQ(Json(no_file)["field"], "file");
  Response json_body = As(a_, "POST", Documents(id_), R"({"kind":"other"})");
  EXPECT_EQ(json_body.status, 415);
  EXPECT_EQ(DocumentCount(id_), 0u);
}

// AS-14 for documents; financial statements are for the company and agency officers only.
TEST_F(DocumentRoutesTest, OtherCompaniesDocumentsAreNotFoundAndStatementsSkipStaff) {
  Session b = SignedIn("b@example.org", Role::kSupplierUser);
  Response statement =
      Upload(a_, id_, "financial_statement", Text(files::MinimalPdf("2023")), "fs.pdf",
             {{"fiscal_year", "2023", std::nullopt}, {"audited", "true", std::nullopt}});
  ASSERT_EQ(statement.status, 201) << statement.body;
  const std::string content =
      "/api/v1/documents/" + std::to_string(Json(statement)["id"].get<int>()) + "/content";
  Response by_b = As(b, "GET", content);
  Response missing = As(b, "GET", "/api/v1/documents/99999/content");
  EXPECT_EQ(by_b.status, 404);
  json shape_b = Json(by_b), shape_missing = Json(missing);
  shape_b.erase("instance");
  shape_missing.erase("instance");
  EXPECT_EQ(shape_b, shape_missing);
  EXPECT_EQ(As(b, "GET", Documents(id_)).status, 404);
  EXPECT_EQ(As(b, "DELETE", "/api/v1/documents/" + std::to_string(Json(statement)["id"].get<int>()))
                .status,
            404);
  EXPECT_EQ(Upload(b, id_, "other", Text(files::MinimalPdf())).status, 404);
  EXPECT_EQ(DocumentCount(id_), 1u);

  Session officer = SignedIn("officer@undp.org", Role::kAgencyOfficer);
  Session staff = SignedIn("staff@centre.org", Role::kCentreStaff);
  EXPECT_EQ(As(officer, "GET", content).status, 200);
  EXPECT_EQ(As(staff, "GET", content).status, 404);
  EXPECT_TRUE(Json(As(staff, "GET", Documents(id_)))["items"].empty());
  EXPECT_EQ(Json(As(officer, "GET", Documents(id_)))["items"].size(), 1u);
  EXPECT_EQ(Code(Upload(officer, id_, "other", Text(files::MinimalPdf()))), "forbidden");
}

}  // namespace
}  // namespace tb::http
