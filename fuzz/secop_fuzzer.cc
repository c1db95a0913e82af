// libFuzzer target: SecopReader (secop shape). Seeds: fuzz/corpus/secop/.
#include "fuzz/fuzz_reader.h"
#include "notices/importers/secop_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return tb::fuzz::RunReader<tb::notices::importers::SecopReader>(data, size);
}
