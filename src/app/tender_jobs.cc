#include "app/tender_jobs.h"

#include <spdlog/spdlog.h>

#include "tenders/tender_service.h"

namespace tb::app {

TenderDeadlineJob::~TenderDeadlineJob() { Stop(); }

int TenderDeadlineJob::RunOnce() {
  Result<int> closed = tenders_.CloseDueTenders(clock_.Now());
  if (!closed.ok()) {
    spdlog::warn("tenders: closing due tenders failed (retried): {}", closed.status().ToString());
  } else if (*closed > 0) {
    spdlog::info("tenders: closed {} tender(s) at their deadline", *closed);
  }
  if (Status synced = tenders_.SyncNotices(); !synced.ok()) {
    spdlog::warn("tenders: notice sync failed (retried): {}", synced.ToString());
  }
  return closed.ok() ? *closed : 0;
}

void TenderDeadlineJob::Start(std::chrono::milliseconds interval) {
  thread_ = std::thread([this, interval] {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      lock.unlock();
      RunOnce();
      lock.lock();
      wake_.wait_for(lock, interval, [this] { return stopping_; });
    }
  });
}

void TenderDeadlineJob::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace tb::app
