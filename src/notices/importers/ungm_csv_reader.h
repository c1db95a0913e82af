#pragma once

#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "notices/importers/csv_reader.h"
#include "notices/importers/record_reader.h"

namespace tb::notices::importers {

// Reads the UNGM scraper CSV (data/ungm-notices/ungm-notices-2024-03.csv; columns in its
// SOURCE.md). Rows repeating a notice (same tender_doc_file) are merged into one notice:
// UNSPSC codes are united and the first row's line is the locator. Because of that merge the
// reader keeps the distinct notices of one file in memory and returns them after the last
// row; scraper exports are small (tens of notices), so this is the honest trade.
class UngmCsvReader final : public RecordReader {
 public:
  UngmCsvReader(std::istream& in, std::string name);

  Result<bool> Next(ReadRecord& record) override;
  std::int64_t bytes_read() const override { return csv_.bytes_read(); }

 private:
  Status ReadAll();
  ReadRecord MapRow(const std::vector<std::string>& row, std::int64_t line);

  std::string name_;
  CsvReader csv_;
  CsvHeader header_;
  bool read_ = false;
  std::vector<ReadRecord> out_;
  std::size_t next_ = 0;
};

}  // namespace tb::notices::importers
