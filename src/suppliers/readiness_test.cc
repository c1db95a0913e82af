#include "suppliers/readiness.h"

#include <gtest/gtest.h>

#include "suppliers/testing/fixtures.h"

namespace tb::suppliers {
namespace {

const Timestamp kNow = Timestamp::FromRfc3339("2025-06-01T00:00:00Z").value();

const ChecklistItem& ItemOf(const Readiness& r, UngmLevel level, std::string_view id) {
  for (const LevelReadiness& l : r.levels) {
    if (l.level != level) continue;
    for (const ChecklistItem& i : l.items) {
      if (i.id == id) return i;
    }
  }
  ADD_FAILURE() << "no item " << id;
  static ChecklistItem none;
  return none;
}

DocumentInfo Document(std::int64_t id, DocumentKind kind, std::string language = "",
                      std::optional<Timestamp> valid_until = std::nullopt) {
  DocumentInfo d;
  d.id = DocumentId{id};
  d.kind = kind;
  d.language = std::move(language);
  d.valid_until = valid_until;
  return d;
}

TEST(Readiness, AnEmptyDraftHasEveryItemOpenWithANextStep) {
  const Readiness r = AssessReadiness(SupplierRecord{}, {}, kNow);
  ASSERT_EQ(r.levels.size(), 3u);
  EXPECT_EQ(r.reached, UngmLevel::kNone);
  for (const LevelReadiness& level : r.levels) {
    EXPECT_EQ(level.score, 0);
    for (const ChecklistItem& item : level.items) {
      EXPECT_FALSE(item.done) << item.id;
      EXPECT_TRUE(item.next.key.starts_with("readiness.")) << item.id;
    }
  }
  EXPECT_EQ(ItemOf(r, UngmLevel::kBasic, "general_information").next.params.at("missing"),
            "legal_name, year_established, registration_numbers, party_scale");
}

TEST(Readiness, BasicIsReachedWhenItsSixItemsAreDone) {
  SupplierRecord rec = testing::BasicCompleteRecord(1, kNow);
  Readiness r = AssessReadiness(rec, {}, kNow);
  EXPECT_EQ(r.levels[0].score, 100);
  EXPECT_EQ(r.reached, UngmLevel::kBasic);
  rec.code_of_conduct_accepted_at.reset();
  r = AssessReadiness(rec, {}, kNow);
  EXPECT_EQ(r.reached, UngmLevel::kNone);
  EXPECT_EQ(r.levels[0].score, 83) << "5 of 6, rounded down";
  EXPECT_EQ(ItemOf(r, UngmLevel::kBasic, "code_of_conduct").next.key, "readiness.code_of_conduct");
}

TEST(Readiness, IncorporationCertificateNeedsEnglishOrATranslation) {
  const SupplierRecord rec = testing::BasicCompleteRecord(1, kNow);
  std::vector<DocumentInfo> docs = {Document(10, DocumentKind::kIncorporationCertificate, "fr")};
  EXPECT_EQ(
      ItemOf(AssessReadiness(rec, docs, kNow), UngmLevel::kLevel1, "incorporation_certificate")
          .next.key,
      "readiness.incorporation_translation");
  DocumentInfo translation = Document(11, DocumentKind::kTranslation, "en");
  translation.translation_of = DocumentId{10};
  docs.push_back(translation);
  EXPECT_TRUE(
      ItemOf(AssessReadiness(rec, docs, kNow), UngmLevel::kLevel1, "incorporation_certificate")
          .done);
  docs = {Document(12, DocumentKind::kIncorporationCertificate, "en")};
  EXPECT_TRUE(
      ItemOf(AssessReadiness(rec, docs, kNow), UngmLevel::kLevel1, "incorporation_certificate")
          .done);
}

TEST(Readiness, ExpiredDocumentsDoNotCountAndSaySo) {
  const SupplierRecord rec = testing::BasicCompleteRecord(1, kNow);
  const std::vector<DocumentInfo> docs = {Document(10, DocumentKind::kIncorporationCertificate,
                                                   "en",
                                                   Timestamp::FromRfc3339("2025-05-31").value())};
  const ChecklistItem item =
      ItemOf(AssessReadiness(rec, docs, kNow), UngmLevel::kLevel1, "incorporation_certificate");
  EXPECT_FALSE(item.done);
  EXPECT_EQ(item.next.key, "readiness.incorporation_expired");
  EXPECT_EQ(item.next.params.at("date"), "2025-05-31");
}

TEST(Readiness, Level1CountsReferencesAndOwnership) {
  SupplierRecord rec = testing::BasicCompleteRecord(1, kNow);
  rec.profile.references = {{"UNDP", "", "", "", 0, ""}, {"WFP", "", "", "", 0, ""}};
  Readiness r = AssessReadiness(rec, {}, kNow);
  EXPECT_EQ(ItemOf(r, UngmLevel::kLevel1, "references").next.params.at("missing"), "1");
  rec.profile.references.push_back({"UNICEF", "", "", "", 0, ""});
  rec.profile.owners = {{"Ann", 100, "KE"}};
  const std::vector<DocumentInfo> docs = {
      Document(10, DocumentKind::kIncorporationCertificate, "en")};
  r = AssessReadiness(rec, docs, kNow);
  EXPECT_EQ(r.reached, UngmLevel::kLevel1);
  EXPECT_EQ(r.levels[1].score, 100);
}

TEST(Readiness, Level2NeedsThreeYearsLettersAndAuditedStatements) {
  SupplierRecord rec = testing::BasicCompleteRecord(1, kNow);
  rec.profile.year_established = 2023;
  std::vector<DocumentInfo> docs;
  for (int i = 0; i < 3; ++i) docs.push_back(Document(20 + i, DocumentKind::kReferenceLetter));
  for (int year : {2024, 2023, 2019}) {
    DocumentInfo d = Document(30 + year, DocumentKind::kFinancialStatement);
    d.fiscal_year = year;
    d.audited = true;
    docs.push_back(d);
  }
  DocumentInfo unaudited = Document(40, DocumentKind::kFinancialStatement);
  unaudited.fiscal_year = 2022;
  docs.push_back(unaudited);
  Readiness r = AssessReadiness(rec, docs, kNow);
  EXPECT_EQ(ItemOf(r, UngmLevel::kLevel2, "years_in_business").next.params.at("year"), "2026");
  EXPECT_TRUE(ItemOf(r, UngmLevel::kLevel2, "reference_letters").done);
  EXPECT_EQ(ItemOf(r, UngmLevel::kLevel2, "financial_statements").next.params.at("missing"), "1")
      << "2019 is too old and 2022 is not audited";
  docs.back().audited = true;
  rec.profile.year_established = 2022;
  r = AssessReadiness(rec, docs, kNow);
  EXPECT_TRUE(r.levels[2].complete);
  EXPECT_EQ(r.reached, UngmLevel::kBasic) << "Level 2 alone does not skip Level 1";
  rec.profile.year_established.reset();
  EXPECT_EQ(
      ItemOf(AssessReadiness(rec, docs, kNow), UngmLevel::kLevel2, "years_in_business").next.key,
      "readiness.year_established");
}

TEST(ReadinessMessages, EveryKeyHasATextInTheSixLanguagesWithTheSameParameters) {
  for (std::string_view key : ReadinessMessageKeys()) {
    const std::string_view en = *ReadinessMessageTemplate(key, "en");
    const bool has_param = en.find('{') != std::string_view::npos;
    for (const char* lang : {"fr", "es", "zh", "ar", "ru"}) {
      SCOPED_TRACE(std::string(key) + " " + lang);
      const std::optional<std::string_view> text = ReadinessMessageTemplate(key, lang);
      ASSERT_TRUE(text.has_value());
      EXPECT_NE(*text, en);
      if (has_param) {
        const std::string_view param = en.substr(en.find('{'), en.find('}') - en.find('{') + 1);
        EXPECT_NE(text->find(param), std::string_view::npos);
      }
    }
  }
}

TEST(ReadinessMessages, EveryKeyTheEngineEmitsHasAText) {
  std::vector<std::string> emitted;
  SupplierRecord rec;
  rec.profile.year_established = 2024;
  const std::vector<DocumentInfo> docs = {
      Document(1, DocumentKind::kIncorporationCertificate, "fr")};
  for (const SupplierRecord& r : {SupplierRecord{}, rec}) {
    for (const LevelReadiness& l : AssessReadiness(r, docs, kNow).levels) {
      for (const ChecklistItem& i : l.items) {
        if (!i.done) {
          EXPECT_TRUE(ReadinessMessageTemplate(i.next.key, "en").has_value()) << i.next.key;
        }
      }
    }
  }
}

TEST(ReadinessMessages, RenderFillsParametersAndFallsBackToEnglish) {
  const NextStep step{"readiness.references", {{"missing", "2"}}};
  EXPECT_EQ(RenderNextStep(step, Language::English()),
            "Add 2 more client references; UNGM asks for 3.");
  EXPECT_EQ(RenderNextStep(step, Language::Chinese()), "请再添加 2 个客户推荐；UNGM 要求 3 个。");
  EXPECT_EQ(RenderNextStep(step, Language::Portuguese()),
            RenderNextStep(step, Language::English()));
  EXPECT_EQ(RenderNextStep({"readiness.nope", {}}, Language::French()), "readiness.nope");
}

TEST(ReadinessJson, CarriesKeysParamsAndMessages) {
  const Language fr = Language::French();
  const nlohmann::json j = ReadinessToJson(AssessReadiness(SupplierRecord{}, {}, kNow), &fr);
  EXPECT_EQ(j["reached"], "none");
  EXPECT_EQ(j["levels"][0]["level"], "basic");
  EXPECT_EQ(j["levels"][0]["items"][1]["next"]["key"], "readiness.address");
  EXPECT_EQ(j["levels"][0]["items"][1]["message"],
            "Saisissez l'adresse enregistrée : rue, ville et pays.");
}

}  // namespace
}  // namespace tb::suppliers
