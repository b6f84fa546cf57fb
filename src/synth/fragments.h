#pragma once
// Pre-rendered JSON fragments for the parts of a record that repeat across works (an institution inside an
// authorship, a topic, a concept, a source), per record style, so writing a record is mostly appending
// strings. Rare variants (a lower-case country code, "funder" as type, a doubled ROR prefix) are rendered
// on the spot by the same functions.
#include <cstdint>
#include <string>
#include <vector>

#include "synth/json_writer.h"
#include "synth/work_plan.h"

namespace entangle::synth {

struct InstitutionVariant {
  bool lineage = true;
  bool lower_case_country = false;
  bool type_as_funder = false;
  bool doubled_ror = false;  // "https://ror.org/https://ror.org/..." as in some Walden records
};

// Writes the institution object of an authorship in `style`'s key order.
void WriteInstitutionRef(JsonWriter& w, uint16_t institution, Style style, const InstitutionVariant& v);

class Fragments {
 public:
  static const Fragments& Get();
  // The common variant (lineage per `with_lineage`, nothing odd) of an institution object.
  const std::string& Institution(uint16_t institution, Style style, bool with_lineage) const;
  // A topic object = prefix + score + suffix; a concept object likewise.
  const std::string& TopicPrefix(uint16_t topic, bool compact) const { return topic_prefix_[compact][topic]; }
  const std::string& TopicSuffix(uint16_t topic, bool compact) const { return topic_suffix_[compact][topic]; }
  const std::string& ConceptPrefix(uint16_t index, Style style) const { return concept_prefix_[Index(style)][index]; }
  const std::string& ConceptSuffix(uint16_t index, Style style) const { return concept_suffix_[Index(style)][index]; }
  const std::string& Source(uint16_t source, bool compact) const { return source_[compact][source]; }
  const std::string& KeywordSlug(size_t keyword) const { return keyword_slugs_[keyword]; }

 private:
  Fragments();
  static int Index(Style s) { return static_cast<int>(s); }
  std::vector<std::string> institution_[4];  // 2023 with lineage, 2023 without, API 2025, Walden
  std::vector<std::string> topic_prefix_[2], topic_suffix_[2];
  std::vector<std::string> concept_prefix_[3], concept_suffix_[3];
  std::vector<std::string> source_[2];
  std::vector<std::string> keyword_slugs_;
};

// "https://openalex.org/" + id.
inline void AppendOpenAlexUrl(std::string& out, const char* id) {
  out += "https://openalex.org/";
  out += id;
}

}  // namespace entangle::synth
