#include "tenders/opening.h"

#include <nlohmann/json.hpp>

#include "tenders/receipt.h"

namespace tb::tenders {

Status CheckShareGate(const ShareGateFacts& facts) {
  // Who first: a non-member learns nothing about the tender's state from the answer.
  if (!facts.is_opening_member) {
    return Status::PermissionDenied("you are not on this tender's opening committee");
  }
  if (facts.is_creator || facts.is_evaluator) {
    return Status::PermissionDenied(
        "the tender's creator and its evaluators may not take part in its opening (ET-06)");
  }
  const bool single_mode = facts.mode == EnvelopeMode::kSingle;
  if ((facts.kind == EnvelopeKind::kSingle) != single_mode) {
    return Status::FailedPrecondition("this tender has no " +
                                      std::string(EnvelopeKindName(facts.kind)) + " envelope");
  }
  if (!facts.key_registered) {
    return Status::FailedPrecondition("no key is registered for this envelope");
  }
  if (facts.already_opened) {
    return Status::FailedPrecondition("this envelope has already been opened");
  }
  if (!facts.deadline || facts.now < *facts.deadline) {
    return Status::FailedPrecondition(
        "the deadline has not passed: bids are opened only after it (CR-04)");
  }
  if (facts.kind == EnvelopeKind::kFinancial) {
    if (!facts.technical_opened || (facts.state != "opened" && facts.state != "evaluation")) {
      return Status::FailedPrecondition(
          "the financial envelopes open only after the technical opening (ET-05)");
    }
    if (!facts.qualification_complete) {
      return Status::FailedPrecondition(
          "the financial envelopes open only when every technically opened bid is marked "
          "qualified or not (ET-05)");
    }
  } else if (facts.state != "closed" && facts.state != "published") {
    return Status::FailedPrecondition("a tender in state '" + facts.state + "' cannot be opened");
  }
  if (facts.already_submitted) {
    return Status::FailedPrecondition(
        "you have already given your share: the opening needs shares from distinct members");
  }
  return Status::Ok();
}

std::string RecordJson(const OpeningRecord& record) {
  using nlohmann::json;
  json bids = json::array();
  for (const OpenedBid& b : record.bids) {
    json files = json::array();
    for (const OpenedFile& f : b.files) {
      files.push_back(
          {{"index", f.index}, {"name", f.name}, {"size", f.size}, {"sha256", f.sha256}});
    }
    json price = nullptr;
    if (b.price) price = {{"amount_minor", b.price->amount_minor}, {"currency", b.price->currency}};
    bids.push_back({{"bid", b.bid_id},
                    {"supplier", b.supplier.value},
                    {"supplier_name", b.supplier_name},
                    {"version", b.version},
                    {"receipt_time", Rfc3339Micros(b.receipt_time)},
                    {"envelope_sha256", b.envelope_sha256},
                    {"bid_ref_salt", b.bid_ref_salt},
                    {"decrypted", b.decrypted},
                    {"error", b.error},
                    {"price", price},
                    {"files", files}});
  }
  json members = json::array();
  for (UserId m : record.members) members.push_back(m.value);
  json document = {{"v", 1},
                   {"type", "tenderbridge.opening-record"},
                   {"tender", record.ocid},
                   {"envelope", EnvelopeKindName(record.kind)},
                   {"opened_at", Rfc3339Micros(record.opened_at)},
                   {"members", members},
                   {"bids", bids}};
  if (!record.excluded.empty()) {
    json excluded = json::array();
    for (const UnconfirmedBid& b : record.excluded) {
      excluded.push_back({{"bid", b.bid_id},
                          {"supplier", b.supplier.value},
                          {"supplier_name", b.supplier_name},
                          {"version", b.version},
                          {"receipt_time", Rfc3339Micros(b.receipt_time)},
                          {"envelope_sha256", b.envelope_sha256},
                          {"bid_ref_salt", b.bid_ref_salt},
                          {"reason", b.reason}});
    }
    document["excluded"] = std::move(excluded);
  }
  return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace tb::tenders
