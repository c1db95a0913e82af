#include "audit/verifier.h"

#include <algorithm>

#include "audit/entry.h"
#include "crypto/digest.h"
#include "crypto/random.h"
#include "crypto/signing.h"

namespace tb::audit {
namespace {

std::string Short(std::span<const std::uint8_t> bytes) {
  return crypto::HexEncode(bytes).substr(0, 16) + "…";
}

}  // namespace

LogVerifier::LogVerifier(std::vector<PublicKey> public_keys, std::optional<StoredFrontier> frontier,
                         std::vector<StoredHead> stored_heads, std::vector<TreeHead> external_heads)
    : public_keys_(std::move(public_keys)), frontier_row_(std::move(frontier)) {
  report_.stored_heads = static_cast<std::int64_t>(stored_heads.size());
  report_.external_heads = static_cast<std::int64_t>(external_heads.size());
  std::string key_ids;
  for (const PublicKey& key : public_keys_)
    key_ids += (key_ids.empty() ? "" : ", ") + crypto::KeyIdOf(key);
  if (public_keys_.empty()) Problem("no public key to verify tree heads with");
  if (!frontier_row_) {
    Problem("the audit_frontier row is missing");
  } else if (frontier_row_->head_count != report_.stored_heads) {
    Problem("the log recorded " + std::to_string(frontier_row_->head_count) +
            " stored tree heads but " + std::to_string(report_.stored_heads) +
            " are in audit_tree_heads");
  }
  std::int64_t previous_size = 0;
  for (std::size_t i = 0; i < stored_heads.size(); ++i) {
    const StoredHead& h = stored_heads[i];
    const std::string label =
        "stored head " + std::to_string(h.seq) + " (size " + std::to_string(h.head.size) + ")";
    if (h.seq != static_cast<std::int64_t>(i) + 1) {
      Problem("stored heads are not numbered 1.." + std::to_string(stored_heads.size()) +
              " without gaps: position " + std::to_string(i + 1) + " holds " + label);
    }
    if (!h.defect.empty()) Problem(label + " is malformed: " + h.defect);
    const auto named =
        std::find_if(public_keys_.begin(), public_keys_.end(),
                     [&](const PublicKey& k) { return crypto::KeyIdOf(k) == h.key_id; });
    if (named == public_keys_.end()) {
      Problem(label + " names key " + h.key_id + ", not a verifying key (" + key_ids + ")");
    } else if (!VerifyTreeHead(h.head, *named)) {
      Problem(label + ": the signature does not verify with key " + h.key_id);
    }
    if (h.head.size < previous_size) {
      Problem(label + " is smaller than the head stored before it (size " +
              std::to_string(previous_size) + "): heads are out of order");
    }
    previous_size = std::max(previous_size, h.head.size);
    pending_.push_back({h.head.size, h.head.root, label});
  }
  for (std::size_t i = 0; i < external_heads.size(); ++i) {
    const TreeHead& h = external_heads[i];
    const std::string label =
        "given head " + std::to_string(i + 1) + " (size " + std::to_string(h.size) + ")";
    if (std::none_of(public_keys_.begin(), public_keys_.end(),
                     [&](const PublicKey& k) { return VerifyTreeHead(h, k); })) {
      Problem(label + ": the signature does not verify with any key (" + key_ids + ")");
    }
    pending_.push_back({h.size, h.root, label});
  }
  std::stable_sort(pending_.begin(), pending_.end(),
                   [](const PendingHead& a, const PendingHead& b) { return a.size < b.size; });
  CheckHeadsUpTo(0);
}

void LogVerifier::Problem(std::string message) {
  ++report_.problem_count;
  if (report_.problems.size() < VerificationReport::kMaxReportedProblems) {
    report_.problems.push_back(std::move(message));
  }
}

void LogVerifier::CheckHeadsUpTo(std::int64_t size) {
  while (next_pending_ < pending_.size() && pending_[next_pending_].size <= size) {
    const PendingHead& h = pending_[next_pending_++];
    if (h.size < 0) {
      Problem(h.label + " has a negative size");
      continue;
    }
    const Hash root = tree_.Root();
    if (h.root != root) {
      Problem(h.label + ": its root " + Short(h.root) + " differs from the root " + Short(root) +
              " recomputed from the first " + std::to_string(size) +
              " entries: the log was changed after that head was signed");
    }
  }
}

void LogVerifier::Add(const StoredEntry& row) {
  ++report_.entries;
  const std::string where = "leaf " + std::to_string(row.leaf_index);
  if (row.leaf_index != expected_index_) {
    if (row.leaf_index > expected_index_) {
      Problem(where + ": leaves " + std::to_string(expected_index_) + ".." +
              std::to_string(row.leaf_index - 1) + " are missing");
    } else {
      Problem(where + " follows leaf " + std::to_string(expected_index_ - 1) +
              ": leaf indexes are out of order or repeated");
    }
  }
  expected_index_ = row.leaf_index + 1;

  Result<Entry> entry = Decode(row.entry);
  if (!entry.ok()) {
    Problem(where + ": the entry is not a canonical version-1 entry (" + entry.status().message() +
            ")");
  } else if (entry->at.micros() != row.at_us) {
    Problem(where + ": at_us is " + std::to_string(row.at_us) + " but the entry says " +
            std::to_string(entry->at.micros()));
  }
  const Hash leaf = LeafHash(row.entry);
  if (row.leaf_hash.size() != leaf.size() ||
      !std::equal(leaf.begin(), leaf.end(), row.leaf_hash.begin())) {
    Problem(where + ": the stored leaf hash " + Short(row.leaf_hash) +
            " is not SHA-256(0x00 || entry) = " + Short(leaf));
  }
  // The tree is rebuilt from the entries themselves, so an entry rewritten together with its
  // leaf hash still changes every later root.
  tree_.Append(leaf);
  CheckHeadsUpTo(tree_.size());
}

VerificationReport LogVerifier::Finish() {
  const std::int64_t size = tree_.size();
  for (; next_pending_ < pending_.size(); ++next_pending_) {
    const PendingHead& h = pending_[next_pending_];
    Problem(h.label + " covers " + std::to_string(h.size) + " entries but the log has only " +
            std::to_string(size) + ": entries were removed");
  }
  if (frontier_row_) {
    if (frontier_row_->size != size) {
      Problem("the log recorded " + std::to_string(frontier_row_->size) + " entries but " +
              std::to_string(size) + " are in audit_entries");
    } else {
      std::vector<std::uint8_t> nodes;
      for (const Hash& node : tree_.nodes()) nodes.insert(nodes.end(), node.begin(), node.end());
      if (nodes != frontier_row_->nodes) {
        Problem("the stored frontier differs from the one recomputed from the entries");
      }
    }
  }
  report_.root = tree_.Root();
  return std::move(report_);
}

VerificationReport VerifyLog(const std::array<std::uint8_t, 32>& public_key,
                             const std::optional<StoredFrontier>& frontier,
                             std::span<const StoredHead> stored_heads,
                             std::span<const StoredEntry> entries,
                             std::span<const TreeHead> external_heads) {
  LogVerifier verifier(public_key, frontier,
                       std::vector<StoredHead>(stored_heads.begin(), stored_heads.end()),
                       std::vector<TreeHead>(external_heads.begin(), external_heads.end()));
  for (const StoredEntry& row : entries) verifier.Add(row);
  return verifier.Finish();
}

}  // namespace tb::audit
