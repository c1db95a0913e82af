#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "notices/import_service.h"

namespace tb::notices {

// Prints import progress for the CLI: on a terminal, one redrawn line with a bar, the
// percentage, records, rate and ETA; otherwise (a pipe, CI logs) a plain line at most every
// `interval` ("import: notices.csv 45% 12000 records 8300/s"). Thread-compatible.
class ImportProgressPrinter {
 public:
  // `out` is usually stderr; `is_tty` decides the style (the CLI passes isatty(2)).
  ImportProgressPrinter(std::FILE* out, bool is_tty,
                        std::chrono::milliseconds interval = std::chrono::milliseconds(2000));

  // Call from ImportOptions::on_progress.
  void Update(const ImportProgress& progress);
  // Ends the bar line (terminal) and prints the final line for the last file.
  void Finish();

  // The text of one progress line (no bar, no carriage return); exposed for tests.
  static std::string FormatLine(const ImportProgress& progress, double records_per_second);
  // "[#####-----]" of `width` cells for `fraction` in [0, 1].
  static std::string Bar(double fraction, int width);

 private:
  using Clock = std::chrono::steady_clock;
  std::FILE* out_;
  bool is_tty_;
  std::chrono::milliseconds interval_;
  std::string file_;
  Clock::time_point file_start_;
  Clock::time_point last_print_;
  ImportProgress last_;
  bool printed_ = false;
};

}  // namespace tb::notices
