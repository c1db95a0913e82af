#pragma once

#include <istream>
#include <string>
#include <vector>

#include "notices/importers/record_reader.h"

namespace tb::notices::importers {

// Reads the JSON notice listings of data/ungm-notices: the UNGM public list
// (title, organization, deadline "03-Sep-2025 15:33 (GMT -4.00)", published "28-Jul-2025",
// reference with amendment suffixes "UNDP-HQ-01791,2", type, country, clickTarget) and the
// UNDP procurement-notices list (title, reference, office "UNDP-ARM/ARMENIA", deadline
// "09-Sep-25\n12:00 PM (New York time)", posted "03-Sep-25"). The shape is told per element.
// The document is a top-level array, or an object with one array of listing rows
// ("sample_projects", "results", "notices" or "items"). Listings are small; the whole
// document is parsed at once and capped at kMaxBytes.
class UngmListingReader final : public RecordReader {
 public:
  static constexpr std::size_t kMaxBytes = 64 << 20;

  UngmListingReader(std::istream& in, std::string name);

  Result<bool> Next(ReadRecord& record) override;
  std::int64_t bytes_read() const override { return bytes_; }

 private:
  Status ReadAll();

  std::istream& in_;
  std::string name_;
  std::int64_t bytes_ = 0;
  bool read_ = false;
  std::vector<ReadRecord> out_;
  std::size_t next_ = 0;
};

}  // namespace tb::notices::importers
