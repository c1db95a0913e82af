#pragma once

#include <cstdint>
#include <deque>
#include <istream>
#include <string>
#include <vector>

#include "core/result.h"

namespace tb::notices::importers {

// One piece of a JSON stream, as raw JSON text to be parsed on its own.
struct JsonStreamEvent {
  enum class Kind {
    kElement,   // an element of a top-level "releases"/"records" array (or of a top-level array)
    kMember,    // another member of a package object, if its key was asked for
    kDocument,  // a whole top-level value that holds no such array (a single release or record)
  };
  Kind kind = Kind::kDocument;
  std::string key;         // "releases", "records", "" for a top-level array; the member key
  std::string json;        // the raw text of the element, member value or document
  std::int64_t index = 0;  // position in its array (kElement)
  std::int64_t line = 0;   // 1-based line on which the top-level value starts
  std::int64_t document = 0;  // 0-based number of the top-level value (JSON lines: one a line)
};

// Splits a JSON stream into separately parseable pieces without ever holding the whole
// stream: it reads `chunk_bytes` at a time and tracks nesting depth and string/escape state
// byte by byte (runs of bytes that cannot change that state, such as the text of a string,
// are copied in one go). Inside each top-level object it finds the "releases" or "records" array and
// returns its elements one by one; other members named in `member_keys` come back as
// kMember (after the array has been seen, so a package is known to be a package). A
// top-level object without such an array comes back whole as kDocument, and a top-level
// array's elements as kElement with key "". Several top-level values in a row (JSON lines,
// or concatenated documents) are read in turn. Memory is bounded by the largest single
// element or document (capped at `max_value_bytes`), not by the stream.
// Thread-compatible; `in` must outlive the splitter.
class JsonStreamSplitter {
 public:
  struct Options {
    std::size_t chunk_bytes = 1 << 20;
    std::size_t max_value_bytes = 256 << 20;
    std::vector<std::string> array_keys = {"releases", "records"};
    std::vector<std::string> member_keys = {"compiledRelease"};
  };

  JsonStreamSplitter(std::istream& in, Options options);

  // The next piece; false at the end of the stream. InvalidArgument when the JSON structure
  // is broken (unbalanced brackets, unterminated string, a top-level scalar), with the line;
  // ResourceExhausted when a piece exceeds max_value_bytes.
  Result<bool> Next(JsonStreamEvent& event);

  std::int64_t bytes_read() const { return bytes_; }
  std::int64_t line() const { return line_; }
  // The most bytes the splitter ever held for pieces at once (element, member and the
  // document prefix), excluding the fixed read chunk: the memory bound tests assert on.
  std::size_t max_buffer_bytes() const { return max_buffer_; }

 private:
  enum class Capture { kNone, kContainer, kString, kScalar };

  Status Step(char c);
  // Appends the run of bytes from pos_ that Step would only copy, in one go.
  void CopyRun();
  // Starts capturing the wanted value whose first byte is `c` (string, container or scalar).
  void BeginValue(char c);
  void StartCapture(Capture kind, int depth, char c);
  void FinishCapture();
  void Emit(JsonStreamEvent::Kind kind, std::string key, std::string& json, std::int64_t index);
  void EndDocument();
  void NoteBuffers();
  Status Error(const std::string& what) const;

  std::istream& in_;
  Options options_;
  std::string chunk_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  std::int64_t bytes_ = 0;
  std::int64_t line_ = 1;
  std::size_t max_buffer_ = 0;
  std::deque<JsonStreamEvent> ready_;
  std::string spare_;  // a returned event's buffer, reused for the next capture

  // Lexical state.
  int depth_ = 0;
  bool in_string_ = false;
  bool escape_ = false;

  // The current top-level value.
  bool top_is_object_ = false;
  std::int64_t doc_line_ = 1;
  std::int64_t document_ = -1;
  bool capture_whole_ = false;
  std::string whole_;
  bool package_ = false;  // the top-level object has a releases/records array
  std::vector<std::pair<std::string, std::string>> held_members_;

  // Members of the top-level object (depth 1).
  bool expect_key_ = false;
  bool reading_key_ = false;
  bool expect_value_ = false;
  std::string key_;

  // Streaming the elements of an array.
  bool in_elements_ = false;
  int elements_depth_ = 0;  // depth inside the array
  std::string elements_key_;
  std::int64_t element_index_ = 0;

  // The value being captured.
  Capture capture_ = Capture::kNone;
  int capture_depth_ = 0;
  bool capture_is_element_ = false;
  std::string capture_key_;
  std::string value_;
};

}  // namespace tb::notices::importers
