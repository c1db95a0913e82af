#pragma once

#include <memory>
#include <string_view>

#include "core/result.h"
#include "storage/database.h"

namespace tb::storage::sqlite {

struct SqliteOptions {
  int busy_timeout_ms = 10'000;  // how long a writer waits for another process's write lock
  int max_readers = 4;           // read connections kept beside the single writer
};

// Opens (creating if needed) the SQLite file at `path` in WAL mode with synchronous=FULL,
// foreign keys on and a busy timeout. One writer connection (writes are serialised, as
// SQLite requires) and up to `max_readers` read connections, so reads run beside a write.
// ":memory:" gives a private in-memory database whose reads share the writer connection.
// Unavailable when the file cannot be opened. Migrations are not applied here.
Result<std::unique_ptr<Database>> Open(std::string_view path, const SqliteOptions& options = {});

}  // namespace tb::storage::sqlite
