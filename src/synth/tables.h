#pragma once
// Compiled-in name tables of the synthetic corpus: institutions, funders, topics, concepts, sources,
// author names, text vocabulary and the dual-use application terms planted in titles and abstracts.
// Every string is plain JSON-safe text (no quote, backslash or control character; a test checks), so
// the record writer can append it without escaping.
#include <cstdint>
#include <string_view>
#include <vector>

namespace entangle::synth {

struct InstitutionDef {
  const char* id;            // "I62916508"
  const char* ror;           // "02kkvpp62" or ""
  const char* name;
  const char* country;       // "DE", or "" where OpenAlex has no country
  const char* type;          // education, company, facility, government, nonprofit, healthcare, other
  const char* parents;       // space-separated lineage ancestors (not self), "" for none
  const char* acronym;
  const char* zh;            // Chinese name ("" if none)
  const char* alternatives;  // ';'-separated
  const char* aspi_category; // ASPI China Defence Universities Tracker category, "" if not listed
  const char* aspi_name;     // the tracker's English name, "" if not listed
  double weight;             // relative pick weight among its country's institutions
  bool real_id;              // id seen in real OpenAlex data (else made up: I91...)
};
const std::vector<InstitutionDef>& Institutions();

// Rows of data/registry/entangle-curated.csv and the institutions above each one denotes, written by hand
// (curated_table.cc) rather than computed with the product's matcher, which the tests check against it.
struct CuratedEntryDef {
  const char* registry_key;     // "entangle:xidian-university"
  const char* category;         // the row's category: seven_sons, pla, mps, mss, defence_industry, ...
  const char* institution_ids;  // space-separated Institutions() ids it names itself, "" for none
};
const std::vector<CuratedEntryDef>& CuratedEntries();

struct FunderDef {
  const char* id;       // "F4320321001"
  const char* ror;      // "" if unknown
  const char* name;
  const char* country;
  const char* alternatives;  // ';'-separated
  const char* award_pattern; // award id shape: '#' digit, '@' upper letter, 'Y' year; "" = no award ids
  bool chinese_government;   // a Chinese state programme (the study's "China-funded")
  bool real_id;
};
const std::vector<FunderDef>& Funders();

struct TopicDef {
  const char* id;  // "T10036"
  const char* name;
  const char* subfield_id;
  const char* subfield_name;
  const char* field_id;
  const char* field_name;
  const char* domain_id;
  const char* domain_name;
};
const std::vector<TopicDef>& Topics();

struct ConceptDef {
  const char* id;  // "C154945302"
  const char* name;
  int level;
  const char* wikidata;  // "Q11660"
};
const std::vector<ConceptDef>& Concepts();
// The concepts of the default AI field definition (their indexes in Concepts() are 0..4).
inline constexpr int kAiConceptCount = 5;

struct SourceDef {
  const char* id;  // "S2485537415"
  const char* name;
  const char* issn_l;     // "" if none
  const char* type;       // journal, conference, repository, book series
  const char* publisher_id;    // "P4310319808" or ""
  const char* publisher_name;
  bool ai;  // an AI / computer-science venue
};
const std::vector<SourceDef>& Sources();

struct CountryDef {
  const char* code;
  const char* name;
  int name_region;  // index into the author-name regions
};
const std::vector<CountryDef>& Countries();
const CountryDef* FindCountry(std::string_view code);

// Author names by region: given names and family names.
struct NameRegion {
  std::vector<const char*> given;
  std::vector<const char*> family;
};
const std::vector<NameRegion>& NameRegions();

// Text vocabulary for titles and abstracts: every phrase is free of dual-use terms.
struct Vocabulary {
  std::vector<const char*> ai_methods;     // "graph neural network"
  std::vector<const char*> ai_tasks;       // "image classification"
  std::vector<const char*> other_methods;  // "finite element analysis"
  std::vector<const char*> other_tasks;    // "soil moisture estimation"
  std::vector<const char*> datasets;       // "ImageNet"
  std::vector<const char*> adjectives;     // "robust"
  std::vector<const char*> sentences;      // templates: {M} method, {T} task, {D} dataset, {A} adjective, {N} number
  std::vector<const char*> title_templates;
  std::vector<const char*> departments;    // "School of Computer Science"
  std::vector<const char*> keywords;       // keyword display names
};
const Vocabulary& Words();

// Dual-use application families (keys of dual-use-ai-keywords.json "categories") and the terms planted
// for each. No planted term contains a term of another family as a whole phrase (a test checks).
struct DualUseFamily {
  const char* key;  // "remote_sensing_sar_space"
  std::vector<const char*> planted_terms;
};
const std::vector<DualUseFamily>& DualUseFamilies();

}  // namespace entangle::synth
