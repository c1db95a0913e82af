#include "search/internal/projection_database.h"

#include <filesystem>

namespace tb::search::internal {
namespace {

constexpr std::string_view kLastSeqKey = "last_seq";
constexpr std::size_t kMaxPooledReaders = 8;

std::int64_t ParseSeq(const std::string& text) { return text.empty() ? 0 : std::stoll(text); }

}  // namespace

Result<std::unique_ptr<ProjectionDatabase>> ProjectionDatabase::Open(const std::string& path,
                                                                     std::string what) {
  if (path.empty()) return Status::InvalidArgument("no " + what + " path").WithField("path");
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    return Status::Internal("cannot create the " + what + " directory " + path + ": " +
                            ec.message());
  }
  try {
    Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OPEN);
    return std::unique_ptr<ProjectionDatabase>(
        new ProjectionDatabase(path, std::move(what), std::move(writer)));
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::Unavailable("the " + what + " at " + path +
                               " is in use by another process: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return Status::Internal("cannot open the " + what + " at " + path + ": " + e.get_msg());
  }
}

ProjectionDatabase::ProjectionDatabase(std::string path, std::string what,
                                       Xapian::WritableDatabase writer)
    : path_(std::move(path)), what_(std::move(what)), writer_(std::move(writer)) {
  empty_at_open_ = writer_.get_doccount() == 0;
}

Result<std::int64_t> ProjectionDatabase::LastSeq() {
  std::lock_guard lock(writer_mu_);
  try {
    return ParseSeq(writer_.get_metadata(std::string(kLastSeqKey)));
  } catch (const Xapian::Error& e) {
    return Status::Internal(what_ + ": cannot read last_seq: " + e.get_msg());
  }
}

Result<std::int64_t> ProjectionDatabase::ApplyBatch(const Batch& batch) {
  std::lock_guard lock(writer_mu_);
  std::int64_t last = 0;
  try {
    last = ParseSeq(writer_.get_metadata(std::string(kLastSeqKey)));
  } catch (const Xapian::Error& e) {
    return Status::Internal(what_ + ": cannot read last_seq: " + e.get_msg());
  }
  auto cancel = [this] {
    try {
      writer_.cancel_transaction();
    } catch (const Xapian::Error&) {
      // Nothing more to undo: the transaction was not open.
    }
  };
  try {
    writer_.begin_transaction(/*flushed=*/true);
    Result<std::int64_t> seq = batch(writer_, last);
    if (!seq.ok()) {
      cancel();
      return seq.status();
    }
    writer_.set_metadata(std::string(kLastSeqKey), std::to_string(*seq));
    writer_.commit_transaction();
    return *seq;
  } catch (const Xapian::Error& e) {
    cancel();
    return Status::Unavailable(what_ + ": batch not applied: " + e.get_msg());
  }
}

Status ProjectionDatabase::Clear(const std::function<void()>& after_commit) {
  std::lock_guard lock(writer_mu_);
  try {
    writer_.begin_transaction(true);
    std::vector<Xapian::docid> ids;
    for (auto it = writer_.postlist_begin(""); it != writer_.postlist_end(""); ++it) {
      ids.push_back(*it);
    }
    for (Xapian::docid id : ids) writer_.delete_document(id);
    writer_.set_metadata(std::string(kLastSeqKey), "0");
    writer_.commit_transaction();
  } catch (const Xapian::Error& e) {
    try {
      writer_.cancel_transaction();
    } catch (const Xapian::Error&) {
      // Not in a transaction.
    }
    return Status::Unavailable(what_ + ": clear failed: " + e.get_msg());
  }
  if (after_commit) after_commit();
  return Status::Ok();
}

std::unique_ptr<Xapian::Database> ProjectionDatabase::LeaseReader() {
  std::lock_guard lock(pool_mu_);
  if (pool_.empty()) return nullptr;
  std::unique_ptr<Xapian::Database> db = std::move(pool_.back());
  pool_.pop_back();
  return db;
}

void ProjectionDatabase::ReturnReader(std::unique_ptr<Xapian::Database> db) {
  std::lock_guard lock(pool_mu_);
  if (pool_.size() < kMaxPooledReaders) pool_.push_back(std::move(db));
}

}  // namespace tb::search::internal
