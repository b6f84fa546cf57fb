// Text, Markdown and HTML writers of a screening document.
#include <fmt/format.h>

#include "screen/render_doc.h"

namespace entangle::screen {
namespace {

std::string Escape(const std::string& s, bool markdown) {
  std::string out;
  for (char c : s) {
    if (markdown) {
      if (c == '|') out += "\\|";
      else if (c == '\n') out += ' ';
      else out += c;
    } else if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

const std::vector<std::string>& SubItems(const Block& b, size_t item) {
  static const std::vector<std::string> kNone;
  return item < b.subitems.size() ? b.subitems[item] : kNone;
}

}  // namespace

std::string WriteText(const Doc& doc) {
  std::string out;
  for (const Block& b : doc) {
    switch (b.type) {
      case Block::Type::kHeading:
        out += fmt::format("\n{}\n{}\n", b.text, std::string(b.text.size() > 72 ? 72 : b.text.size(), b.level == 1 ? '=' : '-'));
        break;
      case Block::Type::kParagraph: out += b.text + "\n"; break;
      case Block::Type::kList:
        for (size_t i = 0; i < b.items.size(); ++i) {
          out += "  - " + b.items[i] + "\n";
          for (const std::string& sub : SubItems(b, i)) out += "      - " + sub + "\n";
        }
        break;
      case Block::Type::kTable:
        for (const auto& row : b.rows) {
          std::string line;
          for (size_t c = 0; c < row.size(); ++c) {
            if (row[c].empty()) continue;
            line += (line.empty() ? "  " : "; ") + (c == 0 ? row[c] : b.items[c] + ": " + row[c]);
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
      case Block::Type::kHeading: out += fmt::format("\n{} {}\n\n", std::string(b.level, '#'), b.text); break;
      case Block::Type::kParagraph: out += b.text + "\n\n"; break;
      case Block::Type::kList:
        for (size_t i = 0; i < b.items.size(); ++i) {
          out += "- " + Escape(b.items[i], true) + "\n";
          for (const std::string& sub : SubItems(b, i)) out += "  - " + Escape(sub, true) + "\n";
        }
        out += "\n";
        break;
      case Block::Type::kTable: {
        std::string head = "|", rule = "|";
        for (const std::string& c : b.items) {
          head += " " + c + " |";
          rule += "---|";
        }
        out += head + "\n" + rule + "\n";
        for (const auto& row : b.rows) {
          std::string line = "|";
          for (const std::string& cell : row) line += " " + Escape(cell, true) + " |";
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
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>"
      "<style>body{{font-family:sans-serif;max-width:70em;margin:2em auto}}table{{border-collapse:collapse}}"
      "td,th{{border:1px solid #ccc;padding:.2em .4em;vertical-align:top;font-size:90%}}</style></head><body>\n",
      Escape(title, false));
  for (const Block& b : doc) {
    switch (b.type) {
      case Block::Type::kHeading: out += fmt::format("<h{0}>{1}</h{0}>\n", b.level, Escape(b.text, false)); break;
      case Block::Type::kParagraph: out += "<p>" + Escape(b.text, false) + "</p>\n"; break;
      case Block::Type::kList:
        out += "<ul>\n";
        for (size_t i = 0; i < b.items.size(); ++i) {
          out += "<li>" + Escape(b.items[i], false);
          const std::vector<std::string>& subs = SubItems(b, i);
          if (!subs.empty()) {
            out += "\n<ul>\n";
            for (const std::string& sub : subs) out += "<li>" + Escape(sub, false) + "</li>\n";
            out += "</ul>\n";
          }
          out += "</li>\n";
        }
        out += "</ul>\n";
        break;
      case Block::Type::kTable:
        out += "<table><tr>";
        for (const std::string& c : b.items) out += "<th>" + Escape(c, false) + "</th>";
        out += "</tr>\n";
        for (const auto& row : b.rows) {
          out += "<tr>";
          for (const std::string& cell : row) out += "<td>" + Escape(cell, false) + "</td>";
          out += "</tr>\n";
        }
        out += "</table>\n";
        break;
    }
  }
  return out + "</body></html>\n";
}

}  // namespace entangle::screen
