#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace tb::bench {

struct ScaleOptions {
  std::string ocds_dir;  // the project's data/ocds
  std::int64_t releases = 100'000;
  std::uint64_t seed = 42;
  int releases_per_ocid = 2;  // a tender release, then updates of the same process
};

// Writes an OCDS release package of `options.releases` releases to `path`, made from the real
// releases under `ocds_dir` (every publisher): each output release is a real one with a new
// ocid, id, date and a numbered title, chosen by a seeded generator, so the same options give
// the same bytes. Returns the number of template releases found.
Result<std::int64_t> WriteScaledReleasePackage(const ScaleOptions& options,
                                               const std::string& path);

}  // namespace tb::bench
