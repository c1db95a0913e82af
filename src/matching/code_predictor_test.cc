#include "matching/code_predictor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

namespace tb::matching {
namespace {

UnspscCode Code(const char* text) { return UnspscCode::Parse(text).value(); }

// A small labelled set over four segments, with codes at several depths (so some nodes have
// a "stop here" child) and one segment-only label.
std::vector<LabelledText> SmallTrainingSet() {
  return {
      {"laptop computers for staff", Code("43211503")},
      {"notebook computers and docking stations", Code("43211503")},
      {"desktop computers", Code("43211507")},
      {"computer monitors 24 inch", Code("43211900")},
      {"flat panel computer monitors", Code("43211900")},
      {"printer toner cartridges", Code("44103100")},
      {"toner and ink cartridges for printers", Code("44103103")},
      {"office paper and stationery", Code("44120000")},
      {"software licences renewal", Code("43230000")},
      {"ICT equipment", Code("43000000")},
      {"construction of a school building", Code("72000000")},
      {"road construction and repair works", Code("72141000")},
      {"bridge construction works", Code("72141000")},
      {"building renovation works", Code("72100000")},
      {"surgical gloves nitrile", Code("42132203")},
      {"examination gloves latex", Code("42132203")},
      {"disposable syringes and needles", Code("42142500")},
      {"medical syringes", Code("42142500")},
      {"rice and beans for food distribution", Code("50000000")},
      {"canned fish and vegetable oil", Code("50000000")},
      {"wheat flour and sugar", Code("50000000")},
  };
}

TrainOptions SmallOptions(std::uint32_t seed = 1) {
  TrainOptions options;
  options.min_document_frequency = 1;  // the set is tiny
  options.seed = seed;
  return options;
}

TEST(CodePredictor, RefusesAnEmptyTrainingSet) {
  Result<CodePredictor> trained = CodePredictor::Train({}, SmallOptions());
  EXPECT_EQ(trained.status().code(), StatusCode::kInvalidArgument);
}

TEST(CodePredictor, PredictsTheRightSegmentForUnseenTexts) {
  const std::vector<LabelledText> examples = SmallTrainingSet();
  Result<CodePredictor> predictor = CodePredictor::Train(examples, SmallOptions());
  ASSERT_TRUE(predictor.ok()) << predictor.status().message();
  const struct {
    const char* text;
    const char* segment;
  } cases[] = {
      {"new laptop computers", "43000000"},    {"gloves for the clinic", "42000000"},
      {"repair of a road bridge", "72000000"}, {"toner cartridges", "44000000"},
      {"sugar and rice", "50000000"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const Prediction p = predictor->Predict(c.text);
    ASSERT_FALSE(p.segments.empty());
    EXPECT_EQ(p.segments.front().code, Code(c.segment));
  }
  const Prediction laptops = predictor->Predict("laptop computers");
  ASSERT_FALSE(laptops.families.empty());
  EXPECT_EQ(laptops.families.front().code, Code("43210000"));
  ASSERT_FALSE(laptops.classes.empty());
  EXPECT_EQ(laptops.classes.front().code, Code("43211500"));
}

TEST(CodePredictor, SameSeedGivesTheSameModelAndPredictions) {
  const std::vector<LabelledText> examples = SmallTrainingSet();
  Result<CodePredictor> a = CodePredictor::Train(examples, SmallOptions(7));
  Result<CodePredictor> b = CodePredictor::Train(examples, SmallOptions(7));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->Serialize(), b->Serialize());
  const Prediction pa = a->Predict("computer monitors and toner");
  const Prediction pb = b->Predict("computer monitors and toner");
  EXPECT_EQ(pa.segments, pb.segments);
  EXPECT_EQ(pa.families, pb.families);
  EXPECT_EQ(pa.classes, pb.classes);
}

TEST(CodePredictor, ChildProbabilitiesMultiplyAlongThePath) {
  const std::vector<LabelledText> examples = SmallTrainingSet();
  Result<CodePredictor> predictor = CodePredictor::Train(examples, SmallOptions());
  ASSERT_TRUE(predictor.ok());
  const std::string text = "printer cartridges and monitors";
  const std::vector<CodeScore> root = predictor->ChildProbabilities(std::nullopt, text);
  ASSERT_EQ(root.size(), 5u) << "five segments were trained";
  const auto sum = [](const std::vector<CodeScore>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0,
                           [](double s, const CodeScore& c) { return s + c.probability; });
  };
  EXPECT_NEAR(sum(root), 1.0, 1e-9);

  const Prediction p = predictor->Predict(text, {.top = 100, .beam = 100, .include_coarse = false});
  for (const CodeScore& family : p.families) {
    SCOPED_TRACE(family.code.ToString());
    const UnspscCode segment = family.code.Parent();
    const std::vector<CodeScore> children = predictor->ChildProbabilities(segment, text);
    EXPECT_NEAR(sum(children), 1.0, 1e-9);
    double p_segment = 0, p_family_given_segment = 0;
    for (const CodeScore& s : root) p_segment += s.code == segment ? s.probability : 0;
    for (const CodeScore& c : children)
      p_family_given_segment += c.code == family.code ? c.probability : 0;
    EXPECT_NEAR(family.probability, p_segment * p_family_given_segment, 1e-12);
    EXPECT_LE(family.probability, p_segment + 1e-12);
  }
  for (const CodeScore& klass : p.classes) {
    double p_family = 0;
    for (const CodeScore& f : p.families)
      p_family += f.code == klass.code.Parent() ? f.probability : 0;
    EXPECT_LE(klass.probability, p_family + 1e-12) << klass.code.ToString();
  }
  EXPECT_LE(sum(p.families), 1.0 + 1e-9);
  EXPECT_LE(sum(p.classes), 1.0 + 1e-9);

  // With the "stopped higher up" outcomes, each level is a full distribution.
  const Prediction full =
      predictor->Predict(text, {.top = 100, .beam = 100, .include_coarse = true});
  EXPECT_NEAR(sum(full.families), 1.0, 1e-9);
  EXPECT_NEAR(sum(full.classes), 1.0, 1e-9);
}

TEST(CodePredictor, SerializedModelPredictsTheSame) {
  const std::vector<LabelledText> examples = SmallTrainingSet();
  Result<CodePredictor> predictor = CodePredictor::Train(examples, SmallOptions());
  ASSERT_TRUE(predictor.ok());
  predictor->SetTitles({{Code("43000000"), "Information Technology"}});
  const std::string bytes = predictor->Serialize();
  Result<CodePredictor> loaded = CodePredictor::Deserialize(bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->Serialize(), bytes);
  EXPECT_EQ(loaded->Title(Code("43000000")), "Information Technology");
  EXPECT_EQ(loaded->Predict("syringes").classes, predictor->Predict("syringes").classes);
}

TEST(CodePredictor, RefusesDamagedOrForeignModelBytes) {
  Result<CodePredictor> predictor = CodePredictor::Train(SmallTrainingSet(), SmallOptions());
  ASSERT_TRUE(predictor.ok());
  std::string bytes = predictor->Serialize();
  const struct {
    const char* name;
    std::string bytes;
  } cases[] = {
      {"empty", ""},
      {"foreign", "PK\x03\x04 not a model at all"},
      {"truncated", bytes.substr(0, bytes.size() / 2)},
      {"flipped byte",
       [&] {
         std::string b = bytes;
         b[b.size() / 2] ^= 0x5a;
         return b;
       }()},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(CodePredictor::Deserialize(c.bytes).status().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(CodePredictor::Load("/nonexistent/model.bin").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace tb::matching
