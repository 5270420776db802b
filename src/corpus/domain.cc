#include "corpus/domain.h"

#include <arpa/inet.h>
#include <libpsl.h>

#include <algorithm>

namespace saring {
namespace {

bool IsIpLiteral(const std::string& host) {
  unsigned char buf[16];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

}  // namespace

std::string HostOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos && url.find_first_of("/?#") > scheme)
    url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  size_t at = url.rfind('@');
  if (at != std::string_view::npos) url.remove_prefix(at + 1);
  if (!url.empty() && url.front() == '[') {  // [IPv6]:port
    size_t close = url.find(']');
    url = url.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
  } else {
    url = url.substr(0, url.find(':'));
  }
  while (!url.empty() && url.back() == '.') url.remove_suffix(1);  // "example.com." is example.com
  std::string host(url);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; });
  return host;
}

std::string DomainOf(std::string_view url) {
  std::string host = HostOf(url);
  if (host.empty() || IsIpLiteral(host)) return host;
  const char* registrable = psl_registrable_domain(psl_builtin(), host.c_str());
  return registrable != nullptr ? std::string(registrable) : host;
}

}  // namespace saring
