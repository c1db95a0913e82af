// libFuzzer target: UngmListingReader (ungm_listing shape). Seeds: fuzz/corpus/ungm_listing/.
#include "fuzz/fuzz_reader.h"
#include "notices/importers/ungm_listing_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return tb::fuzz::RunReader<tb::notices::importers::UngmListingReader>(data, size);
}
