#include "search/unspsc_aliases.h"

#include <string>

namespace tb::search {

extern const std::string_view kBuiltInUnspscAliasesTsv;

namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  for (;;) {
    const std::size_t tab = line.find('\t');
    fields.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) return fields;
    line.remove_prefix(tab + 1);
  }
}

}  // namespace

Result<std::vector<UnspscTitle>> ParseUnspscAliases(std::string_view tsv) {
  std::vector<UnspscTitle> out;
  int number = 0;
  while (!tsv.empty()) {
    const std::size_t end = tsv.find('\n');
    std::string_view line = tsv.substr(0, end);
    tsv.remove_prefix(end == std::string_view::npos ? tsv.size() : end + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = "line " + std::to_string(number);
    const std::vector<std::string_view> fields = SplitTabs(line);
    if (fields.size() != 3) {
      return Status::InvalidArgument(where +
                                     ": expected code, language and alias separated by tabs")
          .WithField(where);
    }
    Result<UnspscCode> code = UnspscCode::Parse(fields[0]);
    if (!code.ok()) {
      return Status::InvalidArgument(where + ": not a UNSPSC code: " + std::string(fields[0]))
          .WithField(where);
    }
    const Language language = Language::FromTag(fields[1]);
    if (language.code() != fields[1]) {
      return Status::InvalidArgument(where + ": not a language tag: " + std::string(fields[1]))
          .WithField(where);
    }
    if (fields[2].find_first_not_of(' ') == std::string_view::npos) {
      return Status::InvalidArgument(where + ": empty alias").WithField(where);
    }
    out.push_back(UnspscTitle{*code, language, std::string(fields[2])});
  }
  return out;
}

const std::vector<UnspscTitle>& BuiltInUnspscAliases() {
  static const std::vector<UnspscTitle>* aliases = [] {
    Result<std::vector<UnspscTitle>> parsed = ParseUnspscAliases(kBuiltInUnspscAliasesTsv);
    // The shipped file is checked by the search tests; a broken one must not stop a server.
    return new std::vector<UnspscTitle>(parsed.ok() ? std::move(*parsed)
                                                    : std::vector<UnspscTitle>{});
  }();
  return *aliases;
}

}  // namespace tb::search
