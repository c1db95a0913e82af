// libFuzzer target: UngmCsvReader (ungm_csv shape). Seeds: fuzz/corpus/ungm_csv/.
#include "fuzz/fuzz_reader.h"
#include "notices/importers/ungm_csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return tb::fuzz::RunReader<tb::notices::importers::UngmCsvReader>(data, size);
}
