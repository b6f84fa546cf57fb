#pragma once
// Internal: the parts of a screening answer about labs and researchers on both sides
// (render_links.cc), laid out as blocks of the same document as the rest (render_doc.h), and their
// JSON form.
#include <nlohmann/json.hpp>

#include "screen/render_doc.h"
#include "screen/screen.h"

namespace entangle::screen {

// "2021 · DOI 10.1109/... · OpenAlex W3170841864" (render_layout.cc).
Line PaperLinks(const Paper& p);

// The dossier's "Labs on its joint papers" and "Researchers on both sides" sections.
void AddPartnerLinkSections(Doc& doc, const Report& r);
// A home's "Labs and researchers on both sides, per partner" section.
void AddHomeLinkSection(Doc& doc, const Report& r);
// One line under a tied partner of a home list: its labs and shared researchers ("" when none).
Line HomePartnerLinksLine(const Report& r, const Institution& partner);

// The same content for --format json: "labs", "researchers" (partner) and "links" (home).
void AddLinksJson(const Report& r, nlohmann::ordered_json& j);

}  // namespace entangle::screen
