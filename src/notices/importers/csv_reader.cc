#include "notices/importers/csv_reader.h"

namespace tb::notices::importers {

int CsvReader::Get() {
  if (pos_ == buf_.size()) {
    buf_.resize(64 * 1024);
    in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.resize(static_cast<std::size_t>(in_.gcount()));
    pos_ = 0;
    if (buf_.empty()) return -1;
    if (!started_) {
      started_ = true;
      if (buf_.size() >= 3 && buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        pos_ = 3;
        bytes_ += 3;
        if (pos_ == buf_.size()) return Get();
      }
    }
  }
  ++bytes_;
  const int c = static_cast<unsigned char>(buf_[pos_++]);
  if (c == '\n') ++line_;
  return c;
}

Result<bool> CsvReader::Next(std::vector<std::string>& fields) {
  while (true) {
    fields.clear();
    record_line_ = line_;
    std::string field;
    std::size_t record_bytes = 0;
    bool in_quotes = false;
    bool field_was_quoted = false;
    int c = Get();
    if (c == -1) return false;
    while (true) {
      if (++record_bytes > kMaxRecordBytes) {
        return Status::ResourceExhausted("CSV record longer than 16 MiB");
      }
      if (in_quotes) {
        if (c == -1) {
          return Status::InvalidArgument("quoted field not closed at the end of the file");
        }
        if (c == '"') {
          const int next = Get();
          if (next == '"') {
            field.push_back('"');
          } else {
            in_quotes = false;
            c = next;
            continue;
          }
        } else {
          field.push_back(static_cast<char>(c));
        }
        c = Get();
        continue;
      }
      if (c == ',') {
        fields.push_back(std::move(field));
        field.clear();
        field_was_quoted = false;
      } else if (c == '\n' || c == -1) {
        if (!field.empty() && field.back() == '\r' && !field_was_quoted) field.pop_back();
        fields.push_back(std::move(field));
        break;
      } else if (c == '\r') {
        const int next = Get();
        if (next == '\n' || next == -1) {
          fields.push_back(std::move(field));
          break;
        }
        field.push_back('\r');
        c = next;
        continue;
      } else if (c == '"' && field.empty() && !field_was_quoted) {
        in_quotes = true;
        field_was_quoted = true;
      } else {
        field.push_back(static_cast<char>(c));
      }
      c = Get();
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    return true;
  }
}

CsvHeader::CsvHeader(const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) index_.emplace(names[i], i);
}

std::string_view CsvHeader::Get(const std::vector<std::string>& row, std::string_view name) const {
  const auto it = index_.find(std::string(name));
  if (it == index_.end() || it->second >= row.size()) return {};
  return row[it->second];
}

}  // namespace tb::notices::importers
