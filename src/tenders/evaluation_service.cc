#include "tenders/evaluation_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "crypto/random.h"
#include "tenders/award.h"
#include "tenders/evaluation_json.h"
#include "tenders/lifecycle.h"

namespace tb::tenders {
namespace {

constexpr std::size_t kMaxStatementBytes = 4000;
constexpr std::string_view kNoConflictStatement =
    "I declare that I have no conflict of interest with any bidder of this tender, and that I "
    "will keep its bids and their evaluation confidential.";

Status NotOpened() { return Status::FailedPrecondition("the bids are not opened yet"); }

Status TechnicalClosed() {
  return Status::FailedPrecondition("the technical evaluation is closed");
}

// Tender states in which evaluators work: after the opening, before the award.
bool Evaluating(const Tender& tender) {
  return tender.state == TenderState::kOpened || tender.state == TenderState::kEvaluation;
}

EvaluationRecord NextRecord(const EvaluationSnapshot& s) {
  EvaluationRecord next = s.record;
  next.version = s.record.version + 1;
  return next;
}

// Moves an opened tender to 'evaluation' within `change` (the owner's first act on it).
Status StartIfOpened(const auth::Actor& actor, const EvaluationSnapshot& s, Timestamp now,
                     EvaluationRecord& record, EvaluationChange& change) {
  if (s.tender.state != TenderState::kOpened) return Status::Ok();
  TB_RETURN_IF_ERROR(
      CheckTransition(TenderState::kOpened, TenderState::kEvaluation, TenderActor::kOwner));
  change.tender_state = TenderState::kEvaluation;
  record.started_at = now;
  change.audit.push_back(TenderEntry("tender.evaluation_started", actor, s, now));
  return Status::Ok();
}

std::string JoinIds(const std::vector<UserId>& users) {
  std::string out;
  for (UserId u : users) {
    if (!out.empty()) out += ',';
    out += std::to_string(u.value);
  }
  return out;
}

audit::Entry RankedEntry(const auth::Actor& actor, const EvaluationSnapshot& s, Timestamp at,
                         const Ranking& ranking) {
  return TenderEntry("evaluation.ranked", actor, s, at,
                     {{"ranked", std::to_string(ranking.ranked.size())},
                      {"excluded", std::to_string(ranking.excluded.size())},
                      {"first", ranking.winner() ? ranking.winner()->bid_id : ""},
                      {"ranking_sha256", crypto::Sha256Hex(RankingJson(ranking).dump())}});
}

}  // namespace

Result<Ranking> RankSnapshot(const EvaluationSnapshot& s, const TechnicalEvaluation& technical,
                             const std::vector<BidPrice>& prices) {
  if (!s.technical_opening) return NotOpened();
  const BidsUnderEvaluation under = BidsOf(*s.technical_opening);
  TB_ASSIGN_OR_RETURN(Ranking ranking, RankBids(s.tender.evaluation, under.bids, technical, prices,
                                                s.technical_opening->record_sha256));
  ranking.excluded.insert(ranking.excluded.end(), under.undecryptable.begin(),
                          under.undecryptable.end());
  return ranking;
}

Result<EvaluationView> EvaluationService::View(const auth::Actor& actor, std::string_view ocid) {
  Result<EvaluationSnapshot> loaded = store_.Load(ocid);
  if (!loaded.ok()) {
    if (loaded.status().code() == StatusCode::kNotFound) {
      return Status::NotFound("no such evaluation").WithField("ocid");
    }
    return loaded.status();
  }
  const EvaluationSnapshot& s = *loaded;
  EvaluationView view;
  view.roles = RolesOf(actor, s);
  const EvaluationRoles& roles = view.roles;
  if (!roles.owner && !roles.evaluator) {
    const Status refusal = Status::NotFound("no such evaluation").WithField("ocid");
    RecordDenial(store_, log_, actor, ocid, "evaluation.view", refusal, clock_.Now());
    return refusal;
  }
  if (!s.technical_opening) return NotOpened();
  view.ocid = s.tender.ocid;
  view.stage = s.record.stage;
  view.tender_state = s.tender.state;
  view.rules = s.tender.evaluation;
  view.version = s.record.version;
  for (const Declaration& d : s.declarations) {
    if (d.evaluator == actor.user) view.own_declaration = d;
  }
  for (const OpenedBid& bid : s.technical_opening->bids) {
    view.bidder_names.push_back(bid.supplier_name);
  }
  if (!roles.owner && !roles.panel()) return view;  // declare first, or recused

  const bool closed = s.record.technical.has_value();
  for (const OpenedBid& bid : s.technical_opening->bids) {
    view.bids.push_back(BidUnderReview{bid.bid_id, bid.supplier, bid.supplier_name,
                                       bid.receipt_time, bid.decrypted, bid.files, bid.price});
  }
  for (const StoredSheet& sheet : s.sheets) {
    if (closed || sheet.sheet.evaluator == actor.user) view.sheets.push_back(sheet);
  }
  if (roles.owner) {
    for (UserId evaluator : s.evaluators) {
      EvaluatorProgress p{evaluator};
      for (const Declaration& d : s.declarations) {
        if (d.evaluator == evaluator) {
          p.declared = true;
          p.conflict = d.conflict;
        }
      }
      p.sheets = static_cast<int>(
          std::count_if(s.sheets.begin(), s.sheets.end(),
                        [&](const StoredSheet& x) { return x.sheet.evaluator == evaluator; }));
      view.progress.push_back(p);
    }
  }
  view.technical = s.record.technical;
  view.ranking = s.record.ranking;
  view.record = s.record;
  return view;
}

Result<Declaration> EvaluationService::Declare(const auth::Actor& actor, std::string_view ocid,
                                               bool conflict, std::string statement) {
  if (statement.empty() && !conflict) statement = kNoConflictStatement;
  if (statement.empty() || statement.size() > kMaxStatementBytes) {
    return Status::InvalidArgument(conflict ? "describe the conflict of interest (up to 4000 bytes)"
                                            : "the statement is too long (up to 4000 bytes)")
        .WithField("statement");
  }
  const Timestamp now = clock_.Now();
  Declaration declaration{actor.user, conflict, statement, now};
  auto decide = [&](const EvaluationSnapshot& s) -> Result<EvaluationChange> {
    const EvaluationRoles roles = RolesOf(actor, s);
    if (!roles.evaluator) {
      return Status::PermissionDenied("only the tender's evaluators make this declaration");
    }
    if (!s.technical_opening) return NotOpened();
    if (s.record.stage != EvaluationStage::kTechnical || !Evaluating(s.tender)) {
      return TechnicalClosed();
    }
    if (roles.declared) return Status::AlreadyExists("you have already made your declaration");
    EvaluationChange change;
    change.declaration = declaration;
    change.audit.push_back(TenderEntry("evaluation.declared", actor, s, now,
                                       {{"conflict", conflict ? "true" : "false"},
                                        {"statement_sha256", crypto::Sha256Hex(statement)}}));
    return change;
  };
  TB_RETURN_IF_ERROR(
      ApplyChecked(store_, log_, clock_, actor, ocid, "evaluation.declare", decide).status());
  return declaration;
}

Result<StoredSheet> EvaluationService::SubmitSheet(const auth::Actor& actor, std::string_view ocid,
                                                   ScoringSheet sheet) {
  sheet.evaluator = actor.user;
  const Timestamp now = clock_.Now();
  StoredSheet stored;
  auto decide = [&](const EvaluationSnapshot& s) -> Result<EvaluationChange> {
    const EvaluationRoles roles = RolesOf(actor, s);
    if (!roles.evaluator)
      return Status::PermissionDenied("only the tender's evaluators score bids");
    if (!roles.declared) {
      return Status::PermissionDenied(
          "declare your conflicts of interest before you see or score the bids");
    }
    if (roles.recused) {
      return Status::PermissionDenied("you declared a conflict of interest in this tender");
    }
    if (!s.technical_opening) return NotOpened();
    if (s.record.stage != EvaluationStage::kTechnical || !Evaluating(s.tender)) {
      return TechnicalClosed();
    }
    const BidsUnderEvaluation under = BidsOf(*s.technical_opening);
    const bool known = std::any_of(under.bids.begin(), under.bids.end(),
                                   [&](const EvaluatedBid& b) { return b.bid_id == sheet.bid_id; });
    if (!known) return Status::NotFound("no such bid under evaluation").WithField("bid_id");
    TB_RETURN_IF_ERROR(ValidateSheet(s.tender.evaluation, sheet));
    stored = StoredSheet{sheet, 1, now};
    for (const StoredSheet& old : s.sheets) {
      if (old.sheet.evaluator == actor.user && old.sheet.bid_id == sheet.bid_id) {
        stored.version = old.version + 1;
      }
    }
    EvaluationChange change;
    change.sheet = stored;
    change.audit.push_back(
        TenderEntry("evaluation.sheet_submitted", actor, s, now,
                    {{"bid", sheet.bid_id},
                     {"version", std::to_string(stored.version)},
                     {"sheet_sha256", crypto::Sha256Hex(SheetJson(sheet).dump())}}));
    return change;
  };
  TB_RETURN_IF_ERROR(
      ApplyChecked(store_, log_, clock_, actor, ocid, "evaluation.score", decide).status());
  return stored;
}

Result<EvaluationRecord> EvaluationService::Start(const auth::Actor& actor, std::string_view ocid) {
  const Timestamp now = clock_.Now();
  auto decide = [&](const EvaluationSnapshot& s) -> Result<EvaluationChange> {
    if (!RolesOf(actor, s).owner) {
      return Status::PermissionDenied("only the buying agency's officers start the evaluation");
    }
    if (!s.technical_opening) return NotOpened();
    EvaluationChange change;
    if (s.tender.state == TenderState::kEvaluation) return change;  // nothing to write
    if (s.tender.state != TenderState::kOpened) {
      return Status::FailedPrecondition("a " + std::string(TenderStateName(s.tender.state)) +
                                        " tender cannot start its evaluation")
          .WithField("state");
    }
    EvaluationRecord record = NextRecord(s);
    TB_RETURN_IF_ERROR(StartIfOpened(actor, s, now, record, change));
    change.record = record;
    return change;
  };
  TB_ASSIGN_OR_RETURN(EvaluationSnapshot after,
                      ApplyChecked(store_, log_, clock_, actor, ocid, "evaluation.start", decide));
  return after.record;
}

Result<EvaluationRecord> EvaluationService::CloseTechnical(const auth::Actor& actor,
                                                           std::string_view ocid) {
  const Timestamp now = clock_.Now();
  auto decide = [&](const EvaluationSnapshot& s) -> Result<EvaluationChange> {
    if (!RolesOf(actor, s).owner) {
      return Status::PermissionDenied("only the buying agency's officers close the evaluation");
    }
    if (!s.technical_opening) return NotOpened();
    if (s.record.stage != EvaluationStage::kTechnical || !Evaluating(s.tender)) {
      return Status::FailedPrecondition("the technical evaluation is already closed");
    }
    if (s.financial_opening) {
      // ET-05: the marks of this close decide which financial envelopes open; envelopes
      // opened on other marks cannot be evaluated as if they had not been.
      return Status::FailedPrecondition(
          "the financial envelopes were opened before the technical evaluation closed");
    }
    const EvaluationRules& rules = s.tender.evaluation;
    const BidsUnderEvaluation under = BidsOf(*s.technical_opening);

    std::vector<UserId> panel, absent;
    for (UserId evaluator : s.evaluators) {
      auto d = std::find_if(s.declarations.begin(), s.declarations.end(),
                            [&](const Declaration& x) { return x.evaluator == evaluator; });
      if (d == s.declarations.end()) {
        absent.push_back(evaluator);
      } else if (!d->conflict) {
        panel.push_back(evaluator);
      }
    }
    std::vector<ScoringSheet> sheets;
    for (const StoredSheet& st : s.sheets) {
      if (std::find(panel.begin(), panel.end(), st.sheet.evaluator) != panel.end()) {
        sheets.push_back(st.sheet);
      }
    }
    const bool needs_sheets = !rules.criteria.empty() || !rules.compliance.empty();
    if (needs_sheets && !under.bids.empty()) {
      if (panel.empty()) {
        return Status::FailedPrecondition(
            "no evaluator without a conflict of interest has declared; the technical "
            "evaluation needs at least one");
      }
      std::string missing;
      for (UserId evaluator : panel) {
        std::string bids;
        for (const EvaluatedBid& bid : under.bids) {
          const bool has = std::any_of(sheets.begin(), sheets.end(), [&](const ScoringSheet& x) {
            return x.evaluator == evaluator && x.bid_id == bid.bid_id;
          });
          if (!has) bids += (bids.empty() ? "" : ", ") + bid.bid_id;
        }
        if (!bids.empty()) {
          missing += (missing.empty() ? "" : "; ") + std::string("evaluator ") +
                     std::to_string(evaluator.value) + ": " + bids;
        }
      }
      if (!missing.empty()) {
        return Status::FailedPrecondition("scoring sheets are missing (" + missing + ")");
      }
    }
    TB_ASSIGN_OR_RETURN(TechnicalEvaluation technical,
                        EvaluateTechnical(rules, under.bids, sheets));

    EvaluationChange change;
    EvaluationRecord record = NextRecord(s);
    TB_RETURN_IF_ERROR(StartIfOpened(actor, s, now, record, change));
    record.technical = technical;
    record.technical_closed_by = actor.user;
    record.technical_closed_at = now;
    int qualified = 0;
    for (const TechnicalResult& t : technical.bids) qualified += t.qualified ? 1 : 0;
    change.audit.push_back(
        TenderEntry("evaluation.technical_closed", actor, s, now,
                    {{"bids", std::to_string(s.technical_opening->bids.size())},
                     {"qualified", std::to_string(qualified)},
                     {"panel", JoinIds(panel)},
                     {"absent", JoinIds(absent)},
                     {"technical_sha256", crypto::Sha256Hex(TechnicalJson(technical).dump())}}));

    const bool two = s.tender.envelope_mode == EnvelopeMode::kTwo;
    if (two) {
      change.qualified_by = actor.user;
      for (const OpenedBid& bid : s.technical_opening->bids) {
        const TechnicalResult* t = technical.Find(bid.bid_id);
        const bool ok = bid.decrypted && t != nullptr && t->qualified;
        change.qualifications.emplace_back(bid.bid_id, ok);
        change.audit.push_back(
            TenderEntry("bid.qualification", actor, s, now,
                        {{"bid", bid.bid_id}, {"qualified", ok ? "true" : "false"}}));
      }
    }
    if (!two || qualified == 0) {
      const std::vector<BidPrice> prices =
          two ? std::vector<BidPrice>{} : PricesOf(*s.technical_opening);
      TB_ASSIGN_OR_RETURN(Ranking ranking, RankSnapshot(s, technical, prices));
      change.audit.push_back(RankedEntry(actor, s, now, ranking));
      record.ranking = std::move(ranking);
      record.ranked_at = now;
      record.stage = EvaluationStage::kRanked;
    } else {
      record.stage = EvaluationStage::kFinancial;
    }
    change.record = record;
    return change;
  };
  TB_ASSIGN_OR_RETURN(EvaluationSnapshot after, ApplyChecked(store_, log_, clock_, actor, ocid,
                                                             "evaluation.close_technical", decide));
  return after.record;
}

Result<EvaluationRecord> EvaluationService::Rank(const auth::Actor& actor, std::string_view ocid) {
  const Timestamp now = clock_.Now();
  auto decide = [&](const EvaluationSnapshot& s) -> Result<EvaluationChange> {
    if (!RolesOf(actor, s).owner) {
      return Status::PermissionDenied("only the buying agency's officers rank the bids");
    }
    if (s.record.stage != EvaluationStage::kFinancial || !s.record.technical) {
      return Status::FailedPrecondition(
          "bids are ranked after the technical evaluation is closed and the financial "
          "envelopes are opened");
    }
    if (!s.financial_opening) {
      return Status::FailedPrecondition("the financial envelopes are not opened yet");
    }
    TB_ASSIGN_OR_RETURN(Ranking ranking,
                        RankSnapshot(s, *s.record.technical, PricesOf(*s.financial_opening)));
    // A qualified bid whose financial envelope did not open says so, not just "no price".
    for (ExcludedBid& e : ranking.excluded) {
      for (const OpenedBid& b : s.financial_opening->bids) {
        if (b.bid_id == e.bid_id && !b.decrypted && e.reason == "no price") {
          e.reason = "the financial envelope could not be opened" +
                     (b.error.empty() ? "" : ": " + b.error);
        }
      }
    }
    EvaluationChange change;
    EvaluationRecord record = NextRecord(s);
    change.audit.push_back(RankedEntry(actor, s, now, ranking));
    record.ranking = std::move(ranking);
    record.ranked_at = now;
    record.stage = EvaluationStage::kRanked;
    change.record = record;
    return change;
  };
  TB_ASSIGN_OR_RETURN(EvaluationSnapshot after,
                      ApplyChecked(store_, log_, clock_, actor, ocid, "evaluation.rank", decide));
  return after.record;
}

}  // namespace tb::tenders
