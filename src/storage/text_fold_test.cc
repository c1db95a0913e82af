#include "storage/text_fold.h"

#include <gtest/gtest.h>

namespace tb::storage {
namespace {

struct FoldCase {
  const char* in;
  const char* folded;
  const char* words;
};

TEST(TextFold, FoldsCaseAccentsAndWidth) {
  const FoldCase cases[] = {
      {"Équipement", "equipement", " equipement"},
      {"ÉQUIPEMENT de Bureau", "equipement de bureau", " equipement de bureau"},
      {"Straße", "strasse", " strasse"},
      {"Ａｂｃ", "abc", " abc"},
      {"Services (médicaux) et/ou soins", "services (medicaux) et/ou soins",
       " services medicaux et ou soins"},
      {"计算机设备", "计算机设备", " 计算机设备"},
      {"  ", "  ", ""},
      {"", "", ""},
  };
  for (const FoldCase& c : cases) {
    EXPECT_EQ(FoldText(c.in), c.folded) << c.in;
    EXPECT_EQ(FoldWords(c.in), c.words) << c.in;
  }
}

TEST(TextFold, InvalidUtf8FallsBackToAscii) {
  EXPECT_EQ(FoldText("AB\xff"), "ab\xff");
}

TEST(TextFold, DetectsCjk) {
  EXPECT_TRUE(HasCjk("计算机"));
  EXPECT_TRUE(HasCjk("abc 設備"));
  EXPECT_FALSE(HasCjk("équipement"));
  EXPECT_FALSE(HasCjk("оборудование"));
}

}  // namespace
}  // namespace tb::storage
