#include <r1tag/sources/http_client.hpp>

namespace r1tag {

std::string HttpResponse::header(const std::string& lower_name) const {
  const auto found = headers.find(lower_name);
  return found == headers.end() ? std::string{} : found->second;
}

std::string display_url(const std::string& url) {
  std::string shown = url.substr(0, url.find_first_of("?#"));
  const std::size_t scheme_end = shown.find("://");
  if (scheme_end == std::string::npos) return shown;
  const std::size_t host_begin = scheme_end + 3;
  const std::size_t path_begin = shown.find('/', host_begin);
  const std::size_t at = shown.rfind('@', path_begin == std::string::npos ? shown.size() : path_begin);
  if (at != std::string::npos && at >= host_begin) shown.erase(host_begin, at + 1 - host_begin);
  return shown;
}

}  // namespace r1tag
