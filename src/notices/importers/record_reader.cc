#include "notices/importers/record_reader.h"

namespace tb::notices::importers {

std::string LineLocator(std::string_view name, std::int64_t line) {
  return std::string(name) + ":" + std::to_string(line);
}

ReadRecord Reject(std::string locator, std::string field, std::string message) {
  ReadRecord record;
  record.error = Status::InvalidArgument(std::move(message)).WithField(std::move(field));
  record.locator = std::move(locator);
  return record;
}

}  // namespace tb::notices::importers
