#pragma once

#include <chrono>
#include <memory>
#include <string_view>

#include "core/result.h"
#include "storage/database.h"

namespace tb::storage::postgres {

struct PgOptions {
  int max_connections = 8;  // pool size: concurrent transactions of this process
  std::chrono::milliseconds acquire_timeout{30'000};  // wait for a free connection, then fail
};

// Connects to the PostgreSQL server named by a libpq URL ("postgresql://user@host:port/db",
// parameters such as "?options=-c%20search_path%3Dx" pass through). Connections are opened
// lazily up to `max_connections`; one is opened now to check the server answers.
// Unavailable when it does not. Migrations are not applied here.
Result<std::unique_ptr<Database>> Open(std::string_view url, const PgOptions& options = {});

}  // namespace tb::storage::postgres
