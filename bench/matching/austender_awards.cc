#include "austender_awards.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/text.h"
#include "matching/training_corpus.h"
#include "notices/importers/csv_reader.h"

namespace tb::bench {
namespace fs = std::filesystem;

Result<std::vector<Award>> LoadAwards(const std::string& data_dir) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(data_dir) / "austender", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("austender-cn-") && name.ends_with(".csv")) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  if (paths.empty()) {
    return Status::NotFound("no austender-cn-*.csv under " + data_dir + "/austender")
        .WithField("data");
  }
  std::vector<Award> awards;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    notices::importers::CsvReader csv(in);
    std::vector<std::string> row;
    TB_ASSIGN_OR_RETURN(bool has_header, csv.Next(row));
    if (!has_header) continue;
    const notices::importers::CsvHeader header(row);
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool more, csv.Next(row));
      if (!more) break;
      const auto col = [&](std::string_view c) {
        return std::string(text::Trim(header.Get(row, c)));
      };
      const auto code = UnspscCode::Parse(col("unspsc"));
      const auto signed_at = Timestamp::FromRfc3339(col("date_signed"));
      Award a{.id = col("contract_id"),
              .text = col("contract_description"),
              .agency = col("agency_name"),
              .supplier = col("supplier_abn"),
              .code = code.ok() ? *code : UnspscCode::Parse("10").value(),
              .signed_at = signed_at.ok() ? *signed_at : Timestamp(),
              .order = awards.size()};
      if (a.supplier.empty() && !col("supplier_name").empty()) {
        a.supplier = "name:" + text::ToLowerAscii(col("supplier_name"));
      }
      if (!code.ok() || !signed_at.ok() || a.text.empty() || a.supplier.empty()) continue;
      awards.push_back(std::move(a));
    }
  }
  std::stable_sort(awards.begin(), awards.end(), [](const Award& x, const Award& y) {
    return x.signed_at != y.signed_at ? x.signed_at < y.signed_at : x.order < y.order;
  });
  return awards;
}

AwardSplit SplitAwards(const std::vector<Award>& sorted, double train_share,
                       double validation_share) {
  const std::size_t n = sorted.size();
  const auto train_end = static_cast<std::size_t>(n * train_share);
  const auto validation_end = static_cast<std::size_t>(n * (train_share + validation_share));
  AwardSplit split;
  const auto month = std::chrono::hours(24 * 30);
  // (description, agency) -> last time seen, per part; and over all earlier parts.
  std::map<std::pair<std::string, std::string>, Timestamp> earlier;
  for (int part = 0; part < 3; ++part) {
    const std::size_t begin = part == 0 ? 0 : part == 1 ? train_end : validation_end;
    const std::size_t end = part == 0 ? train_end : part == 1 ? validation_end : n;
    std::vector<Award>& out = part == 0 ? split.train : part == 1 ? split.validation : split.test;
    std::map<std::tuple<std::string, std::string, std::string>, Timestamp> same_award;
    std::map<std::pair<std::string, std::string>, Timestamp> this_part;
    for (std::size_t i = begin; i < end; ++i) {
      const Award& a = sorted[i];
      const std::pair<std::string, std::string> key{matching::DedupeKey(a.text), a.agency};
      if (const auto it = earlier.find(key);
          it != earlier.end() && a.signed_at - it->second <= month) {
        ++split.dropped_across;
        continue;
      }
      const std::tuple<std::string, std::string, std::string> award_key{key.first, key.second,
                                                                        a.supplier};
      if (const auto it = same_award.find(award_key);
          it != same_award.end() && a.signed_at - it->second <= month) {
        ++split.dropped_within;
        continue;
      }
      same_award[award_key] = a.signed_at;
      this_part[key] = a.signed_at;
      out.push_back(a);
    }
    for (const auto& [key, t] : this_part) earlier[key] = t;
  }
  return split;
}

std::vector<matching::SupplierProfile> ProfilesFromAwards(const std::vector<Award>& awards,
                                                          std::vector<std::string>* keys) {
  std::map<std::string, std::size_t> index;
  std::vector<matching::SupplierProfile> profiles;
  std::vector<std::set<std::string>> agencies;
  for (const Award& a : awards) {
    auto [it, inserted] = index.try_emplace(a.supplier, profiles.size());
    if (inserted) {
      profiles.emplace_back();
      profiles.back().id = static_cast<std::int64_t>(it->second);
      profiles.back().countries = {"AU"};
      agencies.emplace_back();
      if (keys) keys->push_back(a.supplier);
    }
    matching::SupplierProfile& p = profiles[it->second];
    p.history.push_back(a.code);
    if (std::find(p.codes.begin(), p.codes.end(), a.code) == p.codes.end())
      p.codes.push_back(a.code);
    p.text += (p.text.empty() ? "" : " ") + a.text;
    if (agencies[it->second].insert(a.agency).second) p.registered_agencies.push_back(a.agency);
    p.agency_history.push_back(a.agency);
    p.history_texts.push_back(a.text);
  }
  return profiles;
}

}  // namespace tb::bench
