#include "stages/pii_redaction.h"

#include <gtest/gtest.h>

namespace saring {
namespace {

std::string Redact(std::string_view text, const PiiOptions& o = {}) {
  std::string out;
  return RedactPii(*CompiledPiiPatterns(), o, text, &out, nullptr) > 0 ? out : std::string(text);
}

TEST(PiiTest, Emails) {
  EXPECT_EQ(Redact("Kirim ke budi.santoso@example.co.id atau redaksi@koran-kita.com."),
            "Kirim ke <EMAIL> atau <EMAIL>.");
  EXPECT_EQ(Redact("not an address: a@b, @handle, user@localhost"), "not an address: a@b, @handle, user@localhost");
}

TEST(PiiTest, IndonesianAndInternationalPhones) {
  EXPECT_EQ(Redact("Hubungi 0812-3456-7890 atau +62 812 3456 7890."), "Hubungi <PHONE> atau <PHONE>.");
  EXPECT_EQ(Redact("WA: 081234567890"), "WA: <PHONE>");
  EXPECT_EQ(Redact("Kantor (021) 555-1234, call +1 415 555 2671 or 415-555-2671"),
            "Kantor <PHONE>, call <PHONE> or <PHONE>");
  EXPECT_EQ(Redact("Tel. +44 20 7946 0958"), "Tel. <PHONE>");
  // Numbers that are not phones stay: years, prices, counts, scores.
  const char* plain = "Pada 2019 harga naik Rp 1.200.000, skor 3-1, 12.500 orang, pukul 10:30.";
  EXPECT_EQ(Redact(plain), plain);
}

TEST(PiiTest, IpAddresses) {
  EXPECT_EQ(Redact("server 192.168.1.20 and 2001:db8::8a2e:370:7334 down"), "server <IP_ADDRESS> and <IP_ADDRESS> down");
  EXPECT_EQ(Redact("fe80::1ff:fe23:4567:890a"), "<IP_ADDRESS>");
  const char* not_ips = "version 1.2.3, 999.1.1.1, at 12:30:45";
  EXPECT_EQ(Redact(not_ips), not_ips);
}

TEST(PiiTest, CardsNeedTheLuhnCheck) {
  EXPECT_EQ(Redact("Visa 4111 1111 1111 1111, MC 5500-0000-0000-0004"), "Visa <CARD_NUMBER>, MC <CARD_NUMBER>");
  EXPECT_EQ(Redact("kode 4111 1111 1111 1112"), "kode 4111 1111 1111 1112");  // fails Luhn
  EXPECT_TRUE(PassesLuhn("79927398713"));
  EXPECT_FALSE(PassesLuhn("79927398710"));
}

TEST(PiiTest, NationalIds) {
  // NIK: province 31 (Jakarta), regency 71, district 01, then 410190: a
  // woman (day + 40) born 1 January 1990, then the serial 0001.
  EXPECT_TRUE(IsPlausibleNik("3171014101900001"));
  EXPECT_TRUE(IsPlausibleNik("1371021508850003"));   // 13 West Sumatra, 150885
  EXPECT_FALSE(IsPlausibleNik("9971014101900001"));  // no province 99
  EXPECT_FALSE(IsPlausibleNik("3171013213900001"));  // month 13
  EXPECT_EQ(Redact("NIK: 3171014101900001."), "NIK: <NATIONAL_ID>.");
  EXPECT_EQ(Redact("nomor 9971014101900001"), "nomor 9971014101900001");
  // Chinese resident ID with its check digit (GB 11643 example number).
  EXPECT_TRUE(IsValidChineseId("11010519491231002X"));
  EXPECT_FALSE(IsValidChineseId("110105194912310021"));
  EXPECT_EQ(Redact("身份证 11010519491231002X 号"), "身份证 <NATIONAL_ID> 号");
  EXPECT_EQ(Redact("MyKad 850101-14-5567, SSN 123-45-6789"), "MyKad <NATIONAL_ID>, SSN <NATIONAL_ID>");
  EXPECT_EQ(Redact("SSN 000-12-3456"), "SSN 000-12-3456");
}

TEST(PiiTest, DigitsInsideLongerRunsAreLeftAlone) {
  // Seen on the Common Crawl sample before these rules: a DOI, a Facebook
  // page id in a URL, a list of years, a run of page numbers, a bar code.
  for (const char* s : {"order 12345678901234567890123 and ref ABC0812345678901",
                        "summary?doi=10.1.1.119.5098,", "facebook.com/pages/p/4111111111111111",
                        "valeurs 2011 2012 2013 2014 2015 2016 2017 2018 aerosols",
                        "996 997 998 999 1000 1001 1002", "Bar code 9780306406157"}) {
    EXPECT_EQ(Redact(s), s);
  }
}

TEST(PiiTest, StageCountsKindsAndTakesTokensAndKinds) {
  std::unique_ptr<Stage> stage;
  ASSERT_TRUE(CreatePiiRedaction(YAML::Load("{kinds: [email, phone], email_token: '[surel]'}"), &stage).ok());
  Document doc("d", "Surat ke a.b@example.com, HP 0812-3456-7890, IP 10.0.0.1");
  stage->Process(doc);
  EXPECT_EQ(doc.text(), "Surat ke [surel], HP <PHONE>, IP 10.0.0.1");
  ASSERT_EQ(doc.annotations().size(), 1u);
  EXPECT_EQ(doc.annotations()[0].second, "2");
  auto counters = stage->TakeCounters();
  EXPECT_EQ(counters["email"], 1u);
  EXPECT_EQ(counters["phone"], 1u);
  EXPECT_EQ(counters["docs_redacted"], 1u);
  EXPECT_EQ(counters.count("ip"), 0u);

  Status s = CreatePiiRedaction(YAML::Load("{kinds: [emails]}"), &stage);
  EXPECT_EQ(s.message(), "stage 'pii': unknown kind 'emails' (did you mean 'email'?)");
}

}  // namespace
}  // namespace saring
