#pragma once
// Internal: a screening answer as a small document (sections, headings, paragraphs, lists, tables,
// facts), so that text, Markdown and HTML are three writers of one layout (render_layout.cc). Text
// comes as spans (plain text, links, marked terms, severity badges) and every writer escapes it:
// names and titles come from data.
#include <string>
#include <vector>

namespace entangle::screen {

struct Span {
  enum class Kind { kText, kLink, kMark, kStrong, kBadge } kind = Kind::kText;
  std::string text;
  std::string href;  // links
  std::string css;   // HTML class: a badge's severity ("sev-seven_sons"), "print-url" for a link whose URL is printed
};
using Line = std::vector<Span>;

inline Span Text(std::string text) { return {Span::Kind::kText, std::move(text), "", ""}; }
inline Span Link(std::string text, std::string href, std::string css = "") {
  return {Span::Kind::kLink, std::move(text), std::move(href), std::move(css)};
}
inline Span Mark(std::string text) { return {Span::Kind::kMark, std::move(text), "", ""}; }
inline Span Strong(std::string text) { return {Span::Kind::kStrong, std::move(text), "", ""}; }
inline Span Badge(std::string text, std::string css) {
  return {Span::Kind::kBadge, std::move(text), "", std::move(css)};
}
inline Line Plain(std::string text) { return {Text(std::move(text))}; }
std::string PlainText(const Line& line);  // the spans' text, without markup

struct Block {
  enum class Type { kHeading, kParagraph, kList, kTable, kFacts, kSectionBegin, kSectionEnd } type = Type::kParagraph;
  int level = 1;                            // headings
  Line text;                                // headings, paragraphs
  std::string css;                          // HTML class of a section, paragraph, list or table
  bool ordered = false;                     // lists: numbered
  std::vector<Line> items;                  // lists; facts: the values
  std::vector<std::vector<Line>> subitems;  // lists: lines under each item (may be shorter than items)
  std::vector<std::string> columns;         // tables: column titles; facts: the labels
  std::vector<std::vector<Line>> rows;      // tables
};
using Doc = std::vector<Block>;

// Builders of the blocks the layouts use most.
inline Block Heading(std::string text, int level = 2) {
  Block b{Block::Type::kHeading};
  b.level = level;
  b.text = Plain(std::move(text));
  return b;
}
inline Block Para(Line text, std::string css = "") {
  Block b{Block::Type::kParagraph};
  b.text = std::move(text);
  b.css = std::move(css);
  return b;
}
inline Block Para(std::string text, std::string css = "") { return Para(Plain(std::move(text)), std::move(css)); }
inline Block Section(std::string css) {
  Block b{Block::Type::kSectionBegin};
  b.css = std::move(css);
  return b;
}
inline Block EndSection() { return Block{Block::Type::kSectionEnd}; }
inline Block List(std::vector<Line> items, std::string css = "", bool ordered = false) {
  Block b{Block::Type::kList};
  b.items = std::move(items);
  b.css = std::move(css);
  b.ordered = ordered;
  return b;
}

std::string WriteText(const Doc& doc);
std::string WriteMarkdown(const Doc& doc);
// A page that loads nothing: inline CSS (screen and print) under a Content-Security-Policy that
// allows only that stylesheet (by its hash), no scripts, no fetches.
std::string WriteHtml(const Doc& doc, const std::string& title);

}  // namespace entangle::screen
