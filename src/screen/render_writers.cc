// Text, Markdown and HTML writers of a screening document. Every span of text is escaped for the
// format it is written in: names and titles come from data (a title may hold "<script>").
#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <cctype>

#include "screen/render_doc.h"

namespace entangle::screen {
namespace {

std::string EscapeHtml(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Markdown: a backslash before the punctuation that would start markup (emphasis, links, code,
// raw HTML, table cells; an underscore inside a word starts nothing: "openalex_id" stays as it is);
// line breaks become spaces so that a title stays one list item.
std::string EscapeMarkdown(const std::string& s) {
  auto word = [&](size_t i) { return i < s.size() && std::isalnum(static_cast<unsigned char>(s[i])) != 0; };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (c == '_' && i > 0 && word(i - 1) && word(i + 1)) {
      out += c;
    } else if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' || c == '>' ||
               c == '|') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

// A URL inside Markdown's (...) and HTML's href: spaces, parentheses and quotes percent-encoded.
std::string EscapeUrl(const std::string& url) {
  std::string out;
  for (char c : url) {
    switch (c) {
      case ' ': out += "%20"; break;
      case '(': out += "%28"; break;
      case ')': out += "%29"; break;
      case '"': out += "%22"; break;
      case '<': out += "%3C"; break;
      case '>': out += "%3E"; break;
      default: out += c;
    }
  }
  return out;
}

std::string TextLine(const Line& line) {
  std::string out;
  for (const Span& s : line) {
    switch (s.kind) {
      case Span::Kind::kText:
      case Span::Kind::kStrong: out += s.text; break;
      case Span::Kind::kMark: out += "*" + s.text + "*"; break;
      case Span::Kind::kBadge: out += "[" + s.text + "] "; break;
      case Span::Kind::kLink: {
        // An id link ("DOI 10.1/x", "OpenAlex W1", "00wk2mp56") shows its id; a named link its URL too.
        std::string id = s.text.substr(s.text.rfind(' ') + 1);
        out += s.href.find(id) != std::string::npos ? s.text : fmt::format("{} <{}>", s.text, s.href);
        break;
      }
    }
  }
  return out;
}

std::string MarkdownLine(const Line& line) {
  std::string out;
  for (const Span& s : line) {
    switch (s.kind) {
      case Span::Kind::kText: out += EscapeMarkdown(s.text); break;
      case Span::Kind::kMark:
      case Span::Kind::kStrong: out += "**" + EscapeMarkdown(s.text) + "**"; break;
      case Span::Kind::kBadge: out += "**[" + EscapeMarkdown(s.text) + "]** "; break;
      case Span::Kind::kLink: out += fmt::format("[{}]({})", EscapeMarkdown(s.text), EscapeUrl(s.href)); break;
    }
  }
  return out;
}

std::string HtmlLine(const Line& line) {
  std::string out;
  for (const Span& s : line) {
    switch (s.kind) {
      case Span::Kind::kText:
        out += s.css.empty() ? EscapeHtml(s.text)
                             : fmt::format("<span class=\"{}\">{}</span>", EscapeHtml(s.css), EscapeHtml(s.text));
        break;
      case Span::Kind::kMark: out += "<mark>" + EscapeHtml(s.text) + "</mark>"; break;
      case Span::Kind::kStrong: out += "<strong>" + EscapeHtml(s.text) + "</strong>"; break;
      case Span::Kind::kBadge:
        out += fmt::format("<span class=\"badge {}\">{}</span>", EscapeHtml(s.css), EscapeHtml(s.text));
        break;
      case Span::Kind::kLink:
        out += fmt::format("<a href=\"{}\"{}>{}</a>", EscapeHtml(EscapeUrl(s.href)),
                           s.css.empty() ? "" : " class=\"" + EscapeHtml(s.css) + "\"", EscapeHtml(s.text));
        break;
    }
  }
  return out;
}

const std::vector<Line>& SubItems(const Block& b, size_t item) {
  static const std::vector<Line> kNone;
  return item < b.subitems.size() ? b.subitems[item] : kNone;
}

std::string ClassAttr(const std::string& css) { return css.empty() ? "" : " class=\"" + EscapeHtml(css) + "\""; }

// Screen and print. Sizes: nothing under 12 px on screen (11 px is the legibility floor the browser
// test holds the page to); tables scroll sideways in their box on a narrow screen and wrap on paper.
constexpr const char* kCss =
    ":root{--ink:#1b1f24;--muted:#4f5963;--line:#c9d0d7;--link:#0b4fa8;--paper:#fff;--band:#f2f4f6}"
    "*{box-sizing:border-box}"
    "html{-webkit-text-size-adjust:100%}"
    "body{margin:0 auto;max-width:64rem;padding:1.5rem 1.25rem 3rem;color:var(--ink);background:var(--paper);"
    "font:16px/1.5 'Segoe UI',Roboto,'Noto Sans','Helvetica Neue',Arial,'DejaVu Sans','Noto Sans CJK SC',"
    "'Noto Sans CJK TC',sans-serif;overflow-wrap:break-word}"
    "h1{font-size:1.6rem;line-height:1.25;margin:.2rem 0 .5rem}"
    "h2{font-size:1.25rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid var(--ink)}"
    "h3{font-size:1.08rem;margin:1.4rem 0 .4rem}"
    "p{margin:.5rem 0}"
    "a{color:var(--link)}"
    ".meta,.detail{color:var(--muted);font-size:.875rem}"
    ".summary{background:var(--band);border-left:5px solid #8a1c1c;padding:.6rem .9rem;margin:1rem 0}"
    ".caveat{border:1px solid var(--line);padding:.6rem .9rem;background:var(--band)}"
    ".empty{font-style:italic;color:var(--muted)}"
    "dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.3rem 1.2rem;margin:.5rem 0}"
    "dl.facts dt{font-weight:600;color:var(--muted)}dl.facts dd{margin:0;min-width:0}"
    "ul,ol{padding-left:1.5rem}li{margin:.35rem 0}li>ul{margin:.3rem 0 .6rem}"
    "ul.ties>li{margin:.8rem 0}ol.papers>li{margin:.7rem 0}.papers>li>.item{font-weight:600}"
    ".badge{display:inline-block;font-size:.8rem;font-weight:700;line-height:1.4;padding:0 .45rem;"
    "border-radius:.3rem;color:#fff;margin-right:.4rem;vertical-align:.05em}"
    ".sev-designation{background:#5b1f8a}.sev-military_security{background:#9b1c1c}"
    ".sev-seven_sons{background:#b34400}.sev-defence_industry{background:#7a5a00}"
    ".sev-defence_linked{background:#2f5d7c}.sev-other{background:#59626b}"
    "mark{background:#ffe27a;color:inherit;padding:0 .1rem;border-radius:.15rem}"
    ".scroll{overflow-x:auto;max-width:100%}"
    "table{border-collapse:collapse;margin:.4rem 0}"
    "th,td{border:1px solid var(--line);padding:.3rem .55rem;text-align:left;vertical-align:top;font-size:.9rem}"
    "th{background:var(--band)}"
    "@media (max-width:640px){body{padding:1rem .75rem 2rem}h1{font-size:1.35rem}"
    "dl.facts{grid-template-columns:minmax(0,1fr);gap:0}dl.facts dd{margin-bottom:.45rem}"
    "ul,ol{padding-left:1.2rem}}"
    "@media print{"
    "@page{size:A4;margin:15mm 14mm}"
    "body{max-width:none;padding:0;font-size:10.5pt}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "a{color:var(--link);text-decoration:underline}"
    "a.print-url::after{content:' <' attr(href) '>';color:var(--muted);font-size:9pt;word-break:break-all}"
    "section.page{break-before:page}"
    "h1,h2,h3{break-after:avoid}li,tr,dl.facts,.summary,.caveat{break-inside:avoid}"
    ".scroll{overflow:visible}table{width:100%}th,td{overflow-wrap:anywhere}thead{display:table-header-group}"
    "}";

// 'sha256-<base64>' of `text`, for the page's Content-Security-Policy.
std::string CspHash(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  unsigned char encoded[4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1];
  int length = EVP_EncodeBlock(encoded, digest, SHA256_DIGEST_LENGTH);
  return "'sha256-" + std::string(reinterpret_cast<const char*>(encoded), static_cast<size_t>(length)) + "'";
}

}  // namespace

std::string PlainText(const Line& line) {
  std::string out;
  for (const Span& s : line) out += s.text;
  return out;
}

std::string WriteText(const Doc& doc) {
  std::string out;
  for (const Block& b : doc) {
    switch (b.type) {
      case Block::Type::kSectionBegin:
      case Block::Type::kSectionEnd: break;
      case Block::Type::kHeading: {
        std::string text = TextLine(b.text);
        out +=
            fmt::format("\n{}\n{}\n", text, std::string(text.size() > 72 ? 72 : text.size(), b.level == 1 ? '=' : '-'));
        break;
      }
      case Block::Type::kParagraph: out += TextLine(b.text) + "\n"; break;
      case Block::Type::kFacts:
        for (size_t i = 0; i < b.items.size() && i < b.columns.size(); ++i) {
          out += fmt::format("  {}: {}\n", b.columns[i], TextLine(b.items[i]));
        }
        break;
      case Block::Type::kList:
        for (size_t i = 0; i < b.items.size(); ++i) {
          out += (b.ordered ? fmt::format("  {}. ", i + 1) : "  - ") + TextLine(b.items[i]) + "\n";
          for (const Line& sub : SubItems(b, i)) out += "      - " + TextLine(sub) + "\n";
        }
        break;
      case Block::Type::kTable:
        for (const auto& row : b.rows) {
          std::string line;
          for (size_t c = 0; c < row.size(); ++c) {
            std::string cell = TextLine(row[c]);
            if (cell.empty()) continue;
            line +=
                (line.empty() ? "  " : "; ") + (c == 0 || c >= b.columns.size() ? cell : b.columns[c] + ": " + cell);
          }
          out += line + "\n";
        }
        break;
    }
  }
  return out;
}

std::string WriteMarkdown(const Doc& doc) {
  std::string out;
  for (const Block& b : doc) {
    switch (b.type) {
      case Block::Type::kSectionBegin:
      case Block::Type::kSectionEnd: break;
      case Block::Type::kHeading:
        out += fmt::format("\n{} {}\n\n", std::string(b.level, '#'), MarkdownLine(b.text));
        break;
      case Block::Type::kParagraph: out += MarkdownLine(b.text) + "\n\n"; break;
      case Block::Type::kFacts:
        for (size_t i = 0; i < b.items.size() && i < b.columns.size(); ++i) {
          out += fmt::format("- **{}:** {}\n", EscapeMarkdown(b.columns[i]), MarkdownLine(b.items[i]));
        }
        out += "\n";
        break;
      case Block::Type::kList:
        for (size_t i = 0; i < b.items.size(); ++i) {
          out += (b.ordered ? fmt::format("{}. ", i + 1) : "- ") + MarkdownLine(b.items[i]) + "\n";
          for (const Line& sub : SubItems(b, i))
            out += std::string(b.ordered ? 3 : 2, ' ') + "- " + MarkdownLine(sub) + "\n";
        }
        out += "\n";
        break;
      case Block::Type::kTable: {
        std::string head = "|", rule = "|";
        for (const std::string& c : b.columns) {
          head += " " + EscapeMarkdown(c) + " |";
          rule += "---|";
        }
        out += head + "\n" + rule + "\n";
        for (const auto& row : b.rows) {
          std::string line = "|";
          for (const Line& cell : row) line += " " + MarkdownLine(cell) + " |";
          out += line + "\n";
        }
        out += "\n";
        break;
      }
    }
  }
  return out;
}

std::string WriteHtml(const Doc& doc, const std::string& title) {
  const std::string css = kCss;
  // Only the stylesheet above may apply; no script runs and nothing is fetched (default-src 'none').
  std::string csp =
      fmt::format("default-src 'none'; style-src {}; img-src data:; base-uri 'none'; form-action 'none'", CspHash(css));
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"entangle screen\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n"
      "<main>\n",
      csp, EscapeHtml(title), css);
  for (const Block& b : doc) {
    switch (b.type) {
      case Block::Type::kSectionBegin: out += "<section" + ClassAttr(b.css) + ">\n"; break;
      case Block::Type::kSectionEnd: out += "</section>\n"; break;
      case Block::Type::kHeading:
        out += fmt::format("<h{0}{1}>{2}</h{0}>\n", b.level, ClassAttr(b.css), HtmlLine(b.text));
        break;
      case Block::Type::kParagraph: out += "<p" + ClassAttr(b.css) + ">" + HtmlLine(b.text) + "</p>\n"; break;
      case Block::Type::kFacts:
        out += "<dl class=\"facts\">\n";
        for (size_t i = 0; i < b.items.size() && i < b.columns.size(); ++i) {
          out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", EscapeHtml(b.columns[i]), HtmlLine(b.items[i]));
        }
        out += "</dl>\n";
        break;
      case Block::Type::kList: {
        const char* tag = b.ordered ? "ol" : "ul";
        out += fmt::format("<{}{}>\n", tag, ClassAttr(b.css));
        for (size_t i = 0; i < b.items.size(); ++i) {
          out += "<li><span class=\"item\">" + HtmlLine(b.items[i]) + "</span>";
          const std::vector<Line>& subs = SubItems(b, i);
          if (!subs.empty()) {
            out += "\n<ul>\n";
            for (const Line& sub : subs) out += "<li>" + HtmlLine(sub) + "</li>\n";
            out += "</ul>\n";
          }
          out += "</li>\n";
        }
        out += fmt::format("</{}>\n", tag);
        break;
      }
      case Block::Type::kTable:
        out += "<div class=\"scroll\"><table" + ClassAttr(b.css) + ">\n<thead><tr>";
        for (const std::string& c : b.columns) out += "<th scope=\"col\">" + EscapeHtml(c) + "</th>";
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& row : b.rows) {
          out += "<tr>";
          for (const Line& cell : row) out += "<td>" + HtmlLine(cell) + "</td>";
          out += "</tr>\n";
        }
        out += "</tbody></table></div>\n";
        break;
    }
  }
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace entangle::screen
