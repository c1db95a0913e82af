// libFuzzer target: the streaming OCDS reader (JsonStreamSplitter + release mapping). The
// first byte picks a read chunk size from 1 to 256 bytes so that chunk boundaries fall
// everywhere inside strings, escapes and nesting. Seeds: fuzz/corpus/ocds_stream/.
#include <sstream>

#include "fuzz/fuzz_reader.h"
#include "notices/importers/ocds_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  tb::notices::importers::JsonStreamSplitter::Options options;
  options.chunk_bytes = static_cast<std::size_t>(data[0]) + 1;
  options.max_value_bytes = 1 << 20;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  tb::notices::importers::OcdsReader reader(in, "fuzz.json", options);
  tb::fuzz::DrainReader(reader);
  return 0;
}
