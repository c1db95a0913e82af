#include "ocds_scale.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

namespace tb::bench {
namespace {

using nlohmann::json;

void CollectReleases(const json& doc, std::vector<json>& out) {
  if (doc.contains("releases") && doc["releases"].is_array()) {
    for (const json& r : doc["releases"]) {
      if (r.is_object() && r.contains("ocid")) out.push_back(r);
    }
  }
  if (doc.contains("records") && doc["records"].is_array()) {
    for (const json& record : doc["records"]) {
      if (record.contains("compiledRelease") && record["compiledRelease"].is_object()) {
        out.push_back(record["compiledRelease"]);
      }
    }
  }
}

}  // namespace

Result<std::int64_t> WriteScaledReleasePackage(const ScaleOptions& options,
                                               const std::string& path) {
  std::vector<json> templates;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(options.ocds_dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json" &&
        entry.path().string().find("schema") == std::string::npos) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());  // directory order differs between machines
  for (const auto& file : files) {
    std::ifstream in(file);
    json doc = json::parse(in, nullptr, false);
    if (!doc.is_discarded()) CollectReleases(doc, templates);
  }
  if (templates.empty()) return Status::NotFound("no OCDS releases under " + options.ocds_dir);

  std::ofstream out(path, std::ios::trunc);
  if (!out) return Status::Unavailable("cannot write " + path);
  out << R"({"uri":"https://tenderbridge.example/bench","version":"1.1",)"
      << R"("publishedDate":"2026-01-01T00:00:00Z","publisher":{"name":"TenderBridge benchmark )"
      << R"json(generator (scaled from real OCDS data)"},"releases":[)json";
  std::mt19937_64 rng(options.seed);
  for (std::int64_t k = 0; k < options.releases; ++k) {
    json release = templates[rng() % templates.size()];
    const std::int64_t process = k / options.releases_per_ocid;
    release["ocid"] = "ocds-tbgen-" + std::to_string(process);
    release["id"] = "ocds-tbgen-" + std::to_string(process) + "-" + std::to_string(k);
    // Dates move forward with k so later releases of a process are newer.
    const std::int64_t minute = k % (60 * 24 * 365);
    char date[32];
    std::snprintf(date, sizeof date, "2025-%02lld-%02lldT%02lld:%02lld:00Z",
                  static_cast<long long>(1 + minute / (60 * 24 * 31) % 12),
                  static_cast<long long>(1 + minute / (60 * 24) % 28),
                  static_cast<long long>(minute / 60 % 24), static_cast<long long>(minute % 60));
    release["date"] = date;
    if (release.contains("tender") && release["tender"].is_object()) {
      const std::string title = release["tender"].value("title", std::string("Notice"));
      release["tender"]["title"] = title + " #" + std::to_string(process);
    }
    if (k > 0) out << ',';
    out << release.dump();
  }
  out << "]}\n";
  if (!out) return Status::Unavailable("write failed for " + path);
  return static_cast<std::int64_t>(templates.size());
}

}  // namespace tb::bench
