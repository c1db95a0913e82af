#include "suppliers/upload_checks.h"

#include <gtest/gtest.h>

#include "suppliers/testing/test_files.h"

namespace tb::suppliers {
namespace {

using testing::Bytes;

class UploadChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ContentTypeDetector::Open();
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    detector_ = std::move(*opened);
  }
  Result<CheckedUpload> Check(const Bytes& bytes, std::string_view name = "file.pdf",
                              DocumentLimits limits = {}) {
    return CheckUpload(bytes, name, limits, *detector_, scanner_);
  }
  std::unique_ptr<ContentTypeDetector> detector_;
  EicarScanner scanner_;
};

TEST_F(UploadChecksTest, AcceptsEachAllowedTypeByContent) {
  const struct {
    Bytes bytes;
    const char* type;
  } rows[] = {
      {testing::MinimalPdf(), "application/pdf"},
      {testing::MinimalPng(), "image/png"},
      {testing::MinimalJpeg(), "image/jpeg"},
      {testing::MinimalDocx(),
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {testing::MinimalXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.type);
    Result<CheckedUpload> r = Check(row.bytes, "any-name.bin");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->media_type, row.type);
    EXPECT_EQ(r->sha256, Sha256Hex(row.bytes));
  }
}

TEST_F(UploadChecksTest, RefusesAnExecutableNamedPdf) {
  Result<CheckedUpload> r = Check(testing::WindowsExecutable(), "invoice.pdf");
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "file");
}

TEST_F(UploadChecksTest, RefusesPlainZipHtmlAndSvg) {
  EXPECT_FALSE(Check(testing::PlainZip(), "a.docx").ok());
  const std::string html = "<!DOCTYPE html><html><script>alert(1)</script></html>";
  EXPECT_FALSE(Check(Bytes(html.begin(), html.end()), "a.pdf").ok());
  const std::string svg =
      R"(<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>)";
  EXPECT_FALSE(Check(Bytes(svg.begin(), svg.end()), "a.png").ok());
}

TEST_F(UploadChecksTest, RefusesTheEicarTestFileEvenInsideAPdf) {
  EXPECT_EQ(Check(testing::EicarFile(), "eicar.pdf").status().code(), StatusCode::kInvalidArgument);
  const Bytes eicar_bytes = testing::EicarFile();  // one object: begin and end of the same
  const std::string eicar(eicar_bytes.begin(), eicar_bytes.end());
  Result<CheckedUpload> r = Check(testing::MinimalPdf(eicar));
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("EICAR"), std::string::npos);
}

TEST_F(UploadChecksTest, RefusesEmptyAndOversizedFiles) {
  EXPECT_EQ(Check({}).status().code(), StatusCode::kInvalidArgument);
  DocumentLimits limits;
  const Bytes pdf = testing::MinimalPdf();
  limits.max_file_bytes = static_cast<std::int64_t>(pdf.size()) - 1;
  EXPECT_EQ(Check(pdf, "a.pdf", limits).status().code(), StatusCode::kResourceExhausted);
  limits.max_file_bytes = static_cast<std::int64_t>(pdf.size());
  EXPECT_TRUE(Check(pdf, "a.pdf", limits).ok()) << "the limit itself is allowed";
}

TEST_F(UploadChecksTest, RefusesADocxZipBombFromItsDirectory) {
  const Bytes bomb = testing::DocxBomb(64 * 1024 * 1024);
  ASSERT_LT(bomb.size(), 200'000u) << "the bomb must be small on the wire";
  Result<CheckedUpload> r = Check(bomb, "report.docx");
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(r.status().message().find("zip bomb"), std::string::npos) << r.status().message();
}

TEST_F(UploadChecksTest, RefusesTooManyEntriesAndTooLargeTotals) {
  DocumentLimits limits;
  limits.max_zip_entries = 10;
  EXPECT_EQ(InspectZip(testing::ZipWithEntries(11), limits).status().code(),
            StatusCode::kResourceExhausted);
  EXPECT_TRUE(InspectZip(testing::ZipWithEntries(10), limits).ok());
  limits = {};
  limits.max_zip_uncompressed_bytes = 100;
  limits.max_zip_ratio = 1'000'000;
  EXPECT_EQ(InspectZip(testing::DocxBomb(4096), limits).status().code(),
            StatusCode::kResourceExhausted);
}

TEST(InspectZip, ReadsTheDirectory) {
  Result<ZipSummary> z = InspectZip(testing::MinimalDocx(), {});
  ASSERT_TRUE(z.ok()) << z.status().ToString();
  EXPECT_EQ(z->entries, 3);
  EXPECT_TRUE(z->has_content_types);
  EXPECT_TRUE(z->has_word_document);
  EXPECT_FALSE(z->has_excel_workbook);
}

TEST(InspectZip, RefusesDamagedArchives) {
  Bytes docx = testing::MinimalDocx();
  EXPECT_FALSE(InspectZip(Bytes(docx.begin(), docx.begin() + 30), {}).ok());
  Bytes bad_offset = docx;
  bad_offset[bad_offset.size() - 6] = 0xFF;  // central directory offset beyond the file
  EXPECT_EQ(InspectZip(bad_offset, {}).status().code(), StatusCode::kInvalidArgument);
  for (std::size_t cut = 0; cut < docx.size(); cut += 7) {
    (void)InspectZip(Bytes(docx.begin(), docx.begin() + cut), {});  // must not crash
  }
}

TEST(SanitiseDisplayName, MakesHostileNamesHarmless) {
  const struct {
    std::string in;
    std::string out;
  } rows[] = {
      {"report.pdf", "report.pdf"},
      {"../../x", "x"},
      {"..\\..\\windows\\system32\\x.pdf", "x.pdf"},
      {std::string("a\0b.pdf", 7), "ab.pdf"},
      {"CON", "_CON"},
      {"con.pdf", "_con.pdf"},
      {"COM1.docx", "_COM1.docx"},
      {"CONTRACT.pdf", "CONTRACT.pdf"},
      {"invoice\u202Efdp.exe", "invoicefdp.exe"},
      {"a<b>:c|d?e*.pdf", "a_b__c_d_e_.pdf"},
      {" .hidden. ", "hidden"},
      {"...", "document"},
      {"", "document"},
      {"Отчёт 2024.pdf", "Отчёт 2024.pdf"},
      {"bad\xff.pdf", "bad\xEF\xBF\xBD.pdf"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.in);
    EXPECT_EQ(SanitiseDisplayName(row.in), row.out);
  }
}

TEST(SanitiseDisplayName, CutsLongNamesAtACharacterKeepingTheExtension) {
  std::string longname;
  for (int i = 0; i < 1000; ++i) longname += "é";
  const std::string out = SanitiseDisplayName(longname + ".pdf");
  EXPECT_LE(out.size(), 200u);
  EXPECT_TRUE(out.ends_with(".pdf"));
  EXPECT_EQ(out.substr(0, 2), "é");
  EXPECT_EQ((out.size() - 4) % 2, 0u) << "no half character";
}

}  // namespace
}  // namespace tb::suppliers
