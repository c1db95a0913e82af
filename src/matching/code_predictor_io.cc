// The model file (docs/matching.md, "Model file"): little-endian binary, a magic and version,
// the options, the feature hashes and idf, the nodes, the titles, and an FNV-1a checksum of
// everything before it, so a truncated or damaged file is refused instead of mispredicting.
#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <type_traits>

#include "matching/code_predictor.h"
#include "matching/internal/predictor_model.h"

namespace tb::matching {
namespace {

constexpr char kMagic[8] = {'T', 'B', 'C', 'O', 'D', 'E', 'P', 'R'};
constexpr std::uint32_t kFormatVersion = 1;

class Writer {
 public:
  template <typename T>
  void Put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const char*>(&value);
    out_.append(p, sizeof(T));
  }
  template <typename T>
  void PutArray(const std::vector<T>& values) {
    Put<std::uint64_t>(values.size());
    out_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  void PutString(const std::string& s) {
    Put<std::uint64_t>(s.size());
    out_.append(s);
  }
  std::string Finish() {
    Put<std::uint64_t>(Fnv1a64(out_));
    return std::move(out_);
  }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  template <typename T>
  bool Get(T& value) {
    if (in_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(&value, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  template <typename T>
  bool GetArray(std::vector<T>& values) {
    std::uint64_t n = 0;
    if (!Get(n) || n > (in_.size() - pos_) / sizeof(T)) return false;
    values.resize(n);
    // An empty vector's data() may be null, which memcpy must not get even for 0 bytes.
    if (n > 0) std::memcpy(values.data(), in_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
    return true;
  }
  bool GetString(std::string& s) {
    std::uint64_t n = 0;
    if (!Get(n) || n > in_.size() - pos_) return false;
    s.assign(in_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  bool AtEnd() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

Status Damaged(std::string what) {
  return Status::InvalidArgument("not a usable code predictor model: " + std::move(what));
}

}  // namespace

std::string CodePredictor::Serialize() const {
  const Model& m = *model_;
  Writer w;
  for (char c : kMagic) w.Put(c);
  w.Put(kFormatVersion);
  w.Put<std::uint8_t>(m.feature_options.word_unigrams);
  w.Put<std::uint8_t>(m.feature_options.word_bigrams);
  w.Put<std::int32_t>(m.feature_options.char_min);
  w.Put<std::int32_t>(m.feature_options.char_max);
  w.Put<double>(m.feature_options.char_weight);
  w.Put<std::int32_t>(m.train_options.min_document_frequency);
  w.Put<double>(m.train_options.c);
  w.Put<double>(m.train_options.tolerance);
  w.Put<std::uint32_t>(m.train_options.seed);
  w.PutArray(m.feature_hashes);
  w.PutArray(m.idf);
  w.Put<std::uint64_t>(m.nodes.size());
  for (const PredictorNode& node : m.nodes) {
    w.Put(node.code);
    std::vector<std::uint32_t> children;
    for (UnspscCode c : node.children) children.push_back(c.value());
    w.PutArray(children);
    w.Put<std::int32_t>(node.rows_width);
    w.PutArray(node.features);
    w.PutArray(node.weights);
    w.PutArray(node.bias);
  }
  w.Put<std::uint64_t>(m.titles.size());
  for (const auto& [code, title] : m.titles) {
    w.Put(code.value());
    w.PutString(title);
  }
  return w.Finish();
}

Result<CodePredictor> CodePredictor::Deserialize(std::string_view bytes) {
  if (bytes.size() < sizeof(kMagic) + sizeof(std::uint64_t) ||
      std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return Damaged("the file does not start with the model's magic bytes");
  }
  const std::string_view body = bytes.substr(0, bytes.size() - sizeof(std::uint64_t));
  std::uint64_t checksum = 0;
  std::memcpy(&checksum, bytes.data() + body.size(), sizeof(checksum));
  if (checksum != Fnv1a64(body)) return Damaged("checksum mismatch (truncated or damaged)");

  Reader r(body.substr(sizeof(kMagic)));
  auto model = std::make_unique<Model>();
  std::uint32_t version = 0;
  if (!r.Get(version) || version != kFormatVersion) {
    return Damaged("format version " + std::to_string(version) + ", this build reads " +
                   std::to_string(kFormatVersion));
  }
  std::uint8_t unigrams = 0, bigrams = 0;
  std::int32_t char_min = 0, char_max = 0, min_df = 0;
  bool ok = r.Get(unigrams) && r.Get(bigrams) && r.Get(char_min) && r.Get(char_max) &&
            r.Get(model->feature_options.char_weight) && r.Get(min_df) &&
            r.Get(model->train_options.c) && r.Get(model->train_options.tolerance) &&
            r.Get(model->train_options.seed) && r.GetArray(model->feature_hashes) &&
            r.GetArray(model->idf) && model->idf.size() == model->feature_hashes.size();
  if (!ok) return Damaged("bad header or feature table");
  model->feature_options.word_unigrams = unigrams != 0;
  model->feature_options.word_bigrams = bigrams != 0;
  model->feature_options.char_min = char_min;
  model->feature_options.char_max = char_max;
  model->train_options.min_document_frequency = min_df;
  model->train_options.features = model->feature_options;

  std::uint64_t node_count = 0;
  if (!r.Get(node_count)) return Damaged("no node table");
  const auto feature_total = static_cast<std::int64_t>(model->feature_hashes.size());
  for (std::uint64_t i = 0; i < node_count; ++i) {
    PredictorNode node;
    std::vector<std::uint32_t> children;
    ok = r.Get(node.code) && r.GetArray(children) && r.Get(node.rows_width) &&
         r.GetArray(node.features) && r.GetArray(node.weights) && r.GetArray(node.bias);
    if (!ok || node.rows_width < 0) return Damaged("node " + std::to_string(i) + " is cut short");
    for (std::uint32_t c : children) {
      auto code = UnspscCode::Parse(std::to_string(c));
      if (!code.ok()) return Damaged("node " + std::to_string(node.code) + " has a bad child code");
      node.children.push_back(*code);
    }
    const auto width = static_cast<std::size_t>(node.rows_width);
    const bool shape_ok =
        node.weights.size() == node.features.size() * width && node.bias.size() == width &&
        (width == 0 || width == (children.size() == 2 ? 1 : children.size())) &&
        std::all_of(node.features.begin(), node.features.end(),
                    [&](std::int32_t f) { return f >= 0 && f < feature_total; }) &&
        std::is_sorted(node.features.begin(), node.features.end());
    if (!shape_ok) return Damaged("node " + std::to_string(node.code) + " has inconsistent sizes");
    if (!model->nodes.empty() && model->nodes.back().code >= node.code) {
      return Damaged("nodes out of order");
    }
    model->nodes.push_back(std::move(node));
  }
  std::uint64_t title_count = 0;
  if (!r.Get(title_count)) return Damaged("no title table");
  for (std::uint64_t i = 0; i < title_count; ++i) {
    std::uint32_t value = 0;
    std::string title;
    if (!r.Get(value) || !r.GetString(title)) return Damaged("title table cut short");
    auto code = UnspscCode::Parse(std::to_string(value));
    if (!code.ok()) return Damaged("bad code in the title table");
    model->titles.emplace(*code, std::move(title));
  }
  if (!r.AtEnd()) return Damaged("trailing bytes");
  if (model->nodes.empty() || model->nodes.front().code != 0) return Damaged("no root node");
  return CodePredictor(std::move(model));
}

Status CodePredictor::Save(const std::string& path) const {
  const std::string bytes = Serialize();
  // Written beside the target and renamed, so a reader never sees half a model.
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::InvalidArgument("cannot write " + temp).WithField("out");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) return Status::Internal("writing " + temp + " failed");
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    return Status::Internal("cannot rename " + temp + " to " + path);
  }
  return Status::Ok();
}

Result<CodePredictor> CodePredictor::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("no model file at " + path).WithField("model");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  Result<CodePredictor> predictor = Deserialize(buffer.str());
  if (!predictor.ok()) return Status(predictor.status()).WithContext(path).WithField("model");
  return predictor;
}

}  // namespace tb::matching
