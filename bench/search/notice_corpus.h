#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/timestamp.h"
#include "core/unspsc.h"
#include "notices/notice.h"
#include "notices/unspsc_catalogue.h"

namespace tb::bench::search {

// A small deterministic random source (splitmix64): cheap to seed once per generated notice,
// so notice i is the same whatever order or thread generates it.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next();
  // Uniform in [0, n); n > 0.
  std::uint64_t Below(std::uint64_t n) { return Next() % n; }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// Realistic synthetic notices built from the vocabulary of the real data in data/ (UNGM and
// UNDP notices, every OCDS publisher, SECOP, AusTender, read through the project's own
// importers). Notice i is drawn from one real "template" notice: it keeps the template's
// UNSPSC codes and language, and its title and description are recombined from the template
// and from other real notices with a code of the same class, so text and codes stay
// associated and ranking quality can be graded by code overlap. Immutable after Load();
// Generate() is thread-safe.
class NoticeCorpus {
 public:
  // Reads `data_dir` (the project's data/). NotFound when it is missing.
  static Result<std::unique_ptr<NoticeCorpus>> Load(const std::string& data_dir, std::uint64_t seed);

  // The synthetic notice number `index` (0-based): id = index + 1, public id "bench-<index>".
  notices::Notice Generate(std::int64_t index) const;

  // The template notice that Generate(index) draws from (its codes are the notice's codes).
  std::size_t TemplateOf(std::int64_t index) const;

  const std::vector<notices::Notice>& templates() const { return templates_; }
  const std::vector<notices::UnspscEntry>& unspsc() const { return unspsc_; }
  // The English title of `code` (UNGM list, else UNSPSC v7); empty when unknown.
  std::string EnglishTitle(UnspscCode code) const;

  // The fixed "now" of the benchmark: statuses and deadlines are relative to it.
  static Timestamp Now();
  std::uint64_t seed() const { return seed_; }

 private:
  NoticeCorpus() = default;

  std::uint64_t seed_ = 0;
  std::vector<notices::Notice> templates_;
  std::vector<notices::UnspscEntry> unspsc_;
  // Template indexes per source group (weighted at generation) and per UNSPSC class.
  std::vector<std::vector<std::uint32_t>> by_source_;
  std::vector<double> source_weights_;
  std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> by_class_;  // sorted by class
  std::vector<std::string> countries_;  // every beneficiary country seen in the data
};

}  // namespace tb::bench::search
