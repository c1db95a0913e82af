#include "screening/screening_service.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace tb::screening {
namespace {

const char* CountryEvidenceName(sanctions::Candidate::Country c) {
  switch (c) {
    case sanctions::Candidate::Country::kSame:
      return "same";
    case sanctions::Candidate::Country::kDifferent:
      return "different";
    case sanctions::Candidate::Country::kNotCompared:
      return "not_compared";
  }
  return "not_compared";
}

// Scores are rounded to four decimals so the stored evidence reads the same everywhere.
double Round4(double x) { return std::round(x * 10000.0) / 10000.0; }

std::string CandidatesJson(const sanctions::ScreeningResult& result) {
  nlohmann::json out = nlohmann::json::array();
  for (const sanctions::Candidate& c : result.candidates) {
    out.push_back({{"data_id", c.data_id},
                   {"reference_number", c.reference_number},
                   {"listed_name", c.listed_name},
                   {"listed_name_source", sanctions::NameSourceName(c.listed_name_source)},
                   {"screened_name", c.screened_name},
                   {"name_score", Round4(c.name_score)},
                   {"score", Round4(c.score)},
                   {"country", CountryEvidenceName(c.country)}});
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool HasLetterOrDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0x80 || std::isalnum(b);
  });
}

}  // namespace

const char* ScreeningDecisionName(ScreeningDecision decision) {
  switch (decision) {
    case ScreeningDecision::kClear:
      return "clear";
    case ScreeningDecision::kPossibleHit:
      return "possible_hit";
    case ScreeningDecision::kHit:
      return "hit";
    case ScreeningDecision::kUnavailable:
      return "unavailable";
  }
  return "unavailable";
}

std::optional<ScreeningDecision> ParseScreeningDecision(std::string_view name) {
  for (ScreeningDecision d : {ScreeningDecision::kClear, ScreeningDecision::kPossibleHit,
                              ScreeningDecision::kHit, ScreeningDecision::kUnavailable}) {
    if (name == ScreeningDecisionName(d)) return d;
  }
  return std::nullopt;
}

const char* ReviewStatusName(ReviewStatus status) {
  switch (status) {
    case ReviewStatus::kOpen:
      return "open";
    case ReviewStatus::kCleared:
      return "cleared";
    case ReviewStatus::kConfirmed:
      return "confirmed";
  }
  return "open";
}

std::optional<ReviewStatus> ParseReviewStatus(std::string_view name) {
  for (ReviewStatus s : {ReviewStatus::kOpen, ReviewStatus::kCleared, ReviewStatus::kConfirmed}) {
    if (name == ReviewStatusName(s)) return s;
  }
  return std::nullopt;
}

ScreeningService::ScreeningService(ScreeningStore& store, const Clock& clock,
                                   std::shared_ptr<const sanctions::NameNormalizer> normalizer,
                                   ScreeningOptions options)
    : store_(store), clock_(clock), normalizer_(std::move(normalizer)), options_(std::move(options)) {}

Result<std::optional<ScreeningService::Loaded>> ScreeningService::Current() {
  TB_ASSIGN_OR_RETURN(std::optional<ListVersion> version, store_.CurrentListVersion());
  if (!version) return std::optional<Loaded>();
  {
    std::lock_guard lock(mu_);
    if (loaded_ && loaded_->version.id == version->id) return loaded_;
  }
  // Build outside the lock (it reads the database); two threads may both build, and the
  // last one in wins with an identical screener.
  Loaded fresh;
  fresh.version = *version;
  Result<std::vector<sanctions::ListedEntry>> entries = store_.ListEntries(version->id);
  if (!entries.ok()) {
    if (entries.status().code() != StatusCode::kInvalidArgument) return entries.status();
    fresh.broken_reason = "the stored sanctions list cannot be read: " + entries.status().message();
  } else {
    sanctions::SanctionsList list;
    list.date_generated = version->date_generated;
    list.generated_at = version->generated_at;
    list.sha256 = version->sha256;
    list.entries = std::move(entries).value();
    if (static_cast<std::int64_t>(list.entries.size()) != version->entry_count()) {
      fresh.broken_reason = "the stored sanctions list has " + std::to_string(list.entries.size()) +
                            " entries, not the " + std::to_string(version->entry_count()) +
                            " that were imported";
    } else {
      Result<std::unique_ptr<sanctions::Screener>> screener =
          sanctions::Screener::Build(std::move(list), normalizer_, options_.screener);
      if (screener.ok()) {
        fresh.screener = std::move(screener).value();
      } else {
        fresh.broken_reason = screener.status().message();
      }
    }
  }
  std::lock_guard lock(mu_);
  loaded_ = fresh;
  return loaded_;
}

Result<ImportReport> ScreeningService::ImportList(std::string_view xml,
                                                  ScreeningSubjectSource* subjects) {
  sanctions::ReaderOptions reader;
  reader.max_bytes = options_.max_list_bytes;
  reader.country_code = options_.country_code;
  TB_ASSIGN_OR_RETURN(sanctions::SanctionsList list, sanctions::ReadConsolidatedList(xml, reader));
  TB_ASSIGN_OR_RETURN(std::optional<ListVersion> current, store_.CurrentListVersion());
  ImportReport report;
  if (current && current->sha256 == list.sha256) {
    report.version = *current;
    report.unchanged = true;
    return report;
  }
  std::vector<sanctions::ListedEntry> previous;
  if (current) {
    if (list.generated_at < current->generated_at) {
      return Status::FailedPrecondition("this list was generated on " + list.date_generated +
                                        ", before the current list (" +
                                        current->date_generated + "); it is not imported");
    }
    Result<std::vector<sanctions::ListedEntry>> stored = store_.ListEntries(current->id);
    // An unreadable previous version only loses the diff, not the import.
    if (stored.ok()) previous = std::move(stored).value();
  }
  report.diff = sanctions::DiffLists(previous, list.entries);
  ListVersion version;
  version.date_generated = list.date_generated;
  version.generated_at = list.generated_at;
  version.sha256 = list.sha256;
  version.loaded_at = clock_.Now();
  version.individual_count = list.individual_count();
  version.entity_count = list.entity_count();
  TB_ASSIGN_OR_RETURN(report.version, store_.AddListVersion(version, list.entries));
  if (subjects != nullptr) {
    TB_ASSIGN_OR_RETURN(report.rescreen, RescreenAll(*subjects));
  }
  return report;
}

Result<ScreeningRecord> ScreeningService::Screen(const ScreeningSubject& subject) {
  std::vector<std::string> names;
  for (const std::string& n : subject.names) {
    if (HasLetterOrDigit(n)) names.push_back(n);
  }
  if (names.empty()) {
    return Status::InvalidArgument("give at least one name with a letter or a digit")
        .WithField("names");
  }
  std::string country = subject.country;
  for (char& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!country.empty() && (country.size() != 2 || !std::isalpha(static_cast<unsigned char>(country[0])) ||
                           !std::isalpha(static_cast<unsigned char>(country[1])))) {
    return Status::InvalidArgument("the country must be an ISO 3166-1 alpha-2 code such as KE")
        .WithField("country");
  }
  ScreeningRecord record;
  record.subject_kind = subject.kind.empty() ? "adhoc" : subject.kind;
  record.subject_id = subject.id;
  record.names = names;
  record.country = country;
  record.at = clock_.Now();
  record.candidates_json = "[]";

  TB_ASSIGN_OR_RETURN(std::optional<Loaded> loaded, Current());
  if (!loaded) {
    record.decision = ScreeningDecision::kUnavailable;
    record.reason = "no sanctions list has been imported";
  } else {
    record.list_version_id = loaded->version.id;
    record.list_sha256 = loaded->version.sha256;
    record.list_date_generated = loaded->version.date_generated;
    if (!loaded->screener) {
      record.decision = ScreeningDecision::kUnavailable;
      record.reason = loaded->broken_reason;
    } else {
      const sanctions::ScreeningResult result = loaded->screener->Screen(names, country);
      record.candidates_json = CandidatesJson(result);
      switch (result.decision) {
        case sanctions::Decision::kHit:
          record.decision = ScreeningDecision::kHit;
          break;
        case sanctions::Decision::kPossibleHit:
          record.decision = ScreeningDecision::kPossibleHit;
          break;
        case sanctions::Decision::kClear:
          record.decision = ScreeningDecision::kClear;
          break;
      }
      const bool stale = record.at - loaded->version.generated_at > options_.max_list_age;
      if (stale) {
        const auto days = std::chrono::duration_cast<std::chrono::hours>(options_.max_list_age).count() / 24;
        record.reason = "the sanctions list of " + loaded->version.date_generated +
                        " is older than " + std::to_string(days) + " days";
        // A stale list can still find someone; it can never clear anyone (ET-14).
        if (record.decision == ScreeningDecision::kClear) {
          record.decision = ScreeningDecision::kUnavailable;
        }
      }
    }
  }
  const bool review = !record.subject_id.empty() &&
                      (record.decision == ScreeningDecision::kPossibleHit ||
                       record.decision == ScreeningDecision::kHit);
  TB_ASSIGN_OR_RETURN(auto stored, store_.AddScreening(record, review));
  return std::move(stored.first);
}

Result<RescreenReport> ScreeningService::RescreenAll(ScreeningSubjectSource& subjects) {
  RescreenReport report;
  TB_RETURN_IF_ERROR(subjects.ForEachSubject([&](const ScreeningSubject& subject) -> Status {
    TB_ASSIGN_OR_RETURN(ScreeningRecord record, Screen(subject));
    ++report.screened;
    switch (record.decision) {
      case ScreeningDecision::kClear:
        ++report.clear;
        break;
      case ScreeningDecision::kPossibleHit:
        ++report.possible_hits;
        break;
      case ScreeningDecision::kHit:
        ++report.hits;
        break;
      case ScreeningDecision::kUnavailable:
        ++report.unavailable;
        break;
    }
    return Status::Ok();
  }));
  return report;
}

Result<std::optional<ListVersion>> ScreeningService::CurrentList() {
  return store_.CurrentListVersion();
}

Result<std::vector<ReviewCase>> ScreeningService::ListReviews(std::optional<ReviewStatus> status,
                                                              std::int64_t after_id, int limit) {
  if (limit < 1 || limit > 200) {
    return Status::InvalidArgument("limit must be between 1 and 200").WithField("limit");
  }
  return store_.ListReviews(status, after_id, limit);
}

Result<ReviewDetail> ScreeningService::GetReview(std::int64_t id) {
  TB_ASSIGN_OR_RETURN(std::optional<ReviewCase> review, store_.GetReview(id));
  if (!review) return Status::NotFound("no sanctions review case " + std::to_string(id));
  TB_ASSIGN_OR_RETURN(std::optional<ScreeningRecord> screening,
                      store_.GetScreening(review->screening_id));
  if (!screening) return Status::Internal("review case without its screening");
  ReviewDetail detail{*review, *screening, {}};
  const nlohmann::json candidates =
      nlohmann::json::parse(screening->candidates_json, nullptr, false);
  if (candidates.is_array()) {
    for (const nlohmann::json& c : candidates) {
      if (!c.is_object() || !c.contains("data_id")) continue;
      TB_ASSIGN_OR_RETURN(std::optional<sanctions::ListedEntry> entry,
                          store_.ListEntry(screening->list_version_id,
                                           c["data_id"].get<std::string>()));
      if (!entry) continue;
      detail.evidence.push_back({*std::move(entry), c.value("listed_name", ""),
                                 c.value("screened_name", ""), c.value("score", 0.0)});
    }
  }
  return detail;
}

Result<ReviewCase> ScreeningService::DecideReview(std::int64_t id, std::string_view decision,
                                                  UserId reviewer, std::string_view note) {
  ReviewStatus status;
  if (decision == "clear") {
    status = ReviewStatus::kCleared;
  } else if (decision == "confirm") {
    status = ReviewStatus::kConfirmed;
  } else {
    return Status::InvalidArgument("decision must be \"clear\" or \"confirm\"").WithField("decision");
  }
  if (!HasLetterOrDigit(note)) {
    return Status::InvalidArgument("say why in a note").WithField("note");
  }
  if (!reviewer.valid()) return Status::InvalidArgument("a reviewer is required").WithField("reviewer");
  return store_.DecideReview(id, status, reviewer, note, clock_.Now());
}

}  // namespace tb::screening
