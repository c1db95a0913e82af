#pragma once

// Helpers shared by the two halves of SqlAuthStore (sql_auth_store.cc, sql_auth_store_tokens.cc).
// Private to storage/.

#include <initializer_list>
#include <memory>
#include <optional>
#include <string_view>

#include "core/result.h"
#include "core/timestamp.h"
#include "storage/database.h"

namespace tb::storage::auth_sql {

// Runs `work` in one transaction and commits when it succeeded. `work` returns Status or
// Result<T>; a failure rolls back (the Transaction's destructor).
template <typename Work>
auto InTransaction(Database& db, TxMode mode, Work work)
    -> decltype(work(std::declval<Transaction&>())) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db.Begin(mode));
  auto result = work(*tx);
  if (!result.ok()) return result;
  TB_RETURN_IF_ERROR(tx->Commit());
  return result;
}

inline std::optional<Timestamp> OptionalTime(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return Timestamp::FromMicros(s.Int64(column));
}

inline void BindOptionalTime(Statement& s, int index, const std::optional<Timestamp>& t) {
  if (t) {
    s.BindInt64(index, t->micros());
  } else {
    s.BindNull(index);
  }
}

// One UPDATE/DELETE with int64 parameters; returns the rows it changed.
inline Result<std::int64_t> Change(Database& db, std::string_view sql,
                                   std::initializer_list<std::int64_t> values) {
  return InTransaction(db, TxMode::kWrite, [&](Transaction& tx) -> Result<std::int64_t> {
    TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare(sql));
    int index = 1;
    for (std::int64_t v : values) s->BindInt64(index++, v);
    TB_RETURN_IF_ERROR(s->Run());
    return s->ChangedRows();
  });
}

inline Status NoUser() { return Status::NotFound("no such user"); }

}  // namespace tb::storage::auth_sql
