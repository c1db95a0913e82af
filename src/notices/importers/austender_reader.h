#pragma once

#include <istream>
#include <string>
#include <vector>

#include "notices/importers/csv_reader.h"
#include "notices/importers/record_reader.h"

namespace tb::notices::importers {

// Reads AusTender contract notices as shipped in data/austender (austender-cn-*.csv). A
// contract notice reports a signed contract, so the notice is complete and has no deadline;
// natural key contract_id ("CN3980558"), values in AUD, country AU, English text.
class AustenderReader final : public RecordReader {
 public:
  AustenderReader(std::istream& in, std::string name);

  Result<bool> Next(ReadRecord& record) override;
  std::int64_t bytes_read() const override { return csv_.bytes_read(); }

 private:
  ReadRecord Map(std::string locator) const;

  std::string name_;
  CsvReader csv_;
  CsvHeader header_;
  bool started_ = false;
  std::vector<std::string> row_;
};

}  // namespace tb::notices::importers
