#include "app/search_projection.h"

#include <spdlog/spdlog.h>

#include <unordered_map>
#include <vector>

#include "notices/notice_store.h"
#include "search/search_index.h"
#include "storage/change_log.h"

namespace tb::app {
namespace {

constexpr int kBatch = 1000;

}  // namespace

SearchProjection::SearchProjection(storage::ChangeLog& log, notices::NoticeStore& notices,
                                   search::SearchIndex& index)
    : log_(log), notices_(notices), index_(index) {}

SearchProjection::~SearchProjection() { Stop(); }

Result<std::int64_t> SearchProjection::CatchUp() {
  std::lock_guard<std::mutex> lock(catch_up_mu_);
  return CatchUpLocked();
}

Result<std::int64_t> SearchProjection::CatchUpLocked() {
  std::int64_t applied = 0;
  while (true) {
    TB_ASSIGN_OR_RETURN(std::int64_t after, index_.LastAppliedSeq());
    TB_ASSIGN_OR_RETURN(std::vector<storage::Change> changes, log_.ReadSince(after, kBatch));
    if (changes.empty()) return applied;
    // A notice changed several times in one batch is loaded once, at its last seq: the
    // store returns its current state anyway, and seqs stay increasing.
    std::unordered_map<std::int64_t, std::int64_t> last_seq_of;
    for (const storage::Change& c : changes) {
      if (c.entity == "notice") last_seq_of[c.id] = c.seq;
    }
    std::vector<search::IndexChange> batch;
    batch.reserve(last_seq_of.size());
    for (const storage::Change& c : changes) {
      if (c.entity != "notice" || last_seq_of[c.id] != c.seq) continue;
      Result<notices::Notice> notice = notices_.Get(NoticeId{c.id});
      if (notice.ok()) {
        batch.push_back(search::IndexChange::Upsert(c.seq, std::move(notice).value()));
      } else if (notice.status().code() == StatusCode::kNotFound) {
        batch.push_back(search::IndexChange::Delete(c.seq, NoticeId{c.id}));
      } else {
        return notice.status();
      }
    }
    if (!batch.empty()) {
      TB_ASSIGN_OR_RETURN(search::ApplyReport report, index_.Apply(batch));
      applied += report.applied;
    }
    if (static_cast<int>(changes.size()) < kBatch) return applied;
    if (batch.empty()) {
      // Only notices write changes today; a full batch of other entities would need a way
      // to record progress without a document (TODO(#3) when tenders write changes).
      return Status::Internal("changes log holds entities the search projection cannot skip");
    }
  }
}

void SearchProjection::Start(std::chrono::milliseconds interval) {
  Stop();
  {
    std::lock_guard<std::mutex> lock(loop_mu_);
    stopping_ = false;
  }
  loop_ = std::thread([this, interval] {
    std::unique_lock<std::mutex> lock(loop_mu_);
    while (!stopping_) {
      lock.unlock();
      Result<std::int64_t> applied = CatchUp();
      if (!applied.ok()) {
        spdlog::warn("search projection: {} (retrying)", applied.status().ToString());
      } else if (*applied > 0) {
        spdlog::debug("search projection: applied {} changes", *applied);
      }
      lock.lock();
      wake_.wait_for(lock, interval, [this] { return stopping_; });
    }
  });
}

void SearchProjection::Stop() {
  {
    std::lock_guard<std::mutex> lock(loop_mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (loop_.joinable()) loop_.join();
}

}  // namespace tb::app
