#pragma once
// Internal: a screening answer as a small document (headings, paragraphs, lists, tables), so
// that text, Markdown and HTML are three writers of one layout (render_layout.cc).
#include <string>
#include <vector>

namespace entangle::screen {

struct Block {
  enum class Type { kHeading, kParagraph, kList, kTable } type = Type::kParagraph;
  int level = 1;                                 // headings
  std::string text;                              // headings, paragraphs
  std::vector<std::string> items;                // lists; table columns
  std::vector<std::vector<std::string>> rows;    // tables
  std::vector<std::vector<std::string>> subitems;  // lists: items under each item (may be shorter than items)
};
using Doc = std::vector<Block>;

std::string WriteText(const Doc& doc);
std::string WriteMarkdown(const Doc& doc);
std::string WriteHtml(const Doc& doc, const std::string& title);

}  // namespace entangle::screen
