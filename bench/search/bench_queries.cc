#include "bench_queries.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/text.h"
#include "notice_corpus.h"

namespace tb::bench::search {
namespace {

// Words no engine should be asked to AND on (and Xapian's operator words).
const std::set<std::string, std::less<>> kStopwords = {
    "and", "the", "for", "with", "from", "into", "not", "are", "its", "per", "all", "other", "any",
    "del", "los", "las", "para", "por", "con", "una", "que", "sus", "les", "des", "pour", "dans", "sur",
    "aux", "une", "dos", "das", "nos", "uma", "com", "pelo", "pela", "sin", "entre", "near", "or",
    "для", "від", "при", "համար", "կարիքների"};

// Lower-case content words of `text`: runs of letters and digits (bytes >= 0x80 count as
// letters, so accented words stay whole), at least 3 bytes, not all digits, no stopwords.
std::vector<std::string> ContentWords(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    const bool digits = std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (word.size() >= 3 && !digits && !kStopwords.contains(word)) out.push_back(word);
    word.clear();
  };
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || std::isalnum(c)) {
      word += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::string JoinWords(const std::vector<std::string>& words, std::size_t from, std::size_t count) {
  std::string out;
  for (std::size_t i = from; i < from + count && i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

std::string LanguageOf(const notices::Notice& n) {
  return n.title.language.known() ? n.title.language.code() : "en";
}

std::string_view KindName(BenchQuery::Kind kind) { return kind == BenchQuery::Kind::kSpeed ? "speed" : "quality"; }

}  // namespace

std::vector<BenchQuery> GenerateQueries(const NoticeCorpus& corpus, std::uint64_t seed, int speed, int quality) {
  Rng rng(seed ^ 0xA5A5A5A5ULL);
  std::vector<BenchQuery> out;
  std::set<std::string> seen;
  const auto& templates = corpus.templates();
  int attempts = 0;
  while (static_cast<int>(out.size()) < speed && attempts++ < speed * 200) {
    // Templates are drawn the way notices are, so queries follow the corpus' mix.
    const notices::Notice& t = templates[corpus.TemplateOf(static_cast<std::int64_t>(rng.Below(1'000'000'000)))];
    BenchQuery q;
    q.language = LanguageOf(t);
    std::vector<std::string> words;
    if (rng.Unit() < 0.2 && !t.unspsc.empty()) {
      words = ContentWords(corpus.EnglishTitle(t.unspsc.front()));
      q.language = "en";
    } else {
      words = ContentWords(t.title.text);
    }
    if (words.empty()) continue;
    const double r = rng.Unit();
    const std::size_t n = std::min<std::size_t>(words.size(), r < 0.3 ? 1 : r < 0.65 ? 2 : r < 0.9 ? 3 : 4);
    q.text = JoinWords(words, rng.Below(words.size() - n + 1), n);
    if (rng.Unit() < 0.4) {
      switch (rng.Below(5)) {
        case 0: q.agency = t.buyer; break;
        case 1: if (!t.countries.empty()) q.country = t.countries.front(); break;
        case 2: if (!t.unspsc.empty()) q.code_prefix = t.unspsc.front().ToString().substr(0, rng.Below(2) ? 2 : 4); break;
        case 3: q.doc_language = LanguageOf(t); break;
        default: q.open = true; break;
      }
      if (q.agency.find('\t') != std::string::npos) q.agency.clear();
    }
    const std::string key = q.text + "|" + q.agency + q.country + q.code_prefix + q.doc_language + (q.open ? "o" : "");
    if (!seen.insert(key).second) continue;
    out.push_back(std::move(q));
  }

  // Quality: codes at class or commodity level used by at least 5 real notices.
  std::map<std::uint32_t, int> uses;
  for (const auto& t : templates) {
    for (UnspscCode c : t.unspsc) {
      if (c.level() == UnspscCode::Level::kClass || c.level() == UnspscCode::Level::kCommodity) ++uses[c.value()];
    }
  }
  std::vector<std::uint32_t> codes;
  for (const auto& [code, count] : uses) {
    if (count >= 5) codes.push_back(code);
  }
  for (std::size_t i = codes.size(); i > 1; --i) std::swap(codes[i - 1], codes[rng.Below(i)]);
  std::set<std::string> seen_quality;
  for (std::uint32_t value : codes) {
    if (static_cast<int>(out.size()) >= speed + quality) break;
    const UnspscCode code = *UnspscCode::Parse(std::to_string(value));
    std::vector<std::string> words = ContentWords(corpus.EnglishTitle(code));
    if (words.empty()) continue;
    BenchQuery q;
    q.kind = BenchQuery::Kind::kQuality;
    q.text = JoinWords(words, 0, 4);
    q.language = "en";
    q.target_code = code.ToString();
    if (!seen_quality.insert(q.text).second) continue;
    out.push_back(std::move(q));
  }
  return out;
}

Status SaveQueries(const std::vector<BenchQuery>& queries, const std::string& path) {
  std::ofstream out(path);
  out << "kind\ttext\tlanguage\tagency\tcountry\tcode_prefix\tdoc_language\topen\ttarget_code\n";
  for (const BenchQuery& q : queries) {
    out << KindName(q.kind) << '\t' << q.text << '\t' << q.language << '\t' << q.agency << '\t' << q.country
        << '\t' << q.code_prefix << '\t' << q.doc_language << '\t' << (q.open ? "1" : "") << '\t'
        << q.target_code << '\n';
  }
  out.close();
  if (!out) return Status::Internal("cannot write " + path);
  return Status::Ok();
}

Result<std::vector<BenchQuery>> LoadQueries(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("no query file " + path).WithField("queries");
  std::vector<BenchQuery> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, '\t')) f.push_back(cell);
    f.resize(9);
    BenchQuery q;
    q.kind = f[0] == "quality" ? BenchQuery::Kind::kQuality : BenchQuery::Kind::kSpeed;
    q.text = f[1];
    q.language = f[2];
    q.agency = f[3];
    q.country = f[4];
    q.code_prefix = f[5];
    q.doc_language = f[6];
    q.open = f[7] == "1";
    q.target_code = f[8];
    out.push_back(std::move(q));
  }
  return out;
}

int Grade(std::uint32_t target, const std::vector<std::uint32_t>& codes) {
  int best = 0;
  for (std::uint32_t c : codes) {
    if (c == target) return 3;
    if (c / 100 == target / 100) best = std::max(best, 2);
    else if (c / 10'000 == target / 10'000) best = std::max(best, 1);
  }
  return best;
}

double NdcgAt(const std::vector<int>& grades, const std::int64_t ideal_counts[4], int k) {
  auto gain = [](int g) { return std::pow(2.0, g) - 1.0; };
  double dcg = 0;
  for (int i = 0; i < k && i < static_cast<int>(grades.size()); ++i) dcg += gain(grades[i]) / std::log2(i + 2.0);
  double ideal = 0;
  int position = 0;
  for (int g = 3; g >= 1 && position < k; --g) {
    for (std::int64_t n = 0; n < ideal_counts[g] && position < k; ++n, ++position) {
      ideal += gain(g) / std::log2(position + 2.0);
    }
  }
  return ideal > 0 ? dcg / ideal : 0.0;
}

}  // namespace tb::bench::search
