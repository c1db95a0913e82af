#include "notices/import_progress.h"

#include <fmt/format.h>

#include <algorithm>

namespace tb::notices {

ImportProgressPrinter::ImportProgressPrinter(std::FILE* out, bool is_tty, std::chrono::milliseconds interval)
    : out_(out), is_tty_(is_tty), interval_(is_tty ? std::chrono::milliseconds(100) : interval) {}

std::string ImportProgressPrinter::Bar(double fraction, int width) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  const int full = static_cast<int>(fraction * width + 0.5);
  return "[" + std::string(full, '#') + std::string(width - full, '-') + "]";
}

std::string ImportProgressPrinter::FormatLine(const ImportProgress& p, double rate) {
  std::string line = "import: " + p.file;
  if (p.bytes_total > 0) {
    line += fmt::format(" {}%", std::min<std::int64_t>(100, p.bytes_read * 100 / p.bytes_total));
  }
  line += fmt::format(" {} records {:.0f}/s", p.records, rate);
  return line;
}

void ImportProgressPrinter::Update(const ImportProgress& progress) {
  const auto now = Clock::now();
  if (progress.file != file_) {
    if (printed_ && is_tty_) std::fputc('\n', out_);
    file_ = progress.file;
    file_start_ = now;
    last_print_ = Clock::time_point();
    printed_ = false;
  }
  last_ = progress;
  if (printed_ && now - last_print_ < interval_) return;
  last_print_ = now;
  printed_ = true;
  const double seconds = std::chrono::duration<double>(now - file_start_).count();
  const double rate = seconds > 0 ? static_cast<double>(progress.records) / seconds : 0.0;
  if (!is_tty_) {
    std::fprintf(out_, "%s\n", FormatLine(progress, rate).c_str());
    std::fflush(out_);
    return;
  }
  std::string eta = "--:--";
  if (progress.bytes_total > 0 && progress.bytes_read > 0 && seconds > 0) {
    const double byte_rate = static_cast<double>(progress.bytes_read) / seconds;
    const auto left = static_cast<std::int64_t>(static_cast<double>(progress.bytes_total - progress.bytes_read) / byte_rate);
    eta = fmt::format("{:02}:{:02}", left / 60, left % 60);
  }
  const double fraction = progress.bytes_total > 0
                              ? static_cast<double>(progress.bytes_read) / static_cast<double>(progress.bytes_total)
                              : 0.0;
  std::fprintf(out_, "\r%s %s ETA %s\x1b[K", Bar(fraction, 30).c_str(), FormatLine(progress, rate).c_str(),
               eta.c_str());
  std::fflush(out_);
}

void ImportProgressPrinter::Finish() {
  if (!printed_) return;
  const double seconds = std::chrono::duration<double>(Clock::now() - file_start_).count();
  const double rate = seconds > 0 ? static_cast<double>(last_.records) / seconds : 0.0;
  if (is_tty_) {
    std::fprintf(out_, "\r%s %s\x1b[K\n", Bar(1.0, 30).c_str(), FormatLine(last_, rate).c_str());
  } else {
    std::fprintf(out_, "%s\n", FormatLine(last_, rate).c_str());
  }
  std::fflush(out_);
  printed_ = false;
}

}  // namespace tb::notices
