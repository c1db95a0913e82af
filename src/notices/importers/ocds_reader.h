#pragma once

#include <istream>
#include <memory>
#include <string>

#include "notices/importers/json_stream_splitter.h"
#include "notices/importers/record_reader.h"

namespace tb::notices::importers {

// Reads OCDS 1.0/1.1 release packages, record packages, single releases and records, and
// JSON lines (one release or package a line), streaming: the JsonStreamSplitter hands over
// one release or record at a time, each parsed on its own with simdjson. Records use their
// compiledRelease, or else compile their embedded releases (date order, later wins).
// Locators are JSON pointers: "file.json#/releases/3", "file.json#/records/0",
// "file.json#/compiledRelease"; for the second and later top-level values of a stream the
// line comes first: "file.jsonl:7#/releases/0", and a whole-line release is "file.jsonl:7".
class OcdsReader final : public RecordReader {
 public:
  OcdsReader(std::istream& in, std::string name,
             JsonStreamSplitter::Options options = JsonStreamSplitter::Options());
  ~OcdsReader() override;

  Result<bool> Next(ReadRecord& record) override;
  std::int64_t bytes_read() const override { return splitter_.bytes_read(); }
  const JsonStreamSplitter& splitter() const { return splitter_; }

 private:
  struct Parser;  // simdjson stays out of this header (its layout depends on build flags)

  std::string Locator(const JsonStreamEvent& event, std::string_view pointer) const;

  std::string name_;
  JsonStreamSplitter splitter_;
  JsonStreamEvent event_;
  std::unique_ptr<Parser> parser_;
};

}  // namespace tb::notices::importers
