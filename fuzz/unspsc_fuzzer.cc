// libFuzzer target: UnspscReader (unspsc shape). Seeds: fuzz/corpus/unspsc/.
#include "fuzz/fuzz_reader.h"
#include "notices/importers/unspsc_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return tb::fuzz::RunReader<tb::notices::importers::UnspscReader>(data, size);
}
