#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "notices/importers/reader_factory.h"

namespace tb::notices::testing {

// The project's data/ directory: $TB_SOURCE_DIR/data under ctest, else found from this file.
inline std::string DataDir() {
  if (const char* root = std::getenv("TB_SOURCE_DIR"); root != nullptr && *root != '\0') {
    return std::string(root) + "/data";
  }
  return (std::filesystem::path(__FILE__).parent_path() / "../../../data").lexically_normal().string();
}

// Every record a reader of `kind` yields for `path` (relative to DataDir()), with the
// fatal status, if any, in `fatal`.
inline std::vector<importers::ReadRecord> ReadAll(ImportKind kind, const std::string& path,
                                                  Status* fatal = nullptr) {
  std::ifstream in(DataDir() + "/" + path, std::ios::binary);
  std::vector<importers::ReadRecord> out;
  auto reader = importers::MakeReader(kind, in, std::filesystem::path(path).filename().string());
  if (!reader.ok()) return out;
  importers::ReadRecord record;
  while (true) {
    auto more = (*reader)->Next(record);
    if (!more.ok()) {
      if (fatal) *fatal = more.status();
      break;
    }
    if (!*more) break;
    out.push_back(std::move(record));
  }
  return out;
}

// The notices among `records` by public_id.
inline std::map<std::string, Notice> ByPublicId(const std::vector<importers::ReadRecord>& records) {
  std::map<std::string, Notice> out;
  for (const auto& r : records) {
    if (r.notice) out[r.notice->public_id] = *r.notice;
  }
  return out;
}

}  // namespace tb::notices::testing
