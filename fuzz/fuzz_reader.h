#pragma once

// Shared body of the importer fuzz targets: feed the bytes to a reader through an in-memory
// stream and read every record. A target passes when no input crashes, hangs or trips
// AddressSanitizer; refused records and Status errors are the expected outcome.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "notices/importers/record_reader.h"

namespace tb::fuzz {

inline void DrainReader(notices::importers::RecordReader& reader) {
  notices::importers::ReadRecord record;
  for (int i = 0; i < 100000; ++i) {
    auto more = reader.Next(record);
    if (!more.ok() || !*more) return;
  }
}

template <typename Reader>
int RunReader(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  Reader reader(in, "fuzz.input");
  DrainReader(reader);
  return 0;
}

}  // namespace tb::fuzz
