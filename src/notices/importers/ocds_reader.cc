#include "notices/importers/ocds_reader.h"

#include <algorithm>

#include "notices/importers/ocds_release_mapper.h"

namespace tb::notices::importers {

using simdjson::dom::element;

struct OcdsReader::Parser {
  simdjson::dom::parser parser;
};

namespace {
ReadRecord FromRelease(element release, std::string locator);
ReadRecord FromRecord(element record, std::string locator);
}  // namespace

OcdsReader::OcdsReader(std::istream& in, std::string name, JsonStreamSplitter::Options options)
    : name_(std::move(name)), splitter_(in, std::move(options)), parser_(std::make_unique<Parser>()) {}

OcdsReader::~OcdsReader() = default;

std::string OcdsReader::Locator(const JsonStreamEvent& event, std::string_view pointer) const {
  std::string locator = name_;
  if (event.document > 0 || (event.kind == JsonStreamEvent::Kind::kDocument && pointer.empty())) {
    locator.append(":").append(std::to_string(event.line));
  }
  if (!pointer.empty()) locator.append("#").append(pointer);
  return locator;
}

namespace {
ReadRecord FromRelease(element release, std::string locator) {
  auto notice = MapOcdsRelease(release);
  if (!notice.ok()) {
    ReadRecord record;
    record.locator = std::move(locator);
    record.error = notice.status();
    return record;
  }
  return {std::move(locator), std::move(*notice), std::nullopt, Status::Ok()};
}

ReadRecord FromRecord(element record, std::string locator) {
  element compiled;
  if (record.is_object() && record["compiledRelease"].get(compiled) == simdjson::SUCCESS &&
      compiled.is_object()) {
    ReadRecord out = FromRelease(compiled, locator + "/compiledRelease");
    if (out.notice) out.locator = std::move(locator);
    return out;
  }
  simdjson::dom::array releases;
  if (!record.is_object() || record["releases"].get_array().get(releases) != simdjson::SUCCESS) {
    return Reject(locator, "/releases", "a record needs a compiledRelease or releases");
  }
  // Compile: releases in date order, later ones win field by field.
  std::vector<std::pair<Notice, std::size_t>> notices;
  std::size_t i = 0;
  for (element release : releases) {
    if (IsLinkedRelease(release)) {
      ++i;
      continue;
    }
    auto notice = MapOcdsRelease(release);
    if (!notice.ok()) {
      ReadRecord bad;
      bad.locator = locator + "/releases/" + std::to_string(i);
      bad.error = notice.status();
      return bad;
    }
    notices.emplace_back(std::move(*notice), i++);
  }
  if (notices.empty()) {
    return Reject(locator, "/releases", "the record has only linked releases and no compiledRelease");
  }
  std::stable_sort(notices.begin(), notices.end(), [](const auto& a, const auto& b) {
    return a.first.updated < b.first.updated;
  });
  Notice compiled_notice = std::move(notices.front().first);
  for (std::size_t k = 1; k < notices.size(); ++k) {
    compiled_notice = Merge(std::move(compiled_notice), notices[k].first);
  }
  return {std::move(locator), std::move(compiled_notice), std::nullopt, Status::Ok()};
}

}  // namespace

Result<bool> OcdsReader::Next(ReadRecord& record) {
  while (true) {
    auto more = splitter_.Next(event_);
    if (!more.ok()) return more.status().WithContext(name_);
    if (!*more) return false;
    element doc;
    const auto error = parser_->parser.parse(event_.json.data(), event_.json.size(), true).get(doc);
    using Kind = JsonStreamEvent::Kind;
    std::string pointer;
    if (event_.kind == Kind::kElement) {
      if (!event_.key.empty()) pointer.append("/").append(event_.key);
      pointer.append("/").append(std::to_string(event_.index));
    } else if (event_.kind == Kind::kMember) {
      if (event_.key != "compiledRelease") continue;
      pointer = "/compiledRelease";
    }
    std::string locator = Locator(event_, pointer);
    if (error != simdjson::SUCCESS) {
      record = Reject(std::move(locator), pointer.empty() ? "#" : pointer,
                      std::string("not valid JSON: ") + simdjson::error_message(error));
      return true;
    }
    if (event_.kind == Kind::kElement && event_.key == "records") {
      record = FromRecord(doc, std::move(locator));
      return true;
    }
    if (event_.kind == Kind::kDocument) {
      element compiled;
      if (doc.is_object() && (doc["compiledRelease"].error() == simdjson::SUCCESS ||
                              (doc["ocid"].error() != simdjson::SUCCESS &&
                               doc["releases"].error() == simdjson::SUCCESS))) {
        record = FromRecord(doc, std::move(locator));
        return true;
      }
      if (doc.is_object() && doc["ocid"].error() != simdjson::SUCCESS) {
        record = Reject(std::move(locator), "/ocid",
                        "not an OCDS release, record, release package or record package");
        return true;
      }
    }
    if (IsLinkedRelease(doc)) continue;
    record = FromRelease(doc, std::move(locator));
    return true;
  }
}

}  // namespace tb::notices::importers
