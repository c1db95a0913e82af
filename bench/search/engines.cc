#include "engines.h"

#include <filesystem>

#include "notice_corpus.h"

namespace tb::bench::search {

NoticeText TextOf(const notices::Notice& notice, const NoticeCorpus& corpus) {
  NoticeText text;
  text.title = notice.title.text;
  for (UnspscCode code : notice.unspsc) {
    std::string title = corpus.EnglishTitle(code);
    if (title.empty()) continue;
    if (!text.codes.empty()) text.codes += " \n ";
    text.codes += title;
  }
  text.agency = notice.buyer;
  text.description = notice.description.text;
  return text;
}

std::int64_t DiskBytes(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return static_cast<std::int64_t>(fs::file_size(path, ec));
  std::int64_t total = 0;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) total += static_cast<std::int64_t>(it->file_size(ec));
  }
  return total;
}

}  // namespace tb::bench::search
