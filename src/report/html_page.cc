#include "report/html_page.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include "report/html_text.h"
#include "report/report_assets.h"

namespace entangle::report {

std::string CspHash(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  unsigned char encoded[4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1];
  int length = EVP_EncodeBlock(encoded, digest, SHA256_DIGEST_LENGTH);
  return "'sha256-" + std::string(reinterpret_cast<const char*>(encoded), static_cast<size_t>(length)) + "'";
}

std::string HtmlPage(const std::string& title, const std::string& banner, const std::string& toc,
                     const std::string& main, const std::string& footer) {
  const std::string& css = ReportCss();
  const std::string& recorder = ErrorRecorderScript();
  const std::string& script = ReportScript();
  // Hashes rather than 'unsafe-inline': if a name in the data ever slipped past escaping as a
  // <script>, the browser would still refuse to run it. default-src 'none' makes any fetch fail.
  std::string csp = fmt::format(
      "default-src 'none'; script-src {} {}; style-src {}; img-src data:; font-src data:; base-uri 'none'; "
      "form-action 'none'",
      CspHash(recorder), CspHash(script), CspHash(css));
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += fmt::format("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n", csp);
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"entangle\">\n";
  out += fmt::format("<title>{}</title>\n", Escape(title));
  out += "<style>" + css + "</style>\n";
  out += "<script>" + recorder + "</script>\n";
  out += "</head>\n<body>\n" + banner;
  out += "<div class=\"layout\">\n" + toc + "<main>\n";
  out += "<div id=\"js-errors\" class=\"js-errors\" role=\"alert\" hidden></div>\n";
  out += main + footer + "</main>\n</div>\n";
  out += "<script>" + script + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace entangle::report
