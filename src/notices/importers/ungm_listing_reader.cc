#include "notices/importers/ungm_listing_reader.h"

#include <simdjson.h>

#include "core/text.h"
#include "notices/importers/country_codes.h"
#include "notices/importers/language_guess.h"
#include "notices/importers/ungm_common.h"

namespace tb::notices::importers {
namespace {

using simdjson::dom::element;

std::string_view Field(element e, const char* key) {
  std::string_view value;
  if (e[key].get_string().get(value) != simdjson::SUCCESS) return {};
  return text::Trim(value);
}

NoticeType TypeFromListing(std::string_view type, std::string_view reference, std::string_view title) {
  static constexpr std::pair<std::string_view, NoticeType> kNames[] = {
      {"invitation to bid", NoticeType::kInvitationToBid},
      {"request for quotation", NoticeType::kRequestForQuotation},
      {"request for proposal", NoticeType::kRequestForProposal},
      {"expression of interest", NoticeType::kExpressionOfInterest},
      {"request for expression of interest", NoticeType::kExpressionOfInterest},
      {"request for information", NoticeType::kRequestForInformation},
      {"individual consultant", NoticeType::kIndividualConsultant},
      {"call for proposal", NoticeType::kGrant},
      {"grant support-call for proposal", NoticeType::kGrant},
  };
  const std::string lower = text::ToLowerAscii(type);
  for (const auto& [name, t] : kNames) {
    if (lower == name) return t;
  }
  return InferNoticeType(reference, title);  // "Not set" and unknown names
}

ReadRecord MapUngm(element e, const std::string& locator) {
  Notice notice;
  const SplitReference ref = SplitAmendmentSuffix(Field(e, "reference"));
  notice.reference = ref.base;
  notice.title.text = std::string(Field(e, "title"));
  notice.title.language = GuessTitleLanguage(notice.title.text);
  notice.buyer = NormalizeAgency(Field(e, "organization"), ref.base);
  notice.type = TypeFromListing(Field(e, "type"), ref.base, notice.title.text);
  notice.source = "ungm";
  notice.source_url = std::string(Field(e, "clickTarget"));
  notice.public_id = UngmPublicId(notice.source_url, notice.buyer, ref.base);
  if (notice.public_id.empty()) return Reject(locator, "reference", "no reference and no notice URL");
  if (const auto deadline = Field(e, "deadline"); !deadline.empty()) {
    auto t = ParseGmtOffsetTime(deadline, &notice.deadline_time_zone);
    if (!t.ok()) return Reject(locator, "deadline", t.status().message());
    notice.deadline = *t;
  }
  if (const auto published = Field(e, "published"); !published.empty()) {
    auto t = ParseDayMonthYear(published);
    if (!t.ok()) return Reject(locator, "published", t.status().message());
    notice.published = *t;
  }
  if (const auto country = Field(e, "country"); !country.empty()) {
    auto codes = CountryCodes::Default();
    if (!codes.ok()) return {locator, std::nullopt, std::nullopt, codes.status().WithField("country")};
    const auto code = (*codes)->Lookup(country);
    if (!code) return Reject(locator, "country", "unknown country \"" + std::string(country) + "\"");
    notice.countries.push_back(*code);
  }
  if (ref.amendment > 0) {
    notice.amendments.push_back({std::to_string(ref.amendment), std::nullopt, "",
                                 "amendment " + std::to_string(ref.amendment) + " (reference " +
                                     std::string(Field(e, "reference")) + ")"});
  }
  Normalize(notice);
  return {locator, std::move(notice), std::nullopt, Status::Ok()};
}

ReadRecord MapUndp(element e, const std::string& locator) {
  Notice notice;
  const SplitReference ref = SplitAmendmentSuffix(Field(e, "reference"));
  notice.reference = ref.base;
  notice.title.text = std::string(Field(e, "title"));
  notice.title.language = GuessTitleLanguage(notice.title.text);
  // "UNDP-ARM/ARMENIA": the business unit, then the country (or a place for HQ units).
  const std::string_view office = Field(e, "office");
  const std::size_t slash = office.find('/');
  const std::string_view unit = office.substr(0, slash);
  notice.buyer = std::string(text::Trim(unit.substr(0, unit.find('-'))));
  if (notice.buyer.empty()) notice.buyer = "UNDP";
  notice.type = InferNoticeType(ref.base, notice.title.text);
  notice.source = "undp";
  notice.public_id = UngmPublicId("", notice.buyer, ref.base);
  if (notice.public_id.empty()) return Reject(locator, "reference", "the listing row has no reference");
  if (slash != std::string_view::npos) {
    auto codes = CountryCodes::Default();
    if (!codes.ok()) return {locator, std::nullopt, std::nullopt, codes.status().WithField("office")};
    auto code = (*codes)->Lookup(office.substr(slash + 1));
    if (!code && unit.find('-') != std::string_view::npos) code = (*codes)->Lookup(unit.substr(unit.find('-') + 1));
    if (code) notice.countries.push_back(*code);
  }
  if (const auto deadline = Field(e, "deadline"); !deadline.empty()) {
    auto t = ParseNewYorkTime(deadline, &notice.deadline_time_zone);
    if (!t.ok()) return Reject(locator, "deadline", t.status().message());
    notice.deadline = *t;
  }
  if (const auto posted = Field(e, "posted"); !posted.empty()) {
    auto t = ParseDayMonthYear(posted);
    if (!t.ok()) return Reject(locator, "posted", t.status().message());
    notice.published = *t;
  }
  if (ref.amendment > 0) {
    notice.amendments.push_back({std::to_string(ref.amendment), std::nullopt, "",
                                 "amendment " + std::to_string(ref.amendment)});
  }
  Normalize(notice);
  return {locator, std::move(notice), std::nullopt, Status::Ok()};
}

}  // namespace

UngmListingReader::UngmListingReader(std::istream& in, std::string name)
    : in_(in), name_(std::move(name)) {}

Status UngmListingReader::ReadAll() {
  std::string text;
  char buf[64 * 1024];
  while (in_.read(buf, sizeof buf) || in_.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in_.gcount()));
    if (text.size() > kMaxBytes) {
      return Status::ResourceExhausted(name_ + ": a listing larger than 64 MiB; split it");
    }
  }
  bytes_ = static_cast<std::int64_t>(text.size());
  simdjson::dom::parser parser;
  element doc;
  if (const auto error = parser.parse(text.data(), text.size(), true).get(doc); error != simdjson::SUCCESS) {
    return Status::InvalidArgument(name_ + ": not JSON (" + simdjson::error_message(error) + ")");
  }
  simdjson::dom::array rows;
  std::string pointer = "#";
  if (doc.get_array().get(rows) != simdjson::SUCCESS) {
    bool found = false;
    for (const char* key : {"sample_projects", "results", "notices", "items"}) {
      if (doc[key].get_array().get(rows) == simdjson::SUCCESS) {
        pointer += std::string("/") + key;
        found = true;
        break;
      }
    }
    if (!found) return Status::InvalidArgument(name_ + ": no array of listing rows").WithField("#");
  }
  std::size_t index = 0;
  for (element row : rows) {
    const std::string locator = name_ + pointer + "/" + std::to_string(index++);
    if (!row.is_object()) {
      out_.push_back(Reject(locator, locator.substr(name_.size()), "a listing row must be an object"));
    } else if (row["office"].error() == simdjson::SUCCESS) {
      out_.push_back(MapUndp(row, locator));
    } else {
      out_.push_back(MapUngm(row, locator));
    }
  }
  return Status::Ok();
}

Result<bool> UngmListingReader::Next(ReadRecord& record) {
  if (!read_) {
    read_ = true;
    TB_RETURN_IF_ERROR(ReadAll());
  }
  if (next_ >= out_.size()) return false;
  record = std::move(out_[next_++]);
  return true;
}

}  // namespace tb::notices::importers
