#include "lang/confusable_sets.h"

#include <gtest/gtest.h>

namespace saring {
namespace {

std::string Settle(const char* text, const char* language) {
  std::string settled;
  return SettleConfusable(text, language, &settled) ? settled : "(unsettled)";
}

TEST(ConfusableSetsTest, MarkersPickTheMember) {
  // Malaysian spellings: "kerana", "bahawa", "wang" (Indonesian: karena, bahwa, uang).
  EXPECT_EQ(Settle("Dia berkata bahawa wang itu hilang kerana hujan.", "id"), "ms");
  EXPECT_EQ(Settle("Dia berkata bahwa uang itu hilang karena hujan.", "ms"), "id");
  // Croatian month and "tko" (Bosnian/Serbian: januar... "ko").
  EXPECT_EQ(Settle("Tko je došao u siječnju?", "sr"), "hr");
  // Ekavian "vreme", "gde" (Croatian/Bosnian: vrijeme, gdje).
  EXPECT_EQ(Settle("Gde si bio sve ovo vreme?", "hr"), "sr");
  // Ijekavian "vrijeme" (hr, bs) with "hiljadu" (bs, sr): only Bosnian has both.
  EXPECT_EQ(Settle("Prije hiljadu godina, u to vrijeme, historija je bila drugačija.", "hr"), "bs");
  // Nynorsk "eg", "ikkje", "kva" (Bokmal: jeg, ikke, hva).
  EXPECT_EQ(Settle("Eg veit ikkje kva du meiner.", "nb"), "nn");
  EXPECT_EQ(Settle("Jeg vet ikke hva du mener, sa hun.", "nn"), "nb");
  // Danish "mig", "nu", "hvad" against Norwegian "meg", "nå", "hva".
  EXPECT_EQ(Settle("Hvad vil du have mig til at gøre nu?", "nb"), "da");
  // Letters: Czech ř, ě; Slovak ä, ô, ľ.
  EXPECT_EQ(Settle("Přečetl jsem tu knihu včera večer.", "sk"), "cs");
  EXPECT_EQ(Settle("Môžem ti pomôcť? Veľmi rád.", "cs"), "sk");
  // Upper case counts too: "KERANA", "Bahawa".
  EXPECT_EQ(Settle("KERANA itu, Bahawa dia pergi.", "id"), "ms");
}

TEST(ConfusableSetsTest, NoMarkersOrATieSettleNothing) {
  EXPECT_EQ(Settle("Saya makan nasi goreng di rumah.", "id"), "(unsettled)");
  // One Indonesian marker (karena) and one Malaysian (wang): a tie.
  EXPECT_EQ(Settle("Dia pergi karena wang.", "id"), "(unsettled)");
  // Languages outside every set.
  EXPECT_EQ(Settle("Dia berkata bahawa wang itu hilang kerana hujan.", "en"), "(unsettled)");
  EXPECT_FALSE(InConfusableSet("en"));
  EXPECT_TRUE(InConfusableSet("sh"));
}

}  // namespace
}  // namespace saring
