#include "lang/confusable_sets.h"

#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

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
hr: tko tisuća tisuće tisuću kruh tjedan tjedna tjedno glazba glazbe glazbu zrakoplov
hr: sveučilište sveučilišta povijest povijesti obitelj obitelji siječanj siječnja veljača
hr: veljače ožujak ožujka travanj travnja svibanj svibnja lipanj lipnja srpanj srpnja kolovoz
hr: kolovoza rujan rujna listopad listopada studeni studenoga prosinac prosinca tijekom
hr: kazalište kazališta vlak vlaka tvrtka tvrtke tvrtki izvješće točno
hr: točka uvjet uvjeti uvjeta sudjelovati računalo računala knjižnica znanost znanosti
hr: znanstveni tvornica sustav sustava sustavu mirovina europski europska europske
hr: europskoj europe europi vjerojatno obveza obvezno liječnik nužno
bs,sr: hiljada hiljade hiljadu januar januara februar februara mart marta juni juna juli
bs,sr: jula septembar septembra oktobar oktobra novembar novembra decembar decembra
bs,sr: univerzitet univerziteta fudbal fudbalski tačno tačka uslov uslovi uslova učestvovati
bs,sr: pozorište računar nauka nauke naučni fabrika voz sprat evropski evropska evropske
bs,sr: evropskoj evrope evropi sistem sistema plata penzija šta obaveza obavezno neophodno
bs: historija historije historiji porodica porodice porodici sedmica sedmice hljeb lahko
bs: august augusta vjerovatno ljekar ljekara
hr,bs: vrijeme vremena gdje mjesto mjesta cijena cijene rijeka rijeke lijepo lijep lijepa
hr,bs: djeca djece dijete predsjednik predsjednika vijesti svijet svijeta bijeli mlijeko
hr,bs: pjesma pjesme poslije prije ovdje riječ riječi mjesec mjeseca htio htjela općina
hr,bs: općine uopće također vrijedi
sr: vreme gde mesto mesta cena cene reka reke lepo lep lepa deca dece dete predsednik
sr: predsednika vesti svet posle pre ovde reč reči mesec meseca hteo htela opština opštine
sr: uopšte takođe hleb avgust avgusta verovatno lekar lekara vredi

set nb nn da
nn: ikkje eg ein eit frå berre kva korleis kvifor kven dei mykje noko nokon nokre heile
nn: òg sjølv fleire hjå medan difor sidan då saman kvar ho vart vert meir seier byrja
nn: vere desse døme eigen eige eigne veit skule
nb: hva vet nå vært mye noe noen annet ble
nb,nn: meg deg seg vei uke bok gjøre kjøpe spørsmål av etter
nb,da: ikke jeg hvordan hvorfor hvem hele selv flere hos mens siden sammen hver hun
da: af efter nu hvad blev noget nogen andet mig dig sig sådan lige tage give vej uge bog gøre
da: købe spørgsmål

set cs sk
cs letters: ř ů ě
sk letters: ä ô ľ ĺ ŕ
cs: jsou není také který která které protože jsem pro jako jak když být nebo velmi
sk: som sme ste bolo bol bola tiež pre ako keď byť nie sú alebo ktorý ktorá ktoré môže veľmi

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
        auto& m = set.words[marker];
        m.insert(m.end(), members.begin(), members.end());
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

// Lower-cases `text` and calls `word` for each run of letters.
template <typename Fn>
std::string LowerWords(std::string_view text, Fn word) {
  std::string lower;
  lower.reserve(text.size());
  size_t word_start = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) c = 0xFFFD;
    const bool letter = u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK;
    if (!letter) {
      if (lower.size() > word_start) word(std::string_view(lower).substr(word_start));
    }
    c = u_tolower(c);
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    lower.append(buf, len);
    if (!letter) word_start = lower.size();
  }
  if (lower.size() > word_start) word(std::string_view(lower).substr(word_start));
  return lower;
}

}  // namespace

bool InConfusableSet(std::string_view language) { return SetOf(language) != nullptr; }

bool SameConfusableSet(std::string_view a, std::string_view b) {
  const MarkerSet* set = SetOf(a);
  return set != nullptr && set == SetOf(b);
}

bool SettleConfusable(std::string_view text, std::string_view language, std::string* settled) {
  const MarkerSet* set = SetOf(language);
  if (set == nullptr) return false;
  std::set<std::string_view> seen;
  std::vector<int> counts(set->languages.size(), 0);
  std::vector<std::string> words;  // owned copies: `lower` grows while scanning
  std::string lower = LowerWords(text, [&](std::string_view w) { words.emplace_back(w); });
  for (const std::string& w : words) {
    auto it = set->words.find(w);
    if (it == set->words.end() || !seen.insert(it->first).second) continue;
    for (int m : it->second) ++counts[m];
  }
  for (const auto& [letters, members] : set->letters) {
    if (lower.find(letters) == std::string::npos) continue;
    for (int m : members) ++counts[m];
  }
  int best = -1;
  bool tie = false;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (best < 0 || counts[i] > counts[best]) {
      best = int(i);
      tie = false;
    } else if (counts[i] == counts[best]) {
      tie = true;
    }
  }
  if (best < 0 || counts[best] == 0 || tie) return false;
  for (size_t i = 0; i < counts.size(); ++i) {
    // Clearly ahead: no marker for any other member, or two more than each.
    if (int(i) != best && counts[i] > 0 && counts[best] - counts[i] < 2) return false;
  }
  *settled = set->languages[best];
  return true;
}

}  // namespace saring
