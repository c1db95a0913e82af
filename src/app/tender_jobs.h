#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/timestamp.h"

namespace tb::tenders {
class TenderService;
}  // namespace tb::tenders

namespace tb::app {

// The tenders' time-driven work (docs/tendering.md, "Deadline job"): every tick it closes the
// published tenders whose deadline has come (TenderService::CloseDueTenders with the clock's
// time; the move is monotone, so a late or repeated tick is harmless) and rewrites public
// notices that fell behind. Bid acceptance never depends on it: the bids module compares
// with the deadline inside its own transaction. Thread-safe. `tenders` and `clock` must
// outlive it; Stop() (or the destructor) ends the background thread.
class TenderDeadlineJob {
 public:
  TenderDeadlineJob(tenders::TenderService& tenders, const Clock& clock)
      : tenders_(tenders), clock_(clock) {}
  ~TenderDeadlineJob();

  TenderDeadlineJob(const TenderDeadlineJob&) = delete;
  TenderDeadlineJob& operator=(const TenderDeadlineJob&) = delete;

  // One tick now: the number of tenders closed (failures are logged and retried next tick).
  int RunOnce();

  // Runs a tick now, then every `interval` on a background thread, until Stop(). Call once.
  void Start(std::chrono::milliseconds interval);
  // Ends the background thread. Idempotent.
  void Stop();

 private:
  tenders::TenderService& tenders_;
  const Clock& clock_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // Guarded by mu_.
  std::thread thread_;
};

}  // namespace tb::app
