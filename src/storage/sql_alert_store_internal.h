#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "storage/database.h"

namespace tb::storage::internal {

// Advisory lock keys of the alert store: one per user for saved-search creation ("tbss" +
// the user id, far from the change log's and the audit log's keys).
inline constexpr std::int64_t kSavedSearchLockBase = 0x74627373LL << 24;

Status SetLastDigest(Transaction& tx, UserId user, Timestamp period_end);

// The user ids a one-column query returns, with `binds` bound in order (followers, invitees).
Result<std::vector<UserId>> QueryUserIds(Database& db, std::string_view sql,
                                         std::initializer_list<std::int64_t> binds);

}  // namespace tb::storage::internal
