// libFuzzer target: AustenderReader (austender shape). Seeds: fuzz/corpus/austender/.
#include "fuzz/fuzz_reader.h"
#include "notices/importers/austender_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return tb::fuzz::RunReader<tb::notices::importers::AustenderReader>(data, size);
}
