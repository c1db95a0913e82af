#include "notices/importers/unspsc_reader.h"

#include <cctype>

#include "core/text.h"

namespace tb::notices::importers {
namespace {

bool IsEightDigits(std::string_view s) {
  if (s.size() != 8) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

UnspscReader::UnspscReader(std::istream& in, std::string name) : name_(std::move(name)), csv_(in) {}

Result<bool> UnspscReader::Next(ReadRecord& record) {
  if (shape_ == Shape::kUnknown) {
    TB_ASSIGN_OR_RETURN(bool has_header, csv_.Next(row_));
    if (!has_header) return false;
    header_ = CsvHeader(row_);
    if (header_.Has("parent_key") && header_.Has("code") && header_.Has("title")) {
      shape_ = Shape::kUngmTree;
    } else if (header_.Has("code") && header_.Has("title_en")) {
      shape_ = Shape::kMultilingual;
    } else if (header_.Has("unspsc") && header_.Has("title")) {
      shape_ = Shape::kAustender;
    } else {
      return Status::InvalidArgument(LineLocator(name_, 1) +
                                     ": not a UNSPSC list (expected key,parent_key,code,title or "
                                     "code,level,title_en,... or unspsc,segment_title,title)");
    }
  }
  while (true) {
    auto more = csv_.Next(row_);
    if (!more.ok()) return more.status().WithContext(LineLocator(name_, csv_.record_line()));
    if (!*more) return false;
    std::string locator = LineLocator(name_, csv_.record_line());
    const std::string_view code_column = shape_ == Shape::kAustender ? "unspsc" : "code";
    const std::string_view code_text = text::Trim(header_.Get(row_, code_column));
    // UNGM's letter groups (A-J) are its own navigation, not UNSPSC codes.
    if (shape_ == Shape::kUngmTree && !code_text.empty() &&
        std::isalpha(static_cast<unsigned char>(code_text[0]))) {
      continue;
    }
    if (!IsEightDigits(code_text)) {
      record = Reject(std::move(locator), std::string(code_column),
                      "not an 8-digit UNSPSC code: \"" + std::string(code_text.substr(0, 40)) + "\"");
      return true;
    }
    auto code = UnspscCode::Parse(code_text);
    if (!code.ok()) {
      record = Reject(std::move(locator), std::string(code_column), code.status().message());
      return true;
    }
    UnspscEntry entry;
    entry.code = *code;
    if (shape_ == Shape::kMultilingual) {
      for (const char* lang : {"en", "fr", "es", "zh", "pt", "ja", "ko"}) {
        const std::string_view title = text::Trim(header_.Get(row_, std::string("title_") + lang));
        if (!title.empty()) entry.titles[lang] = text::SanitizeUtf8(title);
      }
    } else {
      const std::string_view title = text::Trim(header_.Get(row_, "title"));
      if (!title.empty()) entry.titles["en"] = text::SanitizeUtf8(title);
    }
    if (entry.titles.empty()) {
      record = Reject(std::move(locator), "title", "the code has no title");
      return true;
    }
    record = {std::move(locator), std::nullopt, std::move(entry), Status::Ok()};
    return true;
  }
}

}  // namespace tb::notices::importers
