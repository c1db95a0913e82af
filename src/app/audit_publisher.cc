#include "app/audit_publisher.h"

#include <spdlog/spdlog.h>

#include "audit/verifier.h"
#include "crypto/random.h"
#include "crypto/signing.h"
#include "storage/audit_append.h"
#include "storage/database.h"

namespace tb::app {

AuditPublisher::AuditPublisher(storage::Database& db, const crypto::SigningKey& key,
                               const Clock& clock)
    : db_(db), key_(key), clock_(clock) {}

AuditPublisher::~AuditPublisher() { Stop(); }

Result<std::optional<audit::TreeHead>> AuditPublisher::PublishIfGrown() {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<storage::Transaction> tx, db_.Begin(storage::TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(storage::AuditTreeState state, storage::ReadAuditTree(*tx));
  if (state.size == 0 || state.size <= state.latest_head_size) {
    return std::optional<audit::TreeHead>();
  }
  // Read under the append lock: later events commit after this head and are in later heads.
  const audit::TreeHead head = audit::SignTreeHead(state.size, state.root, clock_.Now(), key_);
  TB_RETURN_IF_ERROR(storage::StoreTreeHead(*tx, head));
  TB_RETURN_IF_ERROR(tx->Commit());
  return std::optional<audit::TreeHead>(head);
}

void AuditPublisher::Start(std::chrono::milliseconds interval) {
  thread_ = std::thread([this, interval] { Run(interval); });
}

void AuditPublisher::Run(std::chrono::milliseconds interval) {
  std::unique_lock lock(mu_);
  for (;;) {
    lock.unlock();
    Result<std::optional<audit::TreeHead>> head = PublishIfGrown();
    if (!head.ok()) {
      spdlog::warn("audit: publishing a tree head failed (retried in {} s): {}",
                   interval.count() / 1000, head.status().ToString());
    } else if (head->has_value()) {
      spdlog::info("audit: signed tree head size {} root {}", (*head)->size,
                   crypto::HexEncode((*head)->root));
    }
    lock.lock();
    if (stopping_) return;
    wake_.wait_for(lock, interval, [this] { return stopping_; });
    if (stopping_) {
      lock.unlock();
      (void)PublishIfGrown();  // best effort on the way out; the next start publishes anyway
      return;
    }
  }
}

void AuditPublisher::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace tb::app
