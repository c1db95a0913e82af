#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "notices/notice.h"
#include "search/search_types.h"
#include "search/testing/notice_builder.h"

// The hand-written notices the search tests index (15 notices in 7 languages, with known
// agencies, types, countries, codes, dates and values). Tests assert exact counts on them.
namespace tb::search::testing {

using notices::Notice;
using notices::NoticeStatus;
using notices::NoticeType;

inline constexpr std::int64_t kDay = 86400;
inline const Timestamp kNow = Timestamp::FromSeconds(1'748'736'000);  // 2025-06-01T00:00:00Z

inline Timestamp Days(int n) { return kNow + std::chrono::seconds(n * kDay); }

// A request for `query` at kNow with room for every fixture notice on one page.
inline SearchRequest Request(std::string query) {
  SearchRequest r;
  r.query = std::move(query);
  r.now = kNow;
  r.page_size = 50;
  return r;
}

// The ids of the hits, in rank order.
inline std::vector<std::int64_t> Ids(const SearchResponse& response) {
  std::vector<std::int64_t> ids;
  for (const Hit& h : response.hits) ids.push_back(h.id.value);
  return ids;
}

inline std::vector<Notice> HandWrittenNotices() {
  std::vector<Notice> v;
  auto add = [&v](Notice n) { v.push_back(std::move(n)); return &v.back(); };
  Notice* n = add(MakeNotice(1, "Supply of laptop computers for district schools", "en", "UNDP",
                             {"43211503"}, {"KE"}));
  n->deadline = Days(3);
  n->published = Days(-10);
  n->estimated_value = Money{5'000'000, "USD"};
  n->description = {"Laptops with carrying cases for 40 schools.", Language::English()};

  n = add(MakeNotice(2, "Construction of water wells in rural areas", "en",
                     "UNITED NATIONS CHILDREN'S FUND (UNICEF)", {"72141100"}, {"ET"}));
  n->type = NoticeType::kInvitationToBid;
  n->deadline = Days(30);
  n->published = Days(-5);
  n->estimated_value = Money{200'000'000, "USD"};

  n = add(MakeNotice(3, "Solar PV-diesel hybrid system for a well field", "en",
                     "UNITED NATIONS OFFICE FOR PROJECT SERVICES (UNOPS)", {"26131507"}, {"YE"}));
  n->type = NoticeType::kInvitationToBid;
  n->deadline = Days(-2);
  n->published = Days(-20);

  n = add(MakeNotice(4, "Achat d'ordinateurs portables pour les écoles", "fr", "UNDP", {"43211503"},
                     {"SN"}));
  n->deadline = Days(20);
  n->published = Days(-1);
  n->estimated_value = Money{3'000'000, "EUR"};

  n = add(MakeNotice(5, "Adquisición de vacunas para la campaña nacional", "es", "UNICEF",
                     {"51201600"}, {"CO"}));
  n->type = NoticeType::kRequestForProposal;
  n->deadline = Days(5);
  n->published = Days(-3);

  n = add(MakeNotice(6, "联合国儿童基金会疫苗冷链设备采购招标公告", "zh", "UNICEF", {"51201600"},
                     {"CN"}));
  n->type = NoticeType::kInvitationToBid;
  n->deadline = Days(40);
  n->published = Days(-4);

  n = add(MakeNotice(7, "Consultancy for a gender assessment", "en", "UN Women", {}, {"KG"}));
  n->type = NoticeType::kIndividualConsultant;
  n->published = Days(-2);

  n = add(MakeNotice(8, "<script>alert(1)</script> printers and toner", "en", "UNDP", {"44103100"},
                     {"KE"}));
  n->deadline = Days(60);
  n->published = Days(-6);

  n = add(MakeNotice(9, "Vehicle procurement for field offices", "en", "FAO", {"25101500"}, {"NG"}));
  n->status = NoticeStatus::kCancelled;
  n->deadline = Days(10);
  n->published = Days(-30);

  n = add(MakeNotice(10, "Water purification tablets", "en", "UNICEF", {"47101500"}, {"BI"}));
  n->deadline = Days(3);
  n->published = Days(-7);
  n->description = {"Tablets for household water treatment.", Language::English()};

  n = add(MakeNotice(11, "Office furniture", "en", "UNDP", {"56101500"}, {"KE"}));
  n->deadline = Days(30);
  n->published = Days(-8);
  n->description = {"Desks, chairs and stands for laptop docking.", Language::English()};

  n = add(MakeNotice(12, "Aquisição de computadores para escolas", "pt", "UNDP", {"43211500"}, {"AO"}));
  n->deadline = Days(15);
  n->published = Days(-9);

  n = add(MakeNotice(13, "Поставка компьютеров для школ", "ru", "UNDP", {"43211500"}, {"UZ"}));
  n->deadline = Days(15);
  n->published = Days(-9);

  n = add(MakeNotice(14, "Rehabilitation of health centres", "en", "WHO", {"72100000"}, {"PK"}));
  n->type = NoticeType::kInvitationToBid;
  n->deadline = Days(30);
  n->published = Days(-11);

  n = add(MakeNotice(15, "Renewable energy audit services", "en", "UNIDO", {"77101500"}, {"TN"}));
  n->type = NoticeType::kExpressionOfInterest;
  n->deadline = Days(45);
  n->published = Days(-12);
  return v;
}

}  // namespace tb::search::testing
