#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "notices/notice.h"
#include "notices/unspsc_catalogue.h"

namespace tb::notices::importers {

// One record read from an outside file: a notice, a UNSPSC entry, or the reason it was
// refused. `locator` says where it is: "file.csv:12" (the line the record starts on) or
// "file.json#/releases/3" (a JSON pointer), so a user can find it.
struct ReadRecord {
  std::string locator;
  std::optional<Notice> notice;      // set for the notice kinds, already Normalize()d
  std::optional<UnspscEntry> entry;  // set for the UNSPSC kind
  Status error;                      // not ok: the record is refused; field() names the field
};

// Reads records of one format from one stream, one at a time, so that a file of any size
// is imported in bounded memory. Thread-compatible; the stream must outlive the reader.
class RecordReader {
 public:
  virtual ~RecordReader() = default;

  // Fills `record` with the next record; false at the end of the input. A bad record is
  // returned with record.error set (the reader can go on after it). A Status is returned
  // only when the input cannot be read any further (broken structure, I/O error).
  virtual Result<bool> Next(ReadRecord& record) = 0;

  // Bytes consumed from the stream so far (for progress).
  virtual std::int64_t bytes_read() const = 0;

  // True when the UNSPSC titles this reader yields only fill languages a stored entry lacks
  // (an older, secondary list must not overwrite the master list's titles).
  virtual bool fills_gaps_only() const { return false; }
};

// "<name>:<line>".
std::string LineLocator(std::string_view name, std::int64_t line);

// A refused record at `locator` for `field`.
ReadRecord Reject(std::string locator, std::string field, std::string message);

}  // namespace tb::notices::importers
