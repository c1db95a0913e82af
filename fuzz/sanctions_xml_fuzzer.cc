// libFuzzer target: the UN sanctions list reader (libxml2 with DTDs and entities refused).
// Seeds: fuzz/corpus/sanctions_xml/. A parsed list is also screened once, so the name
// normaliser and the index see whatever names the fuzzer invents.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "sanctions/list_reader.h"
#include "sanctions/screener.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::shared_ptr<const tb::sanctions::NameNormalizer> normalizer = [] {
    auto n = tb::sanctions::NameNormalizer::Create();
    return std::shared_ptr<const tb::sanctions::NameNormalizer>(n.ok() ? std::move(n).value()
                                                                        : nullptr);
  }();
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  auto list = tb::sanctions::ReadConsolidatedList(xml);
  if (!list.ok() || normalizer == nullptr) return 0;
  const std::string first_name = list->entries.front().primary_name();
  auto screener = tb::sanctions::Screener::Build(*std::move(list), normalizer);
  if (!screener.ok()) return 0;
  const std::string names[] = {first_name};
  (void)(*screener)->Screen(names, "KP");
  return 0;
}
