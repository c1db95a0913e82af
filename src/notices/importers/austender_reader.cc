#include "notices/importers/austender_reader.h"

#include "core/text.h"

namespace tb::notices::importers {

AustenderReader::AustenderReader(std::istream& in, std::string name) : name_(std::move(name)), csv_(in) {}

ReadRecord AustenderReader::Map(std::string locator) const {
  const auto col = [&](std::string_view c) { return text::Trim(header_.Get(row_, c)); };
  const auto fail = [&](Status status) {
    ReadRecord record;
    record.locator = locator;
    record.error = std::move(status);
    return record;
  };
  Notice notice;
  notice.public_id = std::string(col("contract_id"));
  if (notice.public_id.empty()) return Reject(locator, "contract_id", "the contract notice has no CN id");
  notice.reference = notice.public_id;
  notice.title = {std::string(col("contract_description")), Language::English()};
  notice.buyer = std::string(col("agency_name"));
  if (const auto abn = col("agency_abn"); !abn.empty()) notice.buyer_id = "AU-ABN-" + std::string(abn);
  notice.status = NoticeStatus::kComplete;
  notice.countries = {"AU"};
  notice.source = "austender";
  if (const auto signed_at = col("date_signed"); !signed_at.empty()) {
    auto t = Timestamp::FromRfc3339(signed_at);
    if (!t.ok()) return fail(t.status().WithField("date_signed"));
    notice.published = *t;
    notice.updated = *t;
  }
  if (const auto code_text = col("unspsc"); !code_text.empty()) {
    auto code = UnspscCode::Parse(code_text);
    if (!code.ok()) {
      return Reject(locator, "unspsc", "not a UNSPSC code: \"" + std::string(code_text) + "\"");
    }
    notice.unspsc.push_back(*code);
  }
  if (const auto value = col("contract_value_aud"); !value.empty()) {
    auto money = Money::FromDecimal(value, "AUD");
    if (!money.ok()) return fail(money.status().WithField("contract_value_aud"));
    notice.estimated_value = *money;
  }
  Normalize(notice);
  return {std::move(locator), std::move(notice), std::nullopt, Status::Ok()};
}

Result<bool> AustenderReader::Next(ReadRecord& record) {
  if (!started_) {
    started_ = true;
    TB_ASSIGN_OR_RETURN(bool has_header, csv_.Next(row_));
    if (!has_header) return false;
    header_ = CsvHeader(row_);
    if (!header_.Has("contract_id") || !header_.Has("unspsc")) {
      return Status::InvalidArgument(LineLocator(name_, 1) +
                                     ": not an AusTender contract notice file (no contract_id or "
                                     "unspsc column)");
    }
  }
  auto more = csv_.Next(row_);
  if (!more.ok()) return more.status().WithContext(LineLocator(name_, csv_.record_line()));
  if (!*more) return false;
  record = Map(LineLocator(name_, csv_.record_line()));
  return true;
}

}  // namespace tb::notices::importers
