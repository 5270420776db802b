#include "lang/confusable_sets.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "lang/language_code.h"

namespace saring {
namespace {

// One block per set: "set L1 L2 ...", then lines "L[,L...]: words..." and
// "L[,L...] letters: strings..." (matched anywhere in the lower-cased text).
// Keep the words lower case; a word may appear under several languages only
// by listing them together.
constexpr const char* kMarkers = R"(
set id ms
ms: kerana sahaja iaitu mahu wang bahawa syarikat universiti polis
ms: teksi hospital kempen akaun projek nombor telefon kenderaan peratus
ms: awak baharu encik maklumat perkhidmatan perniagaan pelancongan kesihatan
ms: kualiti aktiviti komuniti fakulti televisyen ringgit tahniah sebarang berbanding selepas
ms: bilik emel pautan kemaskini sukan belia mesyuarat
id: karena pemerintah yaitu mau uang bahwa gratis perusahaan universitas polisi mobil
id: taksi kantor nomor telepon kendaraan persen besok kemarin proyek bisa kalian banget sih
id: dong aja gimana udah kayak nggak gak enggak doang silakan informasi layanan bisnis
id: pariwisata kesehatan kualitas aktivitas komunitas fakultas televisi rupiah provinsi
id: kabupaten kecamatan sesudah unduh tautan situs olahraga saran usulan

set hr bs sr sh
hr: tko netko nitko itko svatko tisuća tisuće tisuću kruh tjedan tjedna tjedno tjednu glazba
hr: glazbe glazbu glazbeni glazbena glazbeno zrakoplov zrakoplova sveučilište sveučilišta
hr: sveučilištu povijest povijesti obitelj obitelji siječanj siječnja veljača veljače ožujak
hr: ožujka travanj travnja svibanj svibnja lipanj lipnja srpanj srpnja kolovoz kolovoza rujan
hr: rujna listopad listopada studeni studenoga prosinac prosinca tijekom kazalište kazališta
hr: vlak vlaka tvrtka tvrtke tvrtki izvješće izvješća točno točka točke uvjet uvjeti uvjeta
hr: sudjelovati sudjeluje sudjelovao sudjelovanje računalo računala računalni knjižnica
hr: knjižnice znanost znanosti znanstveni znanstvena znanstvenik znanstvenici tvornica sustav
hr: sustava sustavu mirovina europski europska europske europskoj europskog europe europi
hr: vjerojatno obveza obveze obvezno obvezni liječnik liječnika nužno nogomet nogometa
hr: nogometni nogometna nogometne nogometnog čimbenik čimbenika čimbenici kotač osobni osobna
hr: osobno osobne natjecanje natjecanja natjecanju natjecatelj djelatnik djelatnika djelatnici
hr: suradnja suradnje suradnju suradnik suradnici utjecaj utjecaja utjecati kemija kemijski
hr: kemijskog kemijske milijun milijuna kava izravno izravan izravni veleposlanstvo tajnik
hr: stoljeće stoljeća stoljeću postotak postotka glede sukladno temeljem nazočnost pozornost
hr: putova trenutačno izvanredan izvanredno putovnica zračna zračne zračnoj pogreška poduzeće
hr: poduzeća poduzeti skladatelj redatelj redateljica nositelj nositeljica nositelja gledatelj
hr: gledatelji slušatelj ravnatelj ravnateljica časnik tisak zastupnik zastupnici sabor sabora
hr: saborski županija županije župan doista dakako primjerice sudionik sudionici inozemstvo
hr: tuzemstvo otok otoka otoku oceana ocean gospodarstvo gospodarski gospodarske uredski
hr: kućanstvo kućanske porezni tjednik poduzetnik poduzetnici
bs,sr: hiljada hiljade hiljadu januar januara februar februara mart marta juni juna juli
bs,sr: jula septembar septembra oktobar oktobra novembar novembra decembar decembra
bs,sr: univerzitet univerziteta univerzitetu fudbal fudbala fudbalski fudbalska fudbalske
bs,sr: tačno tačka tačke uslov uslovi uslova učestvovati učestvuje učestvovao učešće pozorište
bs,sr: pozorišta računar računara nauka nauke nauci naučni naučna naučnik naučnici fabrika voz
bs,sr: sprat evropski evropska evropske evropskoj evropskog evrope evropi sistem sistema sistemu
bs,sr: plata penzija šta obaveza obaveze obavezno neophodno ko neko niko iko svako nekoga
bs,sr: saradnja saradnje saradnju saradnik saradnici uticaj uticaja uticati hemija hemijski
bs,sr: hemijskog hemijske milion miliona kafa ambasada ambasador sekretar procenat procenta
bs,sr: desiti desilo desio desila dešava dešavaju takmičenje takmičenja takmičenju takmičar
bs,sr: ćelija ćelije ćelijski muzika muzike muziku muzici muzički muzičke puteva okean okeana
bs,sr: biblioteka biblioteke biblioteci privreda privredni privredne inostranstvo ostrvo ostrva
bs,sr: pasoš aerodrom aerodroma preduzeće preduzeća preduzeti kompozitor režiser režisera
bs,sr: nosilac gledalac gledaoci oficir štampa poslanik poslanici učesnik učesnici vanredno
bs,sr: vanredan kancelarija poreski napolju sprovesti sproveden sprovodi preduzetnik
bs,sr: preduzetnici zavisnost
bs: historija historije historiji historijski historijskog historijske sedmica sedmice
bs: sedmicu hljeb lahko lahke lahki lahka august augusta vjerovatno ljekar ljekara
bs: inžinjer inžinjera inžinjerija inžinjerije kahva sahat džamija džamije bošnjaci
bs: bošnjaka bošnjački bošnjačke bošnjačkog bosanskohercegovački bosanskohercegovačke
bs: kanton kantona kantonu entitet entiteta odjeljenje odjeljenja
hr,bs: vrijeme gdje mjesto mjesta cijena cijene rijeka rijeke lijepo lijep lijepa
hr,bs: djeca djece dijete predsjednik predsjednika vijesti svijet svijeta bijeli bijela
hr,bs: bijelo bijele mlijeko pjesma pjesme poslije prije ovdje riječ riječi mjesec mjeseca
hr,bs: htio htjela općina općine općinski uopće također vrijedi dvije uvijek sjever sjeverni
hr,bs: sjeverne zvijezda zvijezde cvijet snijeg vrijednost vrijednosti sjećanje vjetar mjera
hr,bs: mjere svjetski svjetska svjetskog svjetlo svjetlost djelo djela tijelo tijela rješenje
hr,bs: primjer primjera savjet savjeti lijek lijekovi nedjelja nedjelje uslijed sljedeći
hr,bs: slijedeći pjevač djevojka dio dijela vijeka vijeku ovisnost
sr: vreme gde mesto mesta cena cene reka reke lepo lep lepa deca dece dete predsednik
sr: predsednika vesti svet posle pre ovde reč reči mesec meseca hteo htela opština opštine
sr: opštinski uopšte takođe hleb avgust avgusta verovatno lekar lekara vredi dve uvek sever
sr: severni severne zvezda zvezde cvet sneg vrednost vrednosti sećanje vetar mera mere svetski
sr: svetska svetskog svetlo svetlost delo telo tela rešenje primer primera savet saveti
sr: lek lekovi nedelja nedelje usled sledeći pevač devojka deo veka veku istorija istorije
sr: istoriji istorijski odeljenje

set nb nn da
nn: ikkje eg ein eit frå berre kva korleis kvifor kven dei mykje noko nokon nokre heile
nn: òg sjølv fleire hjå medan difor sidan då saman kvar ho vart vert meir seier byrja
nn: vere vera desse døme eigen eige eigne veit skule kjem gjev tek kyrkje kyrkja heim
nn: kor viss ikring noreg nynorsk
nb: hva vet nå vært mye noe noen annet ble gir tar sier
nb,nn: meg deg seg vei uke bok gjøre kjøpe spørsmål av etter mot ut opp gjennom hadde enn
nb,nn: språk norge mellom
nb,da: ikke jeg hvordan hvorfor hvem hele selv flere hos mens siden sammen hver hun en et de
nb,da: hvis bare hvor fra være disse kirke hjem kommer
da: af efter nu hvad blev noget nogen andet mig dig sig sådan lige tage give vej uge bog gøre
da: købe spørgsmål mellem meget gennem mod ud op havde end sprog giver tager siger danmark

set cs sk
cs letters: ř ů ě
sk letters: ä ô ľ ĺ ŕ
cs: jsou není také který která které protože jsem pro jako jak když být nebo velmi
sk: som sme ste bolo bol bola tiež pre ako keď byť nie sú alebo ktorý ktorá ktoré môže veľmi

set af nl
af letters: 'n ŉ ê ʼn
nl letters: ij
af: ek jy hulle baie sal vir nou sy hy nie hierdie daardie sê lê word wees deur
nl: ik jij je zijn een niet zij hij voor zal veel nu door naar bij wordt worden zo ze
nl: mijn wij onze deze

set ga gd
ga letters: á é í ó ú
gd letters: à è ì ò ù
ga: ar tá go ag mé ó atá gur níos chun féin bhfuil cad sé sí níl
gd: air tha gu aig mi bheil chan dè fhèin

set ca es
es letters: ñ á ¿ ¡
ca letters: à è ò ï l·l ç
es: y los las con pero muy por como más también cuando porque este esta ese hay sus
ca: i els amb però molt per com més també quan perquè aquest aquesta això hi seu seva
)";

struct MarkerSet {
  std::vector<std::string> languages;
  std::unordered_map<std::string, std::vector<int>> words;  // -> member indexes
  std::vector<std::pair<std::string, std::vector<int>>> letters;
};

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) out.push_back(part);
  return out;
}

std::vector<MarkerSet> ParseMarkers() {
  std::vector<MarkerSet> sets;
  std::stringstream in(kMarkers);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    std::stringstream fields(line);
    std::string head;
    fields >> head;
    if (head == "set") {
      sets.emplace_back();
      for (std::string l; fields >> l;) sets.back().languages.push_back(l);
      continue;
    }
    MarkerSet& set = sets.back();
    bool letters = head.back() != ':';
    if (letters) fields >> head;  // "letters:"
    std::vector<int> members;
    for (const std::string& l : SplitOn(line.substr(0, line.find_first_of(" :")), ',')) {
      for (size_t i = 0; i < set.languages.size(); ++i) {
        if (set.languages[i] == l) members.push_back(int(i));
      }
    }
    for (std::string marker; fields >> marker;) {
      if (letters) {
        set.letters.emplace_back(marker, members);
      } else {
        auto& m = set.words[marker];  // a word listed twice counts once per member
        m.insert(m.end(), members.begin(), members.end());
        std::sort(m.begin(), m.end());
        m.erase(std::unique(m.begin(), m.end()), m.end());
      }
    }
  }
  return sets;
}

const std::vector<MarkerSet>& Sets() {
  static const std::vector<MarkerSet> sets = ParseMarkers();
  return sets;
}

const MarkerSet* SetOf(std::string_view language) {
  for (const MarkerSet& s : Sets()) {
    for (const std::string& l : s.languages) {
      if (l == language) return &s;
    }
  }
  return nullptr;
}

// Calls fn(c) for each code point of `text` (U+FFFD for an ill-formed byte).
template <typename Fn>
void ForEachCodePoint(std::string_view text, Fn fn) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    fn(c < 0 ? 0xFFFD : c);
  }
}

// The UTF-8 of `c`, in `buf`.
std::string_view Utf8Of(UChar32 c, char (&buf)[4]) {
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, c);
  return std::string_view(buf, len);
}

// Lower-cases `text` and calls `word` for each run of letters.
template <typename Fn>
std::string LowerWords(std::string_view text, Fn word) {
  std::string lower;
  lower.reserve(text.size());
  size_t word_start = 0;
  ForEachCodePoint(text, [&](UChar32 c) {
    const bool letter = u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK;
    if (!letter && lower.size() > word_start) {
      word(std::string_view(lower).substr(word_start));
    }
    char buf[4];
    lower.append(Utf8Of(u_tolower(c), buf));
    if (!letter) word_start = lower.size();
  });
  if (lower.size() > word_start) word(std::string_view(lower).substr(word_start));
  return lower;
}

// Serbo-Croatian (the set "hr bs sr sh"): its markers answer two separate
// questions, and Bosnian is the answer "ijekavian, with the vocabulary
// Serbian and Bosnian share" (hiljada, historija, univerzitet with vrijeme),
// which a plain count of markers cannot express. The marker groups:
//   hr       Croatian vocabulary (tisuća, tjedan, sveučilište, month names)
//   bs       Bosnian only (historija, sedmica, lahko)
//   bs,sr    Bosnian and Serbian vocabulary (hiljada, univerzitet, muzika)
//   hr,bs    ijekavian forms (vrijeme, gdje, mjesto): Croatian or Bosnian
//   sr       ekavian forms (vreme, gde, mesto): Serbian
// A word with "ije" inside it (rijeka, lijevo, pijesak) is ijekavian
// evidence too, as is the preposition "sa" before a word that does not start
// with s, z, š or ž: Croatian writes "s" there, Bosnian and Serbian "sa".
// Croatian is not written in Cyrillic and Bosnian rarely is: a Cyrillic text
// of this set is Serbian.
struct SerboCroatianEvidence {
  int croatian = 0, bosnian = 0, bosnian_serbian = 0, ijekavian = 0, ekavian = 0;
};

// Ijekavian spelling inside a word: "ije" before another letter (rijeka,
// lijevo, pijesak), or the short reflex "je" after m, v, t, p, s, c
// (mjesto, vjera, htjeti, pjesma, sjever, cjelina), or after d except in
// od-, pod-, nad-, pred- (odjednom, odjek are ekavian too). Ekavian has
// "e" there: reka, levo, mesto, vera, pesma, sever, celina.
bool IjekavianInside(std::string_view word) {
  const size_t at = word.find("ije");
  // "nije" (is not) and the loanwords in -ijent (klijent, pacijent) are
  // ijekavian and ekavian alike.
  if (at != std::string_view::npos && at + 3 < word.size() && !word.starts_with("nije") &&
      word.find("ijent") == std::string_view::npos &&
      word.find("higijen") == std::string_view::npos) {
    return true;
  }
  for (std::string_view reflex : {"mje", "vje", "tje", "pje", "sje", "cje"}) {
    if (word.find(reflex) != std::string_view::npos) return true;
  }
  const size_t dje = word.find("dje");
  if (dje == std::string_view::npos) return false;
  for (std::string_view prefix : {"od", "pod", "nad", "pred"}) {
    if (dje + 1 == prefix.size() && word.starts_with(prefix)) return false;
  }
  return true;
}

bool StartsWithSibilant(std::string_view word) {
  for (std::string_view prefix : {"s", "z", "š", "ž"}) {
    if (word.starts_with(prefix)) return true;
  }
  return false;
}

std::string DecideSerboCroatian(const SerboCroatianEvidence& e, std::string_view language) {
  const int croatian = e.croatian, bosnian_serbian = e.bosnian + e.bosnian_serbian;
  if (e.bosnian > 0 && croatian == 0 && e.ekavian <= e.ijekavian) return "bs";
  if (croatian > bosnian_serbian) return e.ekavian > e.ijekavian ? "" : "hr";
  if (bosnian_serbian > croatian) {
    if (e.ijekavian > e.ekavian) return "bs";
    if (e.ekavian > e.ijekavian) return "sr";
    // No dialect evidence: not Croatian, so Serbian if the backends said so,
    // else Bosnian.
    return language == "sr" ? "sr" : "bs";
  }
  if (e.ekavian > e.ijekavian) return "sr";
  if (e.ijekavian > e.ekavian) return language == "bs" ? "bs" : "hr";
  return "";
}

std::string SettleSerboCroatian(const MarkerSet& set, const std::vector<std::string>& words,
                                std::string_view text, std::string_view language) {
  if (DominantScript(text) == "Cyrl") return "sr";
  SerboCroatianEvidence e;
  std::set<std::string_view> seen;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "sa" && i + 1 < words.size() && !StartsWithSibilant(words[i + 1])) {
      if (seen.insert("sa").second) ++e.bosnian_serbian;
    }
    auto it = set.words.find(w);
    if (it == set.words.end()) {
      if (IjekavianInside(w) && seen.insert(w).second) ++e.ijekavian;
      continue;
    }
    if (!seen.insert(it->first).second) continue;
    const std::vector<int>& m = it->second;  // member indexes: hr 0, bs 1, sr 2
    if (m.size() == 1) {
      (m[0] == 0 ? e.croatian : m[0] == 1 ? e.bosnian : e.ekavian) += 1;
    } else if (m[0] == 0) {
      ++e.ijekavian;  // hr,bs
    } else {
      ++e.bosnian_serbian;  // bs,sr
    }
  }
  return DecideSerboCroatian(e, language);
}

// The member the marker counts pick: the one with the most markers, clearly
// ahead (no marker for any other member, or two more than each). Members
// tied at the top, with the others clearly behind, are ranked by
// `preference` (the backends' order): markers "en", "ikke" say Bokmal or
// Danish, not Nynorsk, and the backends choose between the two.
constexpr int kMargin = 1;
bool PickLeader(const MarkerSet& set, const std::vector<int>& counts,
                const std::vector<std::string>& preference, std::string* settled) {
  const int top = *std::max_element(counts.begin(), counts.end());
  if (top == 0) return false;
  std::vector<std::string> leaders;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] == top) {
      leaders.push_back(set.languages[i]);
    } else if (counts[i] > 0 && top - counts[i] < kMargin) {
      return false;
    }
  }
  if (leaders.size() == 1) {
    *settled = leaders[0];
    return true;
  }
  for (const std::string& p : preference) {
    if (std::find(leaders.begin(), leaders.end(), p) != leaders.end()) {
      *settled = p;
      return true;
    }
  }
  return false;
}

// Letters each Cyrillic alphabet lacks: a text that has one is not in that
// language (ѓ, ќ, ѕ are only Macedonian; ћ, ђ only Serbian; я, щ, ъ are
// Russian, Bulgarian, Ukrainian but neither Serbian nor Macedonian).
constexpr std::pair<std::string_view, std::string_view> kCyrillicLacks[] = {
    {"sr", "йщъьюяёыэѓќѕіїєґў"}, {"mk", "йщъьюяёыэћђіїєґў"},
    {"bg", "ёыэјљњћђџѓќѕіїєґў"}, {"ru", "јљњћђџѓќѕіїєґў"},
    {"uk", "ёъыэјљњћђџѓќѕў"},
};

}  // namespace

bool LettersRuleOut(std::string_view text, std::string_view language) {
  for (const auto& entry : kCyrillicLacks) {
    if (entry.first != language) continue;
    const std::string_view lacks = entry.second;  // (clang 14 cannot capture a structured binding)
    bool ruled_out = false;
    ForEachCodePoint(text, [&](UChar32 c) {
      if (ruled_out || c < 0x400 || c > 0x4FF) return;  // only Cyrillic letters are looked up
      char buf[4];
      ruled_out = lacks.find(Utf8Of(u_tolower(c), buf)) != std::string_view::npos;
    });
    return ruled_out;
  }
  return false;
}

bool InConfusableSet(std::string_view language) { return SetOf(language) != nullptr; }

bool SameConfusableSet(std::string_view a, std::string_view b) {
  const MarkerSet* set = SetOf(a);
  return set != nullptr && set == SetOf(b);
}

bool SettleConfusable(std::string_view text, std::string_view language, std::string* settled,
                      const std::vector<std::string>& preference) {
  const MarkerSet* set = SetOf(language);
  if (set == nullptr) return false;
  std::vector<std::string> words;  // owned copies: `lower` grows while scanning
  std::string lower = LowerWords(text, [&](std::string_view w) { words.emplace_back(w); });
  if (set->languages[0] == "hr") {
    std::string decided = SettleSerboCroatian(*set, words, text, language);
    if (decided.empty()) return false;
    *settled = decided;
    return true;
  }
  std::set<std::string_view> seen;
  std::vector<int> counts(set->languages.size(), 0);
  for (const std::string& w : words) {
    auto it = set->words.find(w);
    if (it == set->words.end() || !seen.insert(it->first).second) continue;
    for (int m : it->second) ++counts[m];
  }
  for (const auto& [letters, members] : set->letters) {
    if (lower.find(letters) == std::string::npos) continue;
    for (int m : members) ++counts[m];
  }
  return PickLeader(*set, counts, preference, settled);
}

}  // namespace saring
