#pragma once
// Internal: the page around the report's sections: doctype, metadata, a Content-Security-Policy
// that forbids every fetch and allows only the report's own inline script and style (by hash),
// the stylesheet and the scripts.
#include <string>

namespace entangle::report {

// `banner` goes above everything (the synthetic-data banner, or ""), `toc` to the left of `main`.
std::string HtmlPage(const std::string& title, const std::string& banner, const std::string& toc,
                     const std::string& main, const std::string& footer);

// 'sha256-<base64>' of a script or style text, as CSP wants it.
std::string CspHash(const std::string& text);

}  // namespace entangle::report
