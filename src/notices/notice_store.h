#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "notices/notice.h"

namespace tb::notices {

// Which notices a list shows. Empty vectors and unset optionals do not filter.
struct NoticeFilter {
  std::vector<std::string> buyers;           // exact buyer names, case-insensitive
  std::vector<NoticeType> types;
  std::vector<std::string> countries;        // ISO 3166-1 alpha-2
  std::vector<std::string> unspsc_prefixes;  // "43", "4321", "432115", "43211503"
  std::vector<NoticeStatus> statuses;
  std::optional<bool> open;                  // true: deadline after `now`; false: passed
  std::optional<Timestamp> published_from, published_to;  // inclusive, exclusive
  std::optional<Timestamp> deadline_from, deadline_to;    // inclusive, exclusive
  std::string source;                        // "ungm", "ocds", ...
};

enum class NoticeOrder {
  kNewest,    // published descending (unpublished last), then id descending
  kDeadline,  // deadline ascending (none last), then id ascending
};

struct PageRequest {
  std::string cursor;  // opaque, from the previous page's next_cursor; empty for the first
  int limit = 20;      // 1..100
};

// One page of a keyset-paginated list: stable while other notices are inserted.
struct NoticePage {
  std::vector<Notice> items;
  std::string next_cursor;  // empty on the last page
  std::int64_t total = 0;   // notices matching the filter
};

enum class WriteOutcome { kNew, kUpdated, kUnchanged };

// One stored version of a notice: version 1 is the first import; each later change that
// altered the content adds one.
struct NoticeVersion {
  int version = 0;
  Timestamp recorded_at;
  std::string source;
  std::vector<std::string> changed_fields;  // top-level JSON field names that changed
  bool operator==(const NoticeVersion&) const = default;
};

// Persistence of notices, declared by the service and implemented in storage/ for SQLite
// and PostgreSQL. Every write appends to the `changes` log in the same transaction
// (ARCHITECTURE.md §3). Implementations are thread-safe.
class NoticeStore {
 public:
  virtual ~NoticeStore() = default;

  // Decides the stored form from what is stored now (`current`, null for a new notice)
  // and the incoming record. Called inside the write transaction.
  using MergeFn = std::function<Notice(const Notice* current, const Notice& incoming)>;

  // Writes a batch in one transaction, keyed by public_id: for each record the stored
  // notice is read, merged, and written only when its Fingerprint changed (a new version
  // and a `changes` row); otherwise kUnchanged. Records of the batch with the same
  // public_id are applied in order. All or nothing: on error nothing of the batch is
  // written. Returns one outcome per record. InvalidArgument for an empty public_id;
  // Unavailable when the database is busy.
  virtual Result<std::vector<WriteOutcome>> UpsertBatch(std::span<const Notice> batch,
                                                        const MergeFn& merge) = 0;

  // NotFound when there is no such notice.
  virtual Result<Notice> Get(NoticeId id) = 0;
  virtual Result<Notice> GetByPublicId(std::string_view public_id) = 0;

  // Lists notices matching `filter` in `order`. `now` decides `filter.open`.
  // InvalidArgument (field "cursor") for a cursor this store did not issue for the same order.
  virtual Result<NoticePage> List(const NoticeFilter& filter, NoticeOrder order,
                                  const PageRequest& page, Timestamp now) = 0;

  // Versions of a notice, oldest first. NotFound when there is no such notice.
  virtual Result<std::vector<NoticeVersion>> History(NoticeId id) = 0;

  // The number of the notice's latest version (the last of History): it changes with every
  // write that changes the notice, on any server sharing the database, so a cache may key
  // what it derived from a notice by (id, version). Much cheaper than Get; it may be served
  // from memory, so a write made through another process (another server, a CLI import)
  // may show up to a short bounded time later (SqlNoticeStore: 100 ms); writes through this
  // object show at once. NotFound when there is no such notice.
  virtual Result<std::int64_t> Version(NoticeId id) = 0;

  // Number of stored notices.
  virtual Result<std::int64_t> Count() = 0;
};

}  // namespace tb::notices
