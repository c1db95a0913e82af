#pragma once

#include <string>

namespace tb::scheduling::testing {

// A hand-checked instance: one session of 6 slots, agency A with officers O1-O3 (O3 away at
// slot 0), supplier S1 (1 delegate, requests to O1, O2 and agency A, weights 3, 2, 1),
// supplier S2 (2 delegates, one request to A, weight 1), declined R5; at most 2 of any 3
// consecutive slots. κ for a free person is 6 - ⌊6/3⌋ = 4.
inline std::string SmallInstanceJson(const std::string& table_mode = "dedicated") {
  const bool pooled = table_mode == "pooled";
  const std::string t1 = pooled ? "null" : "\"T1\"";
  const std::string t2 = pooled ? "null" : "\"T2\"";
  const std::string t3 = pooled ? "null" : "\"T3\"";
  std::string slots;
  for (int i = 0; i < 6; ++i) {
    if (i > 0) slots += ",";
    slots += R"({"index":)" + std::to_string(i) + R"(,"id":"D1-0)" + std::to_string(9 + i) +
             R"(00","day":1,)" + R"("session":"S1","start":"2024-11-13T0)" + std::to_string(i) +
             R"(:00","end":"2024-11-13T0)" + std::to_string(i) + R"(:20"})";
  }
  return R"({
 "schema": "tenderbridge.meetings.instance/1", "instance_id": "small", "fingerprint": "sha256:small",
 "event": {"name": "small", "timezone": "Asia/Shanghai", "slot_minutes": 20, "meeting_minutes": 15,
           "table_mode": ")" +
         table_mode + R"("},
 "rules": {"schedulable_statuses": ["accepted"], "fairness_k": 2, "supplier_max_consecutive": 2,
           "officer_max_consecutive": 2, "one_meeting_per_pair": true},
 "slots": [)" +
         slots + R"(],
 "tables": [{"id": "T1"}, {"id": "T2"})" +
         (pooled ? "" : R"(, {"id": "T3"})") + R"(],
 "agencies": [{"id": "A", "popularity": 1.0, "segments": []}],
 "officers": [
  {"id": "O1", "agency": "A", "table": )" +
         t1 + R"(, "available_slots": [0,1,2,3,4,5], "max_meetings": 24},
  {"id": "O2", "agency": "A", "table": )" +
         t2 + R"(, "available_slots": [0,1,2,3,4,5], "max_meetings": 24},
  {"id": "O3", "agency": "A", "table": )" +
         t3 + R"(, "available_slots": [1,2,3,4,5], "max_meetings": 24}],
 "suppliers": [
  {"id": "S1", "name": "One", "delegates": 1, "available_slots": [0,1,2,3,4,5], "max_meetings": 10},
  {"id": "S2", "name": "Two", "delegates": 2, "available_slots": [0,1,2], "max_meetings": 10}],
 "groups": [],
 "requests": [
  {"id": "R1", "supplier": "S1", "target": {"type": "officer", "id": "O1"}, "priority": 1, "weight": 3, "status": "accepted"},
  {"id": "R2", "supplier": "S1", "target": {"type": "officer", "id": "O2"}, "priority": 2, "weight": 2, "status": "accepted"},
  {"id": "R3", "supplier": "S1", "target": {"type": "agency", "id": "A"}, "priority": 3, "weight": 1, "status": "accepted"},
  {"id": "R4", "supplier": "S2", "target": {"type": "agency", "id": "A"}, "priority": 1, "weight": 1, "status": "accepted"},
  {"id": "R5", "supplier": "S2", "target": {"type": "officer", "id": "O1"}, "priority": 1, "weight": 3, "status": "declined"}]
})";
}

}  // namespace tb::scheduling::testing
