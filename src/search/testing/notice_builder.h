#pragma once

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

#include <unistd.h>

#include "core/unspsc.h"
#include "notices/notice.h"

// Test helpers of search/: terse notices and a temporary index directory.
namespace tb::search::testing {

inline notices::Notice MakeNotice(std::int64_t id, std::string title, std::string language = "en",
                                  std::string buyer = "UNDP", std::initializer_list<std::string_view> codes = {},
                                  std::initializer_list<std::string> countries = {}) {
  notices::Notice n;
  n.id = NoticeId{id};
  n.public_id = "test-" + std::to_string(id);
  n.title = {std::move(title), Language::FromTag(language)};
  n.buyer = std::move(buyer);
  for (std::string_view c : codes) n.unspsc.push_back(*UnspscCode::Parse(c));
  n.countries = countries;
  n.type = notices::NoticeType::kRequestForQuotation;
  return n;
}

// A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  explicit TempDir(std::string_view name) {
    path_ = std::filesystem::temp_directory_path() /
            (std::string(name) + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

}  // namespace tb::search::testing
