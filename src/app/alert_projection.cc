#include "app/alert_projection.h"

#include <set>
#include <spdlog/spdlog.h>
#include <vector>

#include "matching/alert_service.h"
#include "storage/change_log.h"

namespace tb::app {
namespace {

constexpr int kBatch = 1000;

}  // namespace

AlertProjection::AlertProjection(storage::ChangeLog& log, matching::AlertService& alerts)
    : log_(log), alerts_(alerts) {}

AlertProjection::~AlertProjection() { Stop(); }

Result<std::int64_t> AlertProjection::CatchUp() {
  std::lock_guard lock(catch_up_mu_);
  std::int64_t stored = 0;
  for (;;) {
    TB_ASSIGN_OR_RETURN(std::int64_t seq, alerts_.ProjectionSeq());
    TB_ASSIGN_OR_RETURN(std::vector<storage::Change> changes, log_.ReadSince(seq, kBatch));
    if (changes.empty()) return stored;
    std::set<std::int64_t> notice_ids;
    bool suppliers_changed = false;
    for (const storage::Change& c : changes) {
      if (c.entity == "notice") notice_ids.insert(c.id);
      if (c.entity == "supplier") suppliers_changed = true;
    }
    if (suppliers_changed) alerts_.InvalidateSuppliers();
    std::vector<NoticeId> ids;
    for (std::int64_t id : notice_ids) ids.push_back(NoticeId{id});
    Result<matching::ProjectionReport> report = alerts_.Project(seq, changes.back().seq, ids);
    if (!report.ok()) {
      // Another node projected this batch first: read the seq again. If it did not move,
      // the refusal had another cause, and retrying at once would spin.
      if (report.status().code() == StatusCode::kFailedPrecondition) {
        TB_ASSIGN_OR_RETURN(std::int64_t now_at, alerts_.ProjectionSeq());
        if (now_at != seq) continue;
      }
      return report.status();
    }
    stored += report->alerts;
    if (report->alerts > 0) {
      spdlog::info("alerts: {} notices gave {} alerts (changes up to {})", report->notices,
                   report->alerts, changes.back().seq);
    }
  }
}

Status AlertProjection::Tick() {
  TB_RETURN_IF_ERROR(CatchUp().status());
  TB_RETURN_IF_ERROR(alerts_.RunDigests().status());
  return alerts_.DeliverDue().status();
}

void AlertProjection::Start(std::chrono::milliseconds interval) {
  loop_.Start(interval, [this] {
    if (Status ticked = Tick(); !ticked.ok()) {
      spdlog::warn("alert projection: {} (retrying)", ticked.ToString());
    }
  });
}

void AlertProjection::Stop() { loop_.Stop(); }

}  // namespace tb::app
