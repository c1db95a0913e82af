#include "http/multipart.h"

#include <gtest/gtest.h>

namespace tb::http {
namespace {

// A body as curl -F sends it.
const std::string kBody =
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"kind\"\r\n"
    "\r\n"
    "tax_certificate\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"scan 1.pdf\"\r\n"
    "Content-Type: application/pdf\r\n"
    "\r\n"
    "%PDF-1.7\r\n--X not the boundary\r\n\r\n"
    "--XyZ--\r\n";

TEST(ParseMultipart, SplitsFieldsAndFiles) {
  Result<std::vector<MultipartPart>> parts = ParseMultipart(kBody, "XyZ");
  ASSERT_TRUE(parts.ok()) << parts.status().message();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "kind");
  EXPECT_EQ((*parts)[0].data, "tax_certificate");
  EXPECT_EQ((*parts)[0].content_type, "text/plain");
  EXPECT_FALSE((*parts)[0].filename.has_value());
  EXPECT_EQ((*parts)[1].name, "file");
  EXPECT_EQ((*parts)[1].filename, "scan 1.pdf");
  EXPECT_EQ((*parts)[1].content_type, "application/pdf");
  EXPECT_EQ((*parts)[1].data, "%PDF-1.7\r\n--X not the boundary\r\n");
}

TEST(ParseMultipart, IgnoresPreambleEpilogueAndTransportPadding) {
  const std::string body =
      "preamble text\r\n--b  \r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--"
      "epilogue";
  Result<std::vector<MultipartPart>> parts = ParseMultipart(body, "b");
  ASSERT_TRUE(parts.ok()) << parts.status().message();
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].data, "1");
}

TEST(ParseMultipart, EmptyDataAndNoPartsAreFine) {
  Result<std::vector<MultipartPart>> empty_part =
      ParseMultipart("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--b--", "b");
  ASSERT_TRUE(empty_part.ok()) << empty_part.status().message();
  EXPECT_EQ((*empty_part)[0].data, "");
  Result<std::vector<MultipartPart>> none = ParseMultipart("--b--\r\n", "b");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(ParseMultipart, MalformedBodiesAreInvalidArgument) {
  const char* bodies[] = {
      "",
      "no boundary at all",
      "--other\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--other--",
      // truncated: no closing delimiter
      "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1",
      // the body ends inside the headers
      "--b\r\nContent-Disposition: form-data; name=a",
      // garbage after the boundary on its line
      "--bx\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--",
      // no Content-Disposition, no name, not form-data, broken quoting, header without colon
      "--b\r\nContent-Type: text/plain\r\n\r\n1\r\n--b--",
      "--b\r\n\r\n1\r\n--b--",
      "--b\r\nContent-Disposition: form-data; filename=\"x\"\r\n\r\n1\r\n--b--",
      "--b\r\nContent-Disposition: attachment; name=a\r\n\r\n1\r\n--b--",
      "--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--b--",
      "--b\r\nContent-Disposition: form-data; name=a\r\nbroken header\r\n\r\n1\r\n--b--",
      "--b\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: form-data; "
      "name=b\r\n\r\n1\r\n--b--",
  };
  for (const char* body : bodies) {
    SCOPED_TRACE(body);
    Result<std::vector<MultipartPart>> parts = ParseMultipart(body, "b");
    ASSERT_FALSE(parts.ok());
    EXPECT_EQ(parts.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(ParseMultipart, LimitsAreResourceExhausted) {
  std::string many;
  for (int i = 0; i < 4; ++i) many += "--b\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n";
  many += "--b--";
  EXPECT_TRUE(ParseMultipart(many, "b", {.max_parts = 4}).ok());
  EXPECT_EQ(ParseMultipart(many, "b", {.max_parts = 3}).status().code(),
            StatusCode::kResourceExhausted);

  const std::string long_headers =
      "--b\r\nContent-Disposition: form-data; name=a\r\nX-Pad: " + std::string(5000, 'p') +
      "\r\n\r\nx\r\n--b--";
  EXPECT_EQ(ParseMultipart(long_headers, "b").status().code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(ParseMultipart(long_headers, "b", {.max_header_bytes = 6000}).ok());

  EXPECT_EQ(ParseMultipart(kBody, "XyZ", {.max_total_bytes = kBody.size() - 1}).status().code(),
            StatusCode::kResourceExhausted);
}

TEST(MultipartBoundary, Table) {
  struct Row {
    const char* content_type;
    const char* boundary;  // null: refused
  };
  const Row rows[] = {
      {"multipart/form-data; boundary=XyZ", "XyZ"},
      {"Multipart/Form-Data;boundary=\"a b'()+_,-./:=?\"", "a b'()+_,-./:=?"},
      {"multipart/form-data; charset=utf-8; boundary=----WebKitFormBoundary7MA4YWxk",
       "----WebKitFormBoundary7MA4YWxk"},
      {"multipart/form-data", nullptr},
      {"multipart/form-data; boundary=", nullptr},
      {"multipart/form-data; boundary=\"\"", nullptr},
      {"multipart/form-data; boundary=\"ends with space \"", nullptr},
      {"multipart/form-data; boundary=\"semi;colon\"", nullptr},
      {"multipart/mixed; boundary=x", nullptr},
      {"application/json", nullptr},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.content_type);
    Result<std::string> boundary = MultipartBoundary(row.content_type);
    if (row.boundary == nullptr) {
      EXPECT_FALSE(boundary.ok());
    } else {
      ASSERT_TRUE(boundary.ok()) << boundary.status().message();
      EXPECT_EQ(*boundary, row.boundary);
    }
  }
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'a')).ok());
  EXPECT_TRUE(MultipartBoundary("multipart/form-data; boundary=" + std::string(70, 'a')).ok());
}

// AS-28: a filename is a display name, never a path.
TEST(SafeDisplayFilename, Table) {
  struct Row {
    std::string in;
    std::string out;
  };
  const Row rows[] = {
      {"report.pdf", "report.pdf"},
      {"../../etc/passwd", "passwd"},
      {"C:\\Users\\me\\bid.docx", "bid.docx"},
      {std::string("a\0b.pdf", 7), "ab.pdf"},
      {"evil\xe2\x80\xae"
       "fdp.exe",
       "evilfdp.exe"},  // U+202E right-to-left override
      {"..", "file"},
      {"dir/", "file"},
      {"  ", "file"},
      {"\xff\xfe"
       "ok.txt",
       "ok.txt"},
      {"\xe6\x8a\xa5\xe5\x91\x8a.pdf", "\xe6\x8a\xa5\xe5\x91\x8a.pdf"},
      {std::string(1000, 'x'), std::string(255, 'x')},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.in);
    EXPECT_EQ(SafeDisplayFilename(row.in), row.out);
  }
}

TEST(ParseMultipart, ReducesFilenamesToDisplayNames) {
  Result<std::vector<MultipartPart>> parts = ParseMultipart(
      "--b\r\nContent-Disposition: form-data; name=f; filename=\"..\\\\..\\\\x.pdf\"\r\n\r\n1\r\n"
      "--b--",
      "b");
  ASSERT_TRUE(parts.ok()) << parts.status().message();
  EXPECT_EQ((*parts)[0].filename, "x.pdf");
}

}  // namespace
}  // namespace tb::http
