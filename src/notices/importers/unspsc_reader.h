#pragma once

#include <istream>
#include <string>
#include <vector>

#include "notices/importers/csv_reader.h"
#include "notices/importers/record_reader.h"

namespace tb::notices::importers {

// Reads UNSPSC code lists, told apart by the header:
// - UNGM's tree "key,parent_key,code,title": rows whose code is 8 digits give English
//   titles (the letter groups A-J of UNGM's own top level are skipped; titles are trimmed);
// - UNSPSC v7 multilingual "code,level,title_en,title_fr,...": titles in en, fr, es, zh,
//   pt, ja, ko where present; it only fills languages a stored code lacks;
// - AusTender's codeset "unspsc,segment_title,title": English titles.
class UnspscReader final : public RecordReader {
 public:
  UnspscReader(std::istream& in, std::string name);

  Result<bool> Next(ReadRecord& record) override;
  std::int64_t bytes_read() const override { return csv_.bytes_read(); }
  // The v7 multilingual list (2005) only adds titles in languages a code does not have yet.
  bool fills_gaps_only() const override { return shape_ == Shape::kMultilingual; }

 private:
  enum class Shape { kUnknown, kUngmTree, kMultilingual, kAustender };

  std::string name_;
  CsvReader csv_;
  CsvHeader header_;
  Shape shape_ = Shape::kUnknown;
  std::vector<std::string> row_;
};

}  // namespace tb::notices::importers
