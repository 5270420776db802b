#include "corpus/domain.h"

#include <gtest/gtest.h>

namespace saring {
namespace {

TEST(DomainTest, HostIgnoresSchemeUserinfoPortCaseAndPath) {
  EXPECT_EQ(HostOf("https://User:pw@News.Detik.COM:8443/berita?x=1#top"), "news.detik.com");
  EXPECT_EQ(HostOf("16thfleet.wikidot.com/chatter:anewhome"), "16thfleet.wikidot.com");
  EXPECT_EQ(HostOf("http://[2001:db8::1]:8080/x"), "2001:db8::1");
  EXPECT_EQ(HostOf("example.com./a"), "example.com");
  EXPECT_EQ(HostOf(""), "");
}

TEST(DomainTest, RegistrableDomainFromThePublicSuffixList) {
  EXPECT_EQ(DomainOf("https://news.detik.com/berita/d-123"), "detik.com");
  EXPECT_EQ(DomainOf("en.wikipedia.org/wiki/Jakarta"), "wikipedia.org");
  EXPECT_EQ(DomainOf("http://www.bbc.co.uk/news"), "bbc.co.uk");
  EXPECT_EQ(DomainOf("https://www.kompas.co.id/read/1"), "kompas.co.id");
  // blogspot.com is a public suffix: each blog is its own site.
  EXPECT_EQ(DomainOf("http://foo.blogspot.com/2019/01/x.html"), "foo.blogspot.com");
  EXPECT_NE(DomainOf("http://foo.blogspot.com/"), DomainOf("http://bar.blogspot.com/"));
}

TEST(DomainTest, AddressesAndSingleLabelsAreTheirOwnSite) {
  EXPECT_EQ(DomainOf("http://192.168.1.20/index.html"), "192.168.1.20");
  EXPECT_EQ(DomainOf("http://[2001:db8::1]/"), "2001:db8::1");
  EXPECT_EQ(DomainOf("http://localhost:8080/"), "localhost");
  EXPECT_EQ(DomainOf("not a url"), "not a url");
  EXPECT_EQ(DomainOf(""), "");
}

}  // namespace
}  // namespace saring
