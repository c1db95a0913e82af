#include "bench/sanctions/clean_names.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "bench/sanctions/test_cases.h"
#include "core/text.h"
#include "notices/importers/csv_reader.h"

namespace tb::bench {
namespace {

namespace fs = std::filesystem;
using notices::importers::CsvHeader;
using notices::importers::CsvReader;

Status ReadCsvColumns(const fs::path& path, const std::vector<std::string>& columns,
                      std::set<std::string>& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path.string());
  CsvReader reader(in);
  std::vector<std::string> row;
  TB_ASSIGN_OR_RETURN(bool has_header, reader.Next(row));
  if (!has_header) return Status::InvalidArgument(path.string() + " is empty");
  const CsvHeader header(row);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool more, reader.Next(row));
    if (!more) break;
    for (const std::string& column : columns) {
      const std::string name = text::CollapseWhitespace(header.Get(row, column));
      if (name.size() >= 3) out.insert(name);
    }
  }
  return Status::Ok();
}

void CollectOcdsNames(const nlohmann::json& j, std::set<std::string>& out) {
  if (j.is_object()) {
    for (const char* key : {"parties", "suppliers", "tenderers"}) {
      auto it = j.find(key);
      if (it == j.end() || !it->is_array()) continue;
      for (const nlohmann::json& party : *it) {
        if (party.is_object() && party.contains("name") && party["name"].is_string()) {
          const std::string name = text::CollapseWhitespace(party["name"].get<std::string>());
          if (name.size() >= 3) out.insert(name);
        }
      }
    }
    for (const auto& [key, value] : j.items()) CollectOcdsNames(value, out);
  } else if (j.is_array()) {
    for (const nlohmann::json& v : j) CollectOcdsNames(v, out);
  }
}

void ReadOcdsDirectory(const fs::path& dir, std::set<std::string>& out) {
  for (const fs::directory_entry& f : fs::recursive_directory_iterator(dir)) {
    const std::string path = f.path().string();
    if (!f.is_regular_file() || path.find("fictional") != std::string::npos ||
        path.find("schema") != std::string::npos) {
      continue;
    }
    std::ifstream in(f.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string content = buffer.str();
    nlohmann::json j = nlohmann::json::parse(content, nullptr, false);
    if (!j.is_discarded()) {
      CollectOcdsNames(j, out);
      continue;
    }
    std::istringstream lines(content);  // JSON lines
    for (std::string line; std::getline(lines, line);) {
      nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
      if (!record.is_discarded()) CollectOcdsNames(record, out);
    }
  }
}

std::vector<std::string> Dedupe(const std::set<std::string>& names,
                                std::set<std::string>& seen_folded) {
  std::vector<std::string> out;
  for (const std::string& n : names) {
    if (seen_folded.insert(text::ToLowerAscii(n)).second) out.push_back(n);
  }
  return out;
}

}  // namespace

Result<std::vector<CleanName>> LoadCleanNames(const std::string& data_dir, std::size_t count,
                                              std::uint64_t seed) {
  const fs::path root(data_dir);
  std::set<std::string> austender, secop, ocds;
  TB_RETURN_IF_ERROR(ReadCsvColumns(root / "austender/austender-cn-fy2023-24.csv",
                                    {"supplier_name", "agency_name"}, austender));
  TB_RETURN_IF_ERROR(ReadCsvColumns(root / "secop-colombia/secop2-procesos-2025-12_2026-04.csv",
                                    {"entidad"}, secop));
  TB_RETURN_IF_ERROR(ReadCsvColumns(root / "secop-colombia/secop1-procesos-2026-01_2026-04.csv",
                                    {"nombre_entidad", "nom_razon_social_contratista"}, secop));
  ReadOcdsDirectory(root / "ocds", ocds);

  std::set<std::string> seen;
  std::map<std::string, std::vector<std::string>> pools = {
      {"ocds", Dedupe(ocds, seen)}, {"secop", Dedupe(secop, seen)},
      {"austender", Dedupe(austender, seen)}};
  Rng rng(seed);
  for (auto& [source, pool] : pools) {
    for (std::size_t i = pool.size(); i > 1; --i) std::swap(pool[i - 1], pool[rng.Below(i)]);
  }
  // Round-robin over the sources until `count` names are drawn or every pool is empty.
  std::vector<CleanName> out;
  std::map<std::string, std::size_t> next;
  bool any = true;
  while (out.size() < count && any) {
    any = false;
    for (auto& [source, pool] : pools) {
      if (out.size() >= count) break;
      std::size_t& i = next[source];
      if (i < pool.size()) {
        out.push_back({source, pool[i++]});
        any = true;
      }
    }
  }
  return out;
}

}  // namespace tb::bench
