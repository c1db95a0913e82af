#include "tenders/bid.h"

#include "crypto/random.h"

namespace tb::tenders {

std::vector<EnvelopeKind> KindsOf(EnvelopeMode mode) {
  if (mode == EnvelopeMode::kSingle) return {EnvelopeKind::kSingle};
  return {EnvelopeKind::kTechnical, EnvelopeKind::kFinancial};
}

Status CheckBidId(std::string_view bid_id) {
  if (bid_id.empty() || bid_id.size() > 64) {
    return Status::InvalidArgument("a bid id has 1 to 64 characters").WithField("bid");
  }
  for (char c : bid_id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) {
      return Status::InvalidArgument("a bid id may hold only letters A-Z a-z, digits, '_' and '-'")
          .WithField("bid");
    }
  }
  return Status::Ok();
}

Status CheckIdempotencyKey(std::string_view key) {
  if (key.empty() || key.size() > 128) {
    return Status::InvalidArgument(
               "send an Idempotency-Key header of 1 to 128 characters with every bid "
               "submission, and the same one when you retry it")
        .WithField("Idempotency-Key");
  }
  for (char c : key) {
    if (c <= 0x20 || c >= 0x7F) {
      return Status::InvalidArgument(
                 "the Idempotency-Key may hold only printable ASCII characters without spaces")
          .WithField("Idempotency-Key");
    }
  }
  return Status::Ok();
}

std::string_view BidActionName(BidAction action) {
  switch (action) {
    case BidAction::kReceived:
      return "received";
    case BidAction::kReplaced:
      return "replaced";
    case BidAction::kWithdrawn:
      return "withdrawn";
    case BidAction::kConfirmed:
      return "confirmed";
  }
  return "received";
}

std::optional<BidAction> ParseBidAction(std::string_view name) {
  if (name == "received") return BidAction::kReceived;
  if (name == "replaced") return BidAction::kReplaced;
  if (name == "withdrawn") return BidAction::kWithdrawn;
  if (name == "confirmed") return BidAction::kConfirmed;
  return std::nullopt;
}

std::string BidReference(std::span<const std::uint8_t> salt, std::string_view ocid,
                         OrganisationId supplier, std::string_view bid_id) {
  std::vector<std::uint8_t> input;
  const std::string_view domain = "tb-bid-ref-v1";
  const std::string supplier_text = std::to_string(supplier.value);
  auto append = [&input](std::string_view text) {
    input.insert(input.end(), text.begin(), text.end());
  };
  append(domain);
  input.push_back(0);
  input.insert(input.end(), salt.begin(), salt.end());
  append(ocid);
  input.push_back(0);
  append(supplier_text);
  input.push_back(0);
  append(bid_id);
  return crypto::Sha256Hex(input);
}

bool AwaitsReconfirmation(const OwnBid& bid, std::optional<Timestamp> reconfirm_after) {
  if (!reconfirm_after || bid.withdrawn || bid.versions.empty()) return false;
  const BidVersion& latest = bid.versions.back();
  if (latest.receipt_time >= *reconfirm_after) return false;
  for (const BidConfirmation& c : bid.confirmations) {
    if (c.version == latest.version && c.confirmed_at >= *reconfirm_after) return false;
  }
  return true;
}

}  // namespace tb::tenders
