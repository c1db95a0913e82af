#pragma once
// Leave-one-agency-out fold (ALGORITHMS.md B.4 step 2: new buyers): for each of the largest
// agencies, everything is rebuilt without it (supplier profiles from the other agencies'
// training awards, the code predictor, the learning queries of the other agencies'
// validation notices, the weights by the shipped learner) and the rankers are tested on that
// agency's test notices. One "agency_fold" line per agency, regime and ranker.

#include <string>

#include "eval_data.h"

namespace tb::bench {

void AgencyFolds(const EvalData& data, const EvalArgs& args, const std::string& learner);

}  // namespace tb::bench
