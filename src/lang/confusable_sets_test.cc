#include "lang/confusable_sets.h"

#include <gtest/gtest.h>

namespace saring {
namespace {

std::string Settle(const char* text, const char* language,
                   const std::vector<std::string>& preference = {}) {
  std::string settled;
  return SettleConfusable(text, language, &settled, preference) ? settled : "(unsettled)";
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

// Serbo-Croatian answers two questions: Croatian or Bosnian/Serbian
// vocabulary, ijekavian or ekavian forms.
TEST(ConfusableSetsTest, SerboCroatianVocabularyAndDialect) {
  // univerzitet, hiljadu: Bosnian/Serbian; vrijeme: ijekavian -> Bosnian.
  EXPECT_EQ(Settle("U to vrijeme je univerzitet imao hiljadu studenata.", "hr"), "bs");
  // The same with ekavian "vreme" -> Serbian.
  EXPECT_EQ(Settle("U to vreme je univerzitet imao hiljadu studenata.", "hr"), "sr");
  // sveučilište, tisuću: Croatian.
  EXPECT_EQ(Settle("Sveučilište je tada imalo tisuću studenata.", "bs"), "hr");
  // "sa" before a word not starting with s, z, š, ž is not Croatian; no
  // dialect evidence: Serbian when the backends said so, else Bosnian.
  EXPECT_EQ(Settle("Došao je sa prijateljem.", "sr"), "sr");
  EXPECT_EQ(Settle("Došao je sa prijateljem.", "hr"), "bs");
  // "sa sestrom" is Croatian too: no evidence at all.
  EXPECT_EQ(Settle("Došao je sa sestrom.", "hr"), "(unsettled)");
  // "ije" inside a word (pijesak) is ijekavian: not Serbian; without
  // vocabulary, Croatian unless the backends said Bosnian.
  EXPECT_EQ(Settle("Pijesak je bio topao.", "sr"), "hr");
  EXPECT_EQ(Settle("Pijesak je bio topao.", "bs"), "bs");
  // "nije" (is not) is ijekavian and ekavian alike: tačno alone stays Serbian.
  EXPECT_EQ(Settle("To nije tačno.", "sr"), "sr");
  // Croatian is not written in Cyrillic.
  EXPECT_EQ(Settle("Универзитет је имао хиљаду студената.", "hr"), "sr");
}

TEST(ConfusableSetsTest, TiedMembersAreRankedByThePreference) {
  // "en", "et": Bokmal or Danish, not Nynorsk; the backends choose.
  EXPECT_EQ(Settle("Det er en stilling og et kontor.", "nn", {"nn", "nb", "da"}), "nb");
  EXPECT_EQ(Settle("Det er en stilling og et kontor.", "nn", {"da", "nn"}), "da");
  EXPECT_EQ(Settle("Det er en stilling og et kontor.", "nn"), "(unsettled)");
  // One marker more than the runner-up is enough: en, et (nb, da) and etter
  // (nb, nn) leave Bokmal ahead.
  EXPECT_EQ(Settle("Det er en stilling og et kontor etter krigen.", "nn"), "nb");
}

TEST(ConfusableSetsTest, IrishAndScottishGaelic) {
  // Irish: tá, sé, go, acute accents; Gaelic: tha, gu, grave accents.
  EXPECT_EQ(Settle("Tá sé go maith inniu.", "gd"), "ga");
  EXPECT_EQ(Settle("Tha e gu math an-diugh, tha mi an dòchas.", "ga"), "gd");
}

TEST(ConfusableSetsTest, CyrillicLettersRuleLanguagesOut) {
  // ѓ is Macedonian only; я is in neither Serbian nor Macedonian.
  EXPECT_TRUE(LettersRuleOut("Меѓу нив", "sr"));
  EXPECT_FALSE(LettersRuleOut("Меѓу нив", "mk"));
  EXPECT_FALSE(LettersRuleOut("Између њих", "sr"));
  EXPECT_TRUE(LettersRuleOut("Између њих", "ru"));  // љ, њ, ђ are not Russian
  EXPECT_TRUE(LettersRuleOut("Я думаю", "sr"));
  EXPECT_TRUE(LettersRuleOut("Я ДУМАЮ", "mk"));  // upper case too
  EXPECT_FALSE(LettersRuleOut("Я думаю", "ru"));
  EXPECT_FALSE(LettersRuleOut("any Latin text", "sr"));
  EXPECT_FALSE(LettersRuleOut("Я думаю", "en"));  // only Cyrillic alphabets are listed
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
