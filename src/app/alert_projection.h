#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

#include "app/periodic_task.h"
#include "core/result.h"

namespace tb::storage {
class ChangeLog;
}
namespace tb::matching {
class AlertService;
}

namespace tb::app {

// Turns the `changes` log into alerts (ARCHITECTURE.md §3, docs/alerts.md): reads the changes
// after the alert projection's stored seq (saved searches bring this node's search index up
// to them: app/alert_wiring.h), drops the cached supplier ranker when a supplier changed, and
// hands the batch's notices to AlertService::Project, which stores the alerts and the new seq
// in one transaction. Another node that ran the batch first makes Project refuse (the seq
// moved), and this one re-reads. Each tick then makes the due digests and sends the due
// e-mails. Everything passed in must outlive it.
class AlertProjection {
 public:
  AlertProjection(storage::ChangeLog& log, matching::AlertService& alerts);
  ~AlertProjection();
  AlertProjection(const AlertProjection&) = delete;
  AlertProjection& operator=(const AlertProjection&) = delete;

  // Projects every change committed so far; returns the alerts stored.
  Result<std::int64_t> CatchUp();
  // CatchUp, then digests and deliveries.
  Status Tick();

  void Start(std::chrono::milliseconds interval);
  void Stop();

 private:
  storage::ChangeLog& log_;
  matching::AlertService& alerts_;
  std::mutex catch_up_mu_;

  PeriodicTask loop_;  // last: stopped before the members its ticks use
};

}  // namespace tb::app
