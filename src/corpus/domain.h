// DomainOf: the site a URL belongs to, for counting "distinct domains".
//
//   DomainOf("https://news.detik.com/berita/d-123")  == "detik.com"
//   DomainOf("en.wikipedia.org/wiki/Jakarta")        == "wikipedia.org"
//   DomainOf("http://foo.blogspot.com/2019/01/x")    == "foo.blogspot.com"
//   DomainOf("http://[2001:db8::1]:8080/")           == "2001:db8::1"
//
// The site is the registrable domain (public suffix + one label) from the
// Public Suffix List built into libpsl, so subdomains of one publisher count
// as one site while independent blogs under a shared suffix (blogspot.com,
// github.io) count as distinct sites. Hosts without a registrable domain
// (IP addresses, "localhost") are their own site. The scheme is optional
// (Dolma's metadata.url has none); case, userinfo and port are ignored.
// Returns "" for a value with no host.
//
// Thread-safety: stateless (libpsl's built-in list is immutable).

#ifndef SARING_CORPUS_DOMAIN_H_
#define SARING_CORPUS_DOMAIN_H_

#include <string>
#include <string_view>

namespace saring {

std::string DomainOf(std::string_view url);

// The host part of a URL, lowercased, without userinfo, port or brackets.
std::string HostOf(std::string_view url);

}  // namespace saring

#endif  // SARING_CORPUS_DOMAIN_H_
