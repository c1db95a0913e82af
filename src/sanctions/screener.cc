#include "sanctions/screener.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

#include "sanctions/similarity.h"

namespace tb::sanctions {
namespace {

// Words that many innocent companies share with listed organisations; matching them is weak
// evidence. Lower-case ASCII, as the normaliser produces them.
constexpr std::string_view kGenericWords[] = {
    "international", "trading",   "trade",      "group",       "general",     "services",
    "service",       "industrial", "industries", "industry",   "development", "bank",
    "foundation",    "organization", "organisation", "committee", "society",  "shipping",
    "enterprise",    "enterprises", "holding",   "holdings",    "import",      "export",
    "technology",    "technologies", "engineering", "construction", "solutions", "consulting",
    "global",        "national",  "center",     "centre",      "association", "union",
    "network",       "investment", "investments", "management", "logistics",  "supply",
    "supplies",      "systems",   "products",   "commercial",  "commerce",    "partners",
    "world",         "new",       "united",     "first",       "office",      "agency",
    "ministry",      "department", "institute", "university",  "council",     "trust",
    "charity",       "relief",    "welfare",    "islamic",     "front",       "movement",
    "party",         "brigade",   "army",       "battalion",   "corporation", "company",
    "branch",        "bureau",    "research",   "academy",     "electronics", "energy",
    "mining",        "petroleum", "oil",        "gas",         "chemical",    "finance",
    "financial",     "insurance", "marine",     "maritime",    "transport",   "freight",
    "equipment",     "machinery", "metal",      "steel",       "power",       "information",
    "korea",         "korean",    "china",      "hong",        "kong",        "health",
    "care",          "medical",   "education",  "school",      "media",       "software",
    "digital",       "design",    "business",   "property",    "resources",   "cooperative",
};

constexpr double kMinTokenSimilarity = 0.80;
constexpr int kMaxTokens = 32;  // longer names are cut: alignment uses 64-bit position masks

bool IsGeneric(std::string_view token) {
  return std::find(std::begin(kGenericWords), std::end(kGenericWords), token) !=
         std::end(kGenericWords);
}

// Character trigrams of "^token$", packed.
void Trigrams(std::string_view token, std::vector<std::uint32_t>& out) {
  out.clear();
  std::string padded;
  padded.reserve(token.size() + 2);
  padded.push_back('^');
  padded.append(token);
  padded.push_back('$');
  for (std::size_t i = 0; i + 3 <= padded.size(); ++i) {
    out.push_back(static_cast<std::uint32_t>(static_cast<unsigned char>(padded[i])) << 16 |
                  static_cast<std::uint32_t>(static_cast<unsigned char>(padded[i + 1])) << 8 |
                  static_cast<unsigned char>(padded[i + 2]));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// Letter counts of a token: a lower bound on the edit distance between two tokens is half the
// sum of their count differences, which prunes most trigram candidates cheaply.
using LetterBag = std::array<std::uint8_t, 32>;

LetterBag Bag(std::string_view token) {
  LetterBag bag{};
  for (char ch : token) {
    const auto c = static_cast<unsigned char>(ch);
    const std::size_t slot = c >= 'a' && c <= 'z' ? c - 'a' : c >= '0' && c <= '9' ? 26 : 27 + c % 5;
    if (bag[slot] < 255) ++bag[slot];
  }
  return bag;
}

int EditLowerBound(const LetterBag& a, const LetterBag& b) {
  int diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff += std::abs(int{a[i]} - int{b[i]});
  return (diff + 1) / 2;
}

// False when no pair of tokens with these lengths and letters can reach `min_similarity`:
// TokenSimilarity is the mean of Jaro-Winkler (at most 1) and 1 - distance / longer.
bool MayReach(const LetterBag& a, std::size_t a_len, const LetterBag& b, std::size_t b_len,
              double min_similarity) {
  const std::size_t longer = std::max(a_len, b_len);
  if (longer == 0) return false;
  const double edit_upper = 1.0 - static_cast<double>(EditLowerBound(a, b)) / longer;
  return (1.0 + edit_upper) / 2.0 >= min_similarity;
}

struct Posting {
  std::int32_t record;
  std::int16_t position;
  std::int16_t span;  // 1 = one token, 2 = two adjacent tokens written together
};

struct Record {
  std::int32_t entry;
  std::int32_t name;  // index into the entry's names
  bool abjad = false;
  std::vector<double> weights;  // per token
  double total_weight = 0;
};

struct Pair {
  double similarity;
  std::int16_t q_start, q_span, r_start, r_span;
};

std::uint64_t Mask(int start, int span) {
  return ((span == 2 ? std::uint64_t{3} : std::uint64_t{1}) << start);
}

}  // namespace

struct Screener::Index {
  std::vector<std::string> vocabulary;  // tokens and joined token pairs
  std::vector<std::string> skeletons;   // per vocabulary entry
  std::vector<LetterBag> bags;          // per vocabulary entry
  std::vector<LetterBag> skeleton_bags;
  std::vector<std::vector<Posting>> postings;
  std::unordered_map<std::string, std::int32_t> vocabulary_ids;
  std::unordered_map<std::uint32_t, std::vector<std::int32_t>> trigram_index;
  std::unordered_map<std::uint32_t, std::vector<std::int32_t>> skeleton_index;
  std::unordered_map<std::string, double> token_weight;  // single tokens only
  std::vector<Record> records;

  std::int32_t Intern(const std::string& unit) {
    auto [it, inserted] = vocabulary_ids.emplace(unit, static_cast<std::int32_t>(vocabulary.size()));
    if (inserted) {
      vocabulary.push_back(unit);
      skeletons.push_back(ConsonantSkeleton(unit));
      bags.push_back(Bag(unit));
      skeleton_bags.push_back(Bag(skeletons.back()));
      postings.emplace_back();
    }
    return it->second;
  }

  double Weight(const std::string& token) const {
    auto it = token_weight.find(token);
    double w = it != token_weight.end() ? it->second : 1.0;
    if (IsGeneric(token)) w = std::min(w, 0.35);
    if (token.size() == 1) w = std::min(w, 0.2);
    return w;
  }
};

const char* DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kClear:
      return "clear";
    case Decision::kPossibleHit:
      return "possible_hit";
    case Decision::kHit:
      return "hit";
  }
  return "clear";
}

Screener::Screener(SanctionsList list, std::shared_ptr<const NameNormalizer> normalizer,
                   ScreenerOptions options)
    : list_(std::move(list)), normalizer_(std::move(normalizer)), options_(options) {}

Screener::~Screener() = default;

Result<std::unique_ptr<Screener>> Screener::Build(SanctionsList list,
                                                  std::shared_ptr<const NameNormalizer> normalizer,
                                                  ScreenerOptions options) {
  if (list.entries.empty()) {
    return Status::InvalidArgument("a sanctions list without entries cannot be screened against");
  }
  std::unique_ptr<Screener> screener(
      new Screener(std::move(list), std::move(normalizer), options));
  auto index = std::make_unique<Index>();

  // Normalise every listed name once; document frequency counts entries, not names, so an
  // entry with ten aliases of "muhammad" counts once.
  struct Pending {
    std::int32_t entry, name;
    NormalizedName normalized;
  };
  std::vector<Pending> pending;
  std::unordered_map<std::string, int> entry_frequency;
  const auto& entries = screener->list_.entries;
  for (std::size_t e = 0; e < entries.size(); ++e) {
    std::unordered_set<std::string> seen;
    for (std::size_t n = 0; n < entries[e].names.size(); ++n) {
      const ListedName& name = entries[e].names[n];
      if (!options.index_original_script && name.source == ListedName::Source::kOriginalScript) {
        continue;
      }
      for (NormalizedName& v : screener->normalizer_->Normalize(name.text)) {
        if (!options.index_non_latin_aliases && v.transliterated &&
            name.source != ListedName::Source::kPrimary) {
          continue;
        }
        if (v.tokens.size() > kMaxTokens) v.tokens.resize(kMaxTokens);
        for (const std::string& t : v.tokens) seen.insert(t);
        pending.push_back({static_cast<std::int32_t>(e), static_cast<std::int32_t>(n), std::move(v)});
      }
    }
    for (const std::string& t : seen) ++entry_frequency[t];
  }
  // log-scaled: a word in 1-3 entries weighs 1; "al" (hundreds of entries) about 0.4.
  for (const auto& [token, df] : entry_frequency) {
    index->token_weight[token] = std::clamp(1.15 - 0.12 * std::log(static_cast<double>(df)), 0.4, 1.0);
  }
  for (Pending& p : pending) {
    Record record;
    record.entry = p.entry;
    record.name = p.name;
    record.abjad = p.normalized.abjad;
    const auto record_id = static_cast<std::int32_t>(index->records.size());
    const std::vector<std::string>& tokens = p.normalized.tokens;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      record.weights.push_back(index->Weight(tokens[i]));
      record.total_weight += record.weights.back();
      index->postings[index->Intern(tokens[i])].push_back(
          {record_id, static_cast<std::int16_t>(i), 1});
      if (i + 1 < tokens.size()) {
        index->postings[index->Intern(tokens[i] + tokens[i + 1])].push_back(
            {record_id, static_cast<std::int16_t>(i), 2});
      }
    }
    index->records.push_back(std::move(record));
  }
  std::vector<std::uint32_t> grams;
  for (std::size_t v = 0; v < index->vocabulary.size(); ++v) {
    Trigrams(index->vocabulary[v], grams);
    for (std::uint32_t g : grams) index->trigram_index[g].push_back(static_cast<std::int32_t>(v));
    if (index->skeletons[v].size() >= 2) {
      Trigrams(index->skeletons[v], grams);
      for (std::uint32_t g : grams) index->skeleton_index[g].push_back(static_cast<std::int32_t>(v));
    }
  }
  screener->index_ = std::move(index);
  return screener;
}

ScreeningResult Screener::Screen(std::span<const std::string> names,
                                 std::string_view country_code) const {
  const Index& index = *index_;
  // Best candidate per entry.
  std::unordered_map<std::int32_t, Candidate> best;
  std::vector<std::uint32_t> grams;
  std::vector<std::uint16_t> shared(index.vocabulary.size(), 0);
  std::vector<std::int32_t> touched;

  for (const std::string& screened : names) {
    for (NormalizedName& query : normalizer_->Normalize(screened)) {
      std::vector<std::string>& q = query.tokens;
      if (q.size() > kMaxTokens) q.resize(kMaxTokens);
      std::vector<double> q_weights;
      double q_total = 0;
      for (const std::string& t : q) {
        q_weights.push_back(index.Weight(t));
        q_total += q_weights.back();
      }
      // Query units: each token and each adjacent pair written together.
      struct Unit {
        std::string text;
        std::int16_t start, span;
      };
      std::vector<Unit> units;
      for (std::size_t i = 0; i < q.size(); ++i) {
        units.push_back({q[i], static_cast<std::int16_t>(i), 1});
        if (i + 1 < q.size()) units.push_back({q[i] + q[i + 1], static_cast<std::int16_t>(i), 2});
      }
      std::unordered_map<std::int32_t, std::vector<Pair>> pairs_by_record;
      for (const Unit& unit : units) {
        // Candidate vocabulary: shares a trigram with the unit (or, for a name romanised
        // from an abjad, with its consonant skeleton).
        touched.clear();
        auto collect = [&](const std::unordered_map<std::uint32_t, std::vector<std::int32_t>>& idx,
                           std::string_view key) {
          Trigrams(key, grams);
          for (std::uint32_t g : grams) {
            auto it = idx.find(g);
            if (it == idx.end()) continue;
            for (std::int32_t v : it->second) {
              if (shared[v]++ == 0) touched.push_back(v);
            }
          }
        };
        collect(index.trigram_index, unit.text);
        const std::string unit_skeleton = ConsonantSkeleton(unit.text);
        const LetterBag unit_bag = Bag(unit.text);
        const LetterBag unit_skeleton_bag = Bag(unit_skeleton);
        if (query.abjad && unit_skeleton.size() >= 2) collect(index.skeleton_index, unit_skeleton);
        for (std::int32_t v : touched) {
          shared[v] = 0;
          const std::string& word = index.vocabulary[v];
          double sim = 0;
          if (MayReach(unit_bag, unit.text.size(), index.bags[v], word.size(),
                       kMinTokenSimilarity)) {
            sim = TokenSimilarity(unit.text, word);
          }
          // Abjad romanisations lack short vowels: compare consonant skeletons too, a little
          // discounted because skeletons are short and collide more easily.
          const std::string& skeleton = index.skeletons[v];
          if (query.abjad && unit_skeleton.size() >= 2 && skeleton.size() >= 2 &&
              MayReach(unit_skeleton_bag, unit_skeleton.size(), index.skeleton_bags[v],
                       skeleton.size(), kMinTokenSimilarity / 0.95)) {
            sim = std::max(sim, 0.95 * TokenSimilarity(unit_skeleton, skeleton));
          }
          if (sim < kMinTokenSimilarity) continue;
          for (const Posting& p : index.postings[v]) {
            pairs_by_record[p.record].push_back({sim, unit.start, unit.span, p.position, p.span});
          }
        }
      }
      for (auto& [record_id, pairs] : pairs_by_record) {
        const Record& r = index.records[record_id];
        std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
          if (a.similarity != b.similarity) return a.similarity > b.similarity;
          return a.q_span + a.r_span > b.q_span + b.r_span;
        });
        std::uint64_t q_used = 0, r_used = 0;
        double matched = 0;
        // A matched screened word takes the weight of the listed word it matched: a typo
        // ("adbul") is not in the vocabulary and would otherwise weigh as a rare word.
        double q_weight = q_total;
        for (const Pair& p : pairs) {
          const std::uint64_t qm = Mask(p.q_start, p.q_span);
          const std::uint64_t rm = Mask(p.r_start, p.r_span);
          if ((q_used & qm) != 0 || (r_used & rm) != 0) continue;
          q_used |= qm;
          r_used |= rm;
          double w = 0;
          for (int i = 0; i < p.r_span; ++i) w += r.weights[p.r_start + i];
          for (int i = 0; i < p.q_span; ++i) q_weight -= q_weights[p.q_start + i];
          q_weight += w;
          matched += p.similarity * 2 * w;
        }
        const double score = std::min(1.0, matched / (q_weight + r.total_weight));
        auto it = best.find(r.entry);
        if (it != best.end() && it->second.name_score >= score) continue;
        const ListedEntry& entry = list_.entries[r.entry];
        Candidate c;
        c.entry_index = static_cast<std::size_t>(r.entry);
        c.data_id = entry.data_id;
        c.reference_number = entry.reference_number;
        c.listed_name = entry.names[r.name].text;
        c.listed_name_source = entry.names[r.name].source;
        c.screened_name = screened;
        c.name_score = score;
        best[r.entry] = std::move(c);
      }
    }
  }

  ScreeningResult result;
  for (auto& [entry_index, c] : best) {
    c.score = c.name_score;
    const ListedEntry& entry = list_.entries[entry_index];
    if (!country_code.empty() && !entry.country_codes.empty()) {
      const bool same = std::find(entry.country_codes.begin(), entry.country_codes.end(),
                                  country_code) != entry.country_codes.end();
      c.country = same ? Candidate::Country::kSame : Candidate::Country::kDifferent;
      c.score = std::clamp(c.score + (same ? options_.country_weight : -options_.country_weight),
                           0.0, 1.0);
    }
    if (c.score >= options_.report_from) result.candidates.push_back(std::move(c));
  }
  std::sort(result.candidates.begin(), result.candidates.end(),
            [](const Candidate& a, const Candidate& b) {
              if (a.score != b.score) return a.score > b.score;
              return a.data_id < b.data_id;
            });
  if (result.candidates.size() > options_.max_candidates) {
    result.candidates.resize(options_.max_candidates);
  }
  if (!result.candidates.empty()) {
    result.top_score = result.candidates.front().score;
    if (result.top_score >= options_.thresholds.hit) {
      result.decision = Decision::kHit;
    } else if (result.top_score >= options_.thresholds.possible_hit) {
      result.decision = Decision::kPossibleHit;
    }
  }
  return result;
}

}  // namespace tb::sanctions
