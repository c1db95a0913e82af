#include "notices/importers/ungm_csv_reader.h"

#include <unordered_map>

#include "core/text.h"
#include "notices/importers/country_codes.h"
#include "notices/importers/language_guess.h"
#include "notices/importers/ungm_common.h"

namespace tb::notices::importers {
namespace {

constexpr std::string_view kInvitedFor = "Tenders Are Invited For";

// tender_details is "Tenders Are Invited For <title in its original case> <br/><br/><body>".
// Returns {original-case title or "", body with <br/> as newlines}.
std::pair<std::string, std::string> SplitDetails(std::string_view details) {
  std::string_view rest = text::Trim(details);
  std::string heading;
  if (text::StartsWithIgnoreCase(rest, kInvitedFor)) {
    rest.remove_prefix(kInvitedFor.size());
    const std::size_t br = rest.find("<br");
    heading = std::string(text::Trim(rest.substr(0, br)));
    rest = br == std::string_view::npos ? std::string_view{} : rest.substr(br);
  }
  std::string body = BreaksToNewlines(rest);
  return {heading, std::string(text::Trim(body))};
}

}  // namespace

UngmCsvReader::UngmCsvReader(std::istream& in, std::string name)
    : name_(std::move(name)), csv_(in) {}

ReadRecord UngmCsvReader::MapRow(const std::vector<std::string>& row, std::int64_t line) {
  const std::string locator = LineLocator(name_, line);
  const auto col = [&](std::string_view column) { return text::Trim(header_.Get(row, column)); };

  std::string_view reference_text = col("tender_notice_no");
  std::string_view title_text = col("short_description");
  const auto [heading, body] = SplitDetails(header_.Get(row, "tender_details"));
  Notice notice;
  // The scraper shifted one IOM row: the title sits in tender_notice_no (cut with "...") and
  // short_description is empty. A reference never contains spaces; a title does.
  if (title_text.empty() && reference_text.find(' ') != std::string_view::npos) {
    title_text = reference_text;
    reference_text = {};
  }
  const SplitReference ref = SplitAmendmentSuffix(reference_text);
  notice.reference = ref.base;
  // The heading keeps the agency's own capitals, which the scraper's title lost.
  const bool heading_matches =
      !heading.empty() && text::ToLowerAscii(text::CollapseWhitespace(heading)) ==
                              text::ToLowerAscii(text::CollapseWhitespace(title_text));
  notice.title.text = heading_matches ? heading : std::string(title_text);
  notice.title.language = GuessTitleLanguage(notice.title.text);
  notice.description.text = text::SanitizeUtf8(body);
  notice.description.language = notice.title.language;
  notice.buyer = NormalizeAgency(col("organisation_name"), ref.base);
  notice.type = InferNoticeType(ref.base, notice.title.text);
  notice.source = "ungm";
  notice.source_url = std::string(col("tender_doc_file"));
  notice.public_id = UngmPublicId(notice.source_url, notice.buyer, ref.base);
  if (notice.public_id.empty()) {
    return Reject(locator, "tender_doc_file", "the row has neither a UNGM notice URL nor a reference");
  }
  if (ref.amendment > 0) {
    notice.amendments.push_back(
        {std::to_string(ref.amendment), std::nullopt, "",
         "amendment " + std::to_string(ref.amendment) + " (reference " + std::string(reference_text) + ")"});
  }

  if (const std::string_view country = col("org_country"); !country.empty()) {
    auto codes = CountryCodes::Default();
    if (!codes.ok()) return {locator, std::nullopt, std::nullopt, codes.status().WithField("org_country")};
    const auto code = (*codes)->Lookup(country);
    if (!code) return Reject(locator, "org_country", "unknown country \"" + std::string(country) + "\"");
    notice.countries.push_back(*code);
  }
  // A date without a time or zone: read as the start of that day in UTC, the earliest
  // instant it can mean, so no supplier is told it has longer than it has.
  if (const std::string_view deadline = col("deadline"); !deadline.empty()) {
    auto parsed = Timestamp::FromRfc3339(deadline);
    if (!parsed.ok()) return Reject(locator, "deadline", "not a date: \"" + std::string(deadline) + "\"");
    notice.deadline = *parsed;
  }
  for (std::string_view code_text : text::Split(header_.Get(row, "cpv_value"), ',')) {
    code_text = text::Trim(code_text);
    if (code_text.empty()) continue;
    auto code = UnspscCode::Parse(code_text);
    if (!code.ok()) {
      return Reject(locator, "cpv_value", "not a UNSPSC code: \"" + std::string(code_text) + "\"");
    }
    notice.unspsc.push_back(*code);
  }
  Normalize(notice);
  return {locator, std::move(notice), std::nullopt, Status::Ok()};
}

Status UngmCsvReader::ReadAll() {
  std::vector<std::string> row;
  TB_ASSIGN_OR_RETURN(bool has_header, csv_.Next(row));
  if (!has_header) return Status::Ok();
  header_ = CsvHeader(row);
  for (const char* required : {"tender_notice_no", "short_description", "tender_doc_file",
                               "organisation_name", "cpv_value"}) {
    if (!header_.Has(required)) {
      return Status::InvalidArgument(LineLocator(name_, 1) + ": the UNGM CSV header has no column \"" +
                                     required + "\"")
          .WithField(required);
    }
  }
  std::unordered_map<std::string, std::size_t> seen;  // public_id -> index in out_
  while (true) {
    auto more = csv_.Next(row);
    if (!more.ok()) return more.status().WithContext(LineLocator(name_, csv_.record_line()));
    if (!*more) break;
    ReadRecord record = MapRow(row, csv_.record_line());
    if (!record.notice) {
      out_.push_back(std::move(record));
      continue;
    }
    const auto [it, inserted] = seen.emplace(record.notice->public_id, out_.size());
    if (inserted) {
      out_.push_back(std::move(record));
    } else {
      // A repeated row of the same notice: not a reject; its codes are united.
      Notice& kept = *out_[it->second].notice;
      kept = Merge(std::move(kept), *record.notice);
    }
  }
  return Status::Ok();
}

Result<bool> UngmCsvReader::Next(ReadRecord& record) {
  if (!read_) {
    read_ = true;
    TB_RETURN_IF_ERROR(ReadAll());
  }
  if (next_ >= out_.size()) return false;
  record = std::move(out_[next_++]);
  return true;
}

}  // namespace tb::notices::importers
