#pragma once

// Shared by the two halves of SqlTenderStore (sql_tender_store.cc: tenders, amendments,
// closing; sql_tender_store_parts.cc: committee, keys, clarifications, interest). Private to
// storage/.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/database.h"
#include "tenders/tender_store.h"

namespace tb::storage::tender_sql {

// Runs `work` in one transaction and commits when it succeeded (Status or Result<T>).
template <typename Work>
auto InTransaction(Database& db, TxMode mode, Work work)
    -> decltype(work(std::declval<Transaction&>())) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db.Begin(mode));
  auto result = work(*tx);
  if (!result.ok()) return result;
  TB_RETURN_IF_ERROR(tx->Commit());
  return result;
}

Status NoSuchTender();

// The tender with id `id` as stored now, inside `tx`. NotFound.
Result<tenders::Tender> ReadTender(Transaction& tx, TenderId id);

// Checks that the stored version is `expected` and adds one to it (the committee and keys
// writes, which do not rewrite the row). FailedPrecondition / NotFound.
Status BumpVersion(Transaction& tx, TenderId id, std::int64_t expected, Timestamp at);

// One notification row per supplier in tender_interest, then those suppliers with the
// e-mail addresses of their supplier users.
Result<std::vector<tenders::Recipient>> NotifyInterested(Transaction& tx, TenderId tender,
                                                         std::string_view kind,
                                                         const std::string& reference,
                                                         Timestamp at);

std::vector<std::uint8_t> Bytes(const std::array<std::uint8_t, 32>& key);

}  // namespace tb::storage::tender_sql
