#pragma once

#include <cstdint>

#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "storage/database.h"

namespace tb::storage::internal {

// Advisory lock keys of the alert store: one per user for saved-search creation ("tbss" +
// the user id, far from the change log's and the audit log's keys).
inline constexpr std::int64_t kSavedSearchLockBase = 0x74627373LL << 24;

Status SetLastDigest(Transaction& tx, UserId user, Timestamp period_end);

}  // namespace tb::storage::internal
