// Marker words that settle languages the statistical backends confuse:
// Indonesian/Malay; Croatian/Bosnian/Serbian (and fastText's
// "Serbo-Croatian"); Norwegian Bokmal/Nynorsk/Danish; Czech/Slovak;
// Catalan/Spanish.
//
//   std::string settled;
//   if (SettleConfusable("Kerajaan akan membina jalan baharu kerana ...", "id", &settled))
//     // settled == "ms": "kerajaan", "baharu", "kerana" are Malaysian forms
//
// Each set lists, per language, words (and for some sets letters) that are
// common in that language and absent or rare in the others of the set: the
// standard vocabulary and spelling differences (Malay "kerana", "wang",
// "kerajaan" for Indonesian "karena", "uang", "pemerintah"; ijekavian
// "vrijeme" for Croatian and Bosnian against ekavian "vreme" for Serbian;
// Croatian month names "siječanj" against "januar"; Nynorsk "ikkje", "eg"
// against Bokmal "ikke", "jeg"; Czech "ř", "ů", "ě" against Slovak "ä", "ô",
// "ľ"). A word may mark several languages ("hiljada": Bosnian and Serbian,
// not Croatian). The lists were written from those known differences, not
// learned from the evaluation sentences.
//
// A text is settled when one language of the set has more markers than
// every other, counting each distinct marker once; otherwise nothing is
// said and the caller keeps its own answer.
//
// Thread-safety: thread-safe.

#ifndef SARING_LANG_CONFUSABLE_SETS_H_
#define SARING_LANG_CONFUSABLE_SETS_H_

#include <string>
#include <string_view>

namespace saring {

// True when `language` belongs to a confusable set.
bool InConfusableSet(std::string_view language);

// True when `a` and `b` belong to the same confusable set.
bool SameConfusableSet(std::string_view a, std::string_view b);

// When `language` belongs to a set and the markers of `text` pick one member,
// sets *settled to it (it may equal `language`) and returns true.
bool SettleConfusable(std::string_view text, std::string_view language, std::string* settled);

}  // namespace saring

#endif  // SARING_LANG_CONFUSABLE_SETS_H_
