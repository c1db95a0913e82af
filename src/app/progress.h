#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "notices/import_service.h"

namespace tb::app {

// Shows import progress on stderr: a bar with rate and ETA redrawn in place on a terminal,
// plain lines every few seconds when piped or in CI (so logs stay readable).
// Thread-compatible: call from the importing thread.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(std::FILE* out = stderr);

  void Update(const notices::ImportProgress& progress);
  // Ends the current line of a terminal bar.
  void Finish();

 private:
  std::FILE* out_;
  bool tty_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  std::string file_;
  bool drawn_ = false;
};

}  // namespace tb::app
