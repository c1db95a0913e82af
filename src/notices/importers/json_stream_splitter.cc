#include "notices/importers/json_stream_splitter.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace tb::notices::importers {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Bytes that end a run of plain bytes (JsonStreamSplitter::CopyRun): everything that changes
// the lexical state, and newlines, which Step counts.
constexpr std::array<bool, 256> StopTable(std::string_view stops) {
  std::array<bool, 256> table{};
  for (char c : stops) table[static_cast<unsigned char>(c)] = true;
  return table;
}
constexpr std::array<bool, 256> kStringStops = StopTable("\"\\\n");
constexpr std::array<bool, 256> kContainerStops = StopTable("\"{}[]\n");

}  // namespace

JsonStreamSplitter::JsonStreamSplitter(std::istream& in, Options options)
    : in_(in), options_(std::move(options)) {
  if (options_.chunk_bytes == 0) options_.chunk_bytes = 1;
}

Status JsonStreamSplitter::Error(const std::string& what) const {
  return Status::InvalidArgument("line " + std::to_string(line_) + ": " + what);
}

void JsonStreamSplitter::NoteBuffers() {
  max_buffer_ = std::max(max_buffer_, value_.size() + whole_.size());
}

void JsonStreamSplitter::Emit(JsonStreamEvent::Kind kind, std::string key, std::string& json,
                              std::int64_t index) {
  JsonStreamEvent event;
  event.kind = kind;
  event.key = std::move(key);
  event.json.swap(json);
  json.swap(spare_);  // reuse an old buffer's capacity for the next piece
  json.clear();
  event.index = index;
  event.line = doc_line_;
  event.document = document_;
  ready_.push_back(std::move(event));
}

void JsonStreamSplitter::StartCapture(Capture kind, int depth, char c) {
  capture_ = kind;
  capture_depth_ = depth;
  value_.clear();
  value_.push_back(c);
}

void JsonStreamSplitter::FinishCapture() {
  NoteBuffers();
  if (capture_is_element_) {
    Emit(JsonStreamEvent::Kind::kElement, elements_key_, value_, element_index_++);
  } else if (package_) {
    Emit(JsonStreamEvent::Kind::kMember, capture_key_, value_, 0);
  } else {
    // Held until the object turns out to be a package; dropped if it is a single document.
    held_members_.emplace_back(capture_key_, value_);
    value_.clear();
  }
  capture_ = Capture::kNone;
}

void JsonStreamSplitter::EndDocument() {
  if (top_is_object_ && !package_) {
    NoteBuffers();
    Emit(JsonStreamEvent::Kind::kDocument, "", whole_, 0);
  }
  whole_.clear();
  whole_.shrink_to_fit();
  capture_whole_ = false;
  held_members_.clear();
  package_ = false;
  in_elements_ = false;
  expect_key_ = reading_key_ = expect_value_ = false;
}

void JsonStreamSplitter::BeginValue(char c) {
  if (c == '"') {
    StartCapture(Capture::kString, depth_, c);
    in_string_ = true;
  } else if (c == '{' || c == '[') {
    StartCapture(Capture::kContainer, depth_, c);
    ++depth_;
  } else {
    StartCapture(Capture::kScalar, depth_, c);
  }
}

Status JsonStreamSplitter::Step(char c) {
  if (c == '\n') ++line_;
  if (capture_whole_) {
    whole_.push_back(c);
    if (whole_.size() > options_.max_value_bytes) {
      return Status::ResourceExhausted("line " + std::to_string(doc_line_) +
                                       ": a JSON document without a releases or records array is "
                                       "larger than the import limit");
    }
  }
  if (in_string_) {
    if (capture_ != Capture::kNone) value_.push_back(c);
    if (escape_) {
      escape_ = false;
      if (reading_key_) key_.push_back(c);
    } else if (c == '\\') {
      escape_ = true;
      if (reading_key_) key_.push_back(c);
    } else if (c == '"') {
      in_string_ = false;
      if (reading_key_) {
        reading_key_ = false;
        expect_key_ = false;
      } else if (capture_ == Capture::kString && depth_ == capture_depth_) {
        FinishCapture();
      }
    } else if (reading_key_) {
      key_.push_back(c);
    }
    if (value_.size() > options_.max_value_bytes) {
      return Status::ResourceExhausted("line " + std::to_string(line_) +
                                       ": a JSON element is larger than the import limit");
    }
    return Status::Ok();
  }

  if (capture_ == Capture::kScalar) {
    if (c == ',' || c == ']' || c == '}' || IsSpace(c)) {
      FinishCapture();
    } else {
      value_.push_back(c);
      return Status::Ok();
    }
  }
  if (IsSpace(c)) {
    if (capture_ == Capture::kContainer) value_.push_back(c);
    return Status::Ok();
  }

  // Where does a value starting here belong?
  const bool member_value = depth_ == 1 && top_is_object_ && expect_value_;
  const bool element_value = in_elements_ && depth_ == elements_depth_ && capture_ == Capture::kNone;
  const bool wanted_member =
      member_value && std::find(options_.member_keys.begin(), options_.member_keys.end(), key_) !=
                          options_.member_keys.end();
  const bool value_start = c != ',' && c != ':' && c != ']' && c != '}';

  if (depth_ == 0) {
    if (c != '{' && c != '[') return Error("expected a JSON object or array at the top level");
    ++document_;
    doc_line_ = line_;
    top_is_object_ = c == '{';
    if (top_is_object_) {
      capture_whole_ = true;
      whole_.assign(1, c);
      expect_key_ = true;
    } else {
      in_elements_ = true;
      elements_depth_ = 1;
      elements_key_.clear();
      element_index_ = 0;
    }
    depth_ = 1;
    return Status::Ok();
  }

  if (value_start && member_value) {
    expect_value_ = false;
    const bool is_array_key =
        std::find(options_.array_keys.begin(), options_.array_keys.end(), key_) != options_.array_keys.end();
    if (is_array_key && c == '[') {
      // A package: its elements stream from here on, and the document copy is not needed.
      package_ = true;
      capture_whole_ = false;
      whole_.clear();
      whole_.shrink_to_fit();
      for (auto& [key, json] : held_members_) Emit(JsonStreamEvent::Kind::kMember, key, json, 0);
      held_members_.clear();
      in_elements_ = true;
      elements_depth_ = 2;
      elements_key_ = key_;
      element_index_ = 0;
      ++depth_;
      return Status::Ok();
    }
    if (wanted_member) {
      capture_is_element_ = false;
      capture_key_ = key_;
      BeginValue(c);
      return Status::Ok();
    }
  } else if (value_start && element_value) {
    capture_is_element_ = true;
    BeginValue(c);
    return Status::Ok();
  }

  if (capture_ == Capture::kContainer) value_.push_back(c);
  switch (c) {
    case '"':
      in_string_ = true;
      if (depth_ == 1 && top_is_object_ && expect_key_) {
        reading_key_ = true;
        key_.clear();
      }
      break;
    case '{':
    case '[':
      if (member_value) expect_value_ = false;
      ++depth_;
      break;
    case '}':
    case ']':
      --depth_;
      if (depth_ < 0) return Error("unbalanced '" + std::string(1, c) + "'");
      if (capture_ == Capture::kContainer && depth_ == capture_depth_) {
        FinishCapture();
      } else if (in_elements_ && depth_ == elements_depth_ - 1 && c == ']') {
        in_elements_ = false;
      }
      if (depth_ == 0) EndDocument();
      break;
    case ':':
      if (depth_ == 1 && top_is_object_) expect_value_ = true;
      break;
    case ',':
      if (depth_ == 1 && top_is_object_) expect_key_ = true;
      break;
    default:
      if (member_value) expect_value_ = false;  // a scalar member nobody asked for
      break;
  }
  if (value_.size() > options_.max_value_bytes) {
    return Status::ResourceExhausted("line " + std::to_string(line_) +
                                     ": a JSON element is larger than the import limit");
  }
  return Status::Ok();
}

void JsonStreamSplitter::CopyRun() {
  // Only where Step would do nothing but append the byte to the buffers that are open:
  // inside a string (not right after a backslash), or inside a nested container that is
  // being captured or skipped (not at depth 1 nor between the elements of the array, where
  // a byte may start a value). The byte that ends the run goes through Step.
  const bool* stops = nullptr;
  if (in_string_) {
    if (escape_) return;
    stops = kStringStops.data();
  } else if (depth_ >= 2 && (capture_ == Capture::kContainer ||
                             (capture_ == Capture::kNone && !in_elements_))) {
    stops = kContainerStops.data();
  } else {
    return;
  }
  const std::size_t begin = pos_;
  std::size_t end = chunk_.size();
  // Stop short of either limit so the byte that crosses it is refused by Step as before.
  const std::size_t limit = options_.max_value_bytes;
  if (capture_whole_) end = std::min(end, begin + (limit > whole_.size() ? limit - whole_.size() : 0));
  if (capture_ != Capture::kNone) {
    end = std::min(end, begin + (limit > value_.size() ? limit - value_.size() : 0));
  }
  std::size_t i = begin;
  while (i < end && !stops[static_cast<unsigned char>(chunk_[i])]) ++i;
  if (i == begin) return;
  const std::string_view run(chunk_.data() + begin, i - begin);
  if (capture_whole_) whole_.append(run);
  if (capture_ != Capture::kNone) value_.append(run);
  if (reading_key_) key_.append(run);
  bytes_ += static_cast<std::int64_t>(run.size());
  pos_ = i;
}

Result<bool> JsonStreamSplitter::Next(JsonStreamEvent& event) {
  while (ready_.empty()) {
    if (pos_ == chunk_.size()) {
      if (eof_) {
        if (depth_ != 0 || in_string_) return Error("the JSON ends inside a value");
        return false;
      }
      chunk_.resize(options_.chunk_bytes);
      in_.read(chunk_.data(), static_cast<std::streamsize>(chunk_.size()));
      chunk_.resize(static_cast<std::size_t>(in_.gcount()));
      pos_ = 0;
      if (chunk_.empty()) {
        eof_ = true;
        continue;
      }
    }
    while (pos_ < chunk_.size() && ready_.empty()) {
      CopyRun();
      if (pos_ == chunk_.size()) break;
      const char c = chunk_[pos_++];
      ++bytes_;
      TB_RETURN_IF_ERROR(Step(c));
    }
  }
  spare_.swap(event.json);  // take back the caller's old buffer for reuse
  event = std::move(ready_.front());
  ready_.pop_front();
  return true;
}

}  // namespace tb::notices::importers
