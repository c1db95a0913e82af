#include "app/progress.h"

#include <unistd.h>

#include <cstdlib>

namespace tb::app {
namespace {

std::string FormatDuration(double seconds) {
  if (seconds < 0 || seconds > 359999) return "--:--";
  const int s = static_cast<int>(seconds + 0.5);
  char buf[16];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%02d:%02d", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

ProgressPrinter::ProgressPrinter(std::FILE* out)
    : out_(out),
      tty_(isatty(fileno(out)) != 0 && std::getenv("CI") == nullptr),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void ProgressPrinter::Update(const notices::ImportProgress& p) {
  const auto now = std::chrono::steady_clock::now();
  if (p.file != file_) {
    Finish();
    file_ = p.file;
    start_ = now;
  }
  // Redraw a terminal bar at most 10 times a second; print a plain line every 5 seconds.
  const auto min_gap = tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  // A terminal also gets the final 100 % frame of each file; a log only the periodic lines.
  const bool done = tty_ && p.bytes_total > 0 && p.bytes_read >= p.bytes_total;
  if (now - last_ < min_gap && !done) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(p.records) / elapsed : 0;
  const double fraction =
      p.bytes_total > 0 ? static_cast<double>(p.bytes_read) / static_cast<double>(p.bytes_total) : 0;
  const double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : -1;
  if (tty_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(kWidth - filled), '.');
    std::fprintf(out_, "\r%-28.28s [%s] %3d%% %9lld rec %8.0f/s ETA %s ", p.file.c_str(),
                 bar.c_str(), static_cast<int>(fraction * 100), static_cast<long long>(p.records),
                 rate, FormatDuration(eta).c_str());
    drawn_ = true;
  } else {
    std::fprintf(out_, "import: %s %d%% %lld records %.0f/s eta %s\n", p.file.c_str(),
                 static_cast<int>(fraction * 100), static_cast<long long>(p.records), rate,
                 FormatDuration(eta).c_str());
  }
  std::fflush(out_);
}

void ProgressPrinter::Finish() {
  if (tty_ && drawn_) std::fputc('\n', out_);
  drawn_ = false;
}

}  // namespace tb::app
