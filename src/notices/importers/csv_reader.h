#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace tb::notices::importers {

// A streaming RFC 4180 reader: comma separator, double-quote quoting with "" as an escaped
// quote, fields may span lines inside quotes, LF or CRLF line ends, a UTF-8 BOM is skipped.
// It reads the stream in 64 KiB blocks, so memory is bounded by the longest record
// (capped at kMaxRecordBytes). Lenient where real exports are sloppy: a quote inside an
// unquoted field is kept as a character; text after a closing quote is appended.
// Thread-compatible; `in` must outlive the reader.
class CsvReader {
 public:
  static constexpr std::size_t kMaxRecordBytes = 16 << 20;

  explicit CsvReader(std::istream& in) : in_(in) {}

  // Reads the next record into `fields`. Returns false at the end of the input. Blank lines
  // are skipped. InvalidArgument for a quoted field still open at the end of the input;
  // ResourceExhausted for a record longer than kMaxRecordBytes.
  Result<bool> Next(std::vector<std::string>& fields);

  // 1-based line on which the record last returned by Next() starts.
  std::int64_t record_line() const { return record_line_; }
  std::int64_t bytes_read() const { return bytes_; }

 private:
  int Get();

  std::istream& in_;
  std::string buf_;
  std::size_t pos_ = 0;
  std::int64_t bytes_ = 0;
  std::int64_t line_ = 1;
  std::int64_t record_line_ = 0;
  bool started_ = false;
};

// Column positions by header name, for readers that address columns by name.
class CsvHeader {
 public:
  CsvHeader() = default;
  explicit CsvHeader(const std::vector<std::string>& names);

  bool Has(std::string_view name) const { return index_.count(std::string(name)) > 0; }
  // The named field of `row`, or "" when the column or the field is missing.
  std::string_view Get(const std::vector<std::string>& row, std::string_view name) const;

 private:
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace tb::notices::importers
