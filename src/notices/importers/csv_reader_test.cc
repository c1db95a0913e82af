#include "notices/importers/csv_reader.h"

#include <gtest/gtest.h>

#include <sstream>

namespace tb::notices::importers {
namespace {

struct CsvCase {
  std::string name;
  std::string input;
  std::vector<std::vector<std::string>> records;
  std::vector<std::int64_t> lines;
};

class CsvReaderTest : public ::testing::TestWithParam<CsvCase> {};

TEST_P(CsvReaderTest, ReadsRecords) {
  std::istringstream in(GetParam().input);
  CsvReader reader(in);
  std::vector<std::string> fields;
  std::vector<std::vector<std::string>> got;
  std::vector<std::int64_t> lines;
  while (true) {
    auto more = reader.Next(fields);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    got.push_back(fields);
    lines.push_back(reader.record_line());
  }
  EXPECT_EQ(got, GetParam().records);
  EXPECT_EQ(lines, GetParam().lines);
}

INSTANTIATE_TEST_SUITE_P(
    Rfc4180, CsvReaderTest,
    ::testing::Values(
        CsvCase{"plain", "a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}, {1, 2}},
        CsvCase{"crlf_and_no_final_newline", "a,b\r\n1,2", {{"a", "b"}, {"1", "2"}}, {1, 2}},
        CsvCase{"quoted_multiline", "x,\"one\ntwo\",z\nnext,2,3\n",
                {{"x", "one\ntwo", "z"}, {"next", "2", "3"}}, {1, 3}},
        CsvCase{"escaped_quote", "\"say \"\"hi\"\"\",b\n", {{"say \"hi\"", "b"}}, {1}},
        CsvCase{"empty_fields", ",,\n", {{"", "", ""}}, {1}},
        CsvCase{"blank_lines_skipped", "a\n\n\nb\n", {{"a"}, {"b"}}, {1, 4}},
        CsvCase{"bom", "\xEF\xBB\xBFid,x\n", {{"id", "x"}}, {1}},
        CsvCase{"stray_quote_kept", "ab\"c,d\n", {{"ab\"c", "d"}}, {1}}),
    [](const auto& info) { return info.param.name; });

TEST(CsvReader, UnterminatedQuoteIsAnError) {
  std::istringstream in("a,\"never closed\nmore");
  CsvReader reader(in);
  std::vector<std::string> fields;
  auto more = reader.Next(fields);
  ASSERT_FALSE(more.ok());
  EXPECT_EQ(more.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tb::notices::importers
