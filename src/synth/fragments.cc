#include "synth/fragments.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>

#include "synth/tables.h"

namespace entangle::synth {
namespace {

// Lineage ids (self and ancestors) as URLs; self first, or sorted (Walden).
void WriteLineage(JsonWriter& w, const InstitutionDef& d, bool sorted) {
  std::vector<std::string_view> ids;
  ids.emplace_back(d.id);
  std::string_view parents(d.parents);
  while (!parents.empty()) {
    size_t sp = parents.find(' ');
    ids.push_back(parents.substr(0, sp));
    parents = sp == std::string_view::npos ? std::string_view() : parents.substr(sp + 1);
  }
  if (sorted) std::sort(ids.begin(), ids.end());
  w.BeginArray();
  for (auto id : ids) {
    w.OpenString();
    w.out() += "https://openalex.org/";
    w.out() += id;
    w.CloseString();
  }
  w.EndArray();
}

void WriteUrl(JsonWriter& w, const char* prefix, const char* id) {
  w.OpenString();
  w.out() += prefix;
  w.out() += id;
  w.CloseString();
}

void WriteCountry(JsonWriter& w, const InstitutionDef& d, bool lower) {
  if (d.country[0] == '\0') {
    w.Null();
    return;
  }
  w.OpenString();
  for (const char* c = d.country; *c; ++c) {
    w.out() += lower ? static_cast<char>(std::tolower(static_cast<unsigned char>(*c))) : *c;
  }
  w.CloseString();
}

void WriteRor(JsonWriter& w, const InstitutionDef& d, bool doubled) {
  if (d.ror[0] == '\0') {
    w.Null();
    return;
  }
  w.OpenString();
  w.out() += doubled ? "https://ror.org/https://ror.org/" : "https://ror.org/";
  w.out() += d.ror;
  w.CloseString();
}

void WriteTopicTail(JsonWriter& w, const TopicDef& t) {
  w.Key("subfield");
  w.BeginObject();
  w.Key("id");
  WriteUrl(w, "https://openalex.org/subfields/", t.subfield_id);
  w.Key("display_name");
  w.String(t.subfield_name);
  w.EndObject();
  w.Key("field");
  w.BeginObject();
  w.Key("id");
  WriteUrl(w, "https://openalex.org/fields/", t.field_id);
  w.Key("display_name");
  w.String(t.field_name);
  w.EndObject();
  w.Key("domain");
  w.BeginObject();
  w.Key("id");
  WriteUrl(w, "https://openalex.org/domains/", t.domain_id);
  w.Key("display_name");
  w.String(t.domain_name);
  w.EndObject();
  w.EndObject();
}

// Splits a rendered object "...{...<score>...}" at the score: renders with a marker, cuts around it.
void Split(const std::string& rendered, std::string& prefix, std::string& suffix) {
  static constexpr std::string_view kMarker = "@SCORE@";
  size_t at = rendered.find(kMarker);
  prefix = rendered.substr(0, at);
  suffix = rendered.substr(at + kMarker.size());
}

}  // namespace

void WriteInstitutionRef(JsonWriter& w, uint16_t institution, Style style, const InstitutionVariant& v) {
  const InstitutionDef& d = Institutions()[institution];
  const char* type = v.type_as_funder ? "funder" : d.type;
  w.BeginObject();
  if (style == Style::kWalden2025) {
    w.Key("country_code");
    WriteCountry(w, d, v.lower_case_country);
    w.Key("display_name");
    w.String(d.name);
    w.Key("id");
    WriteUrl(w, "https://openalex.org/", d.id);
    w.Key("lineage");
    WriteLineage(w, d, true);
    w.Key("ror");
    WriteRor(w, d, v.doubled_ror);
    w.Key("type");
    w.String(type);
    w.Key("type_list");
    w.BeginArray();
    w.String(type);
    w.EndArray();
  } else {
    w.Key("id");
    WriteUrl(w, "https://openalex.org/", d.id);
    w.Key("display_name");
    w.String(d.name);
    w.Key("ror");
    WriteRor(w, d, false);
    w.Key("country_code");
    WriteCountry(w, d, v.lower_case_country);
    w.Key("type");
    w.String(type);
    if (v.lineage) {
      w.Key("lineage");
      WriteLineage(w, d, false);
    }
  }
  w.EndObject();
}

const Fragments& Fragments::Get() {
  static const Fragments kFragments;
  return kFragments;
}

const std::string& Fragments::Institution(uint16_t institution, Style style, bool with_lineage) const {
  switch (style) {
    case Style::kSnapshot2023: return institution_[with_lineage ? 0 : 1][institution];
    case Style::kApi2025: return institution_[2][institution];
    case Style::kWalden2025: return institution_[3][institution];
  }
  return institution_[2][institution];
}

Fragments::Fragments() {
  std::string buf;
  auto render = [&buf](bool compact, auto&& fn) {
    buf.clear();
    JsonWriter w(buf, compact);
    fn(w);
    return buf;
  };
  const auto& institutions = Institutions();
  for (size_t i = 0; i < institutions.size(); ++i) {
    const auto idx = static_cast<uint16_t>(i);
    institution_[0].push_back(render(false, [&](JsonWriter& w) {
      WriteInstitutionRef(w, idx, Style::kSnapshot2023, {true, false, false, false});
    }));
    institution_[1].push_back(render(false, [&](JsonWriter& w) {
      WriteInstitutionRef(w, idx, Style::kSnapshot2023, {false, false, false, false});
    }));
    institution_[2].push_back(
        render(false, [&](JsonWriter& w) { WriteInstitutionRef(w, idx, Style::kApi2025, {}); }));
    institution_[3].push_back(
        render(true, [&](JsonWriter& w) { WriteInstitutionRef(w, idx, Style::kWalden2025, {}); }));
  }
  for (const auto& t : Topics()) {
    for (int compact = 0; compact < 2; ++compact) {
      std::string s = render(compact != 0, [&](JsonWriter& w) {
        w.BeginObject();
        w.Key("id");
        WriteUrl(w, "https://openalex.org/", t.id);
        w.Key("display_name");
        w.String(t.name);
        w.Key("score");
        w.Raw("@SCORE@");
        WriteTopicTail(w, t);
      });
      Split(s, topic_prefix_[compact].emplace_back(), topic_suffix_[compact].emplace_back());
    }
  }
  for (const auto& c : Concepts()) {
    for (int style = 0; style < 3; ++style) {
      std::string s = render(style == 2, [&](JsonWriter& w) {
        w.BeginObject();
        if (style == 0) {  // 2023 records list the score first
          w.Key("score");
          w.Raw("@SCORE@");
          w.Key("level");
          w.Int(c.level);
        }
        w.Key("id");
        WriteUrl(w, "https://openalex.org/", c.id);
        w.Key("wikidata");
        WriteUrl(w, "https://www.wikidata.org/wiki/", c.wikidata);
        w.Key("display_name");
        w.String(c.name);
        if (style != 0) {
          w.Key("level");
          w.Int(c.level);
          w.Key("score");
          w.Raw("@SCORE@");
        }
        w.EndObject();
      });
      Split(s, concept_prefix_[style].emplace_back(), concept_suffix_[style].emplace_back());
    }
  }
  for (const auto& s : Sources()) {
    for (int compact = 0; compact < 2; ++compact) {
      source_[compact].push_back(render(compact != 0, [&](JsonWriter& w) {
        w.BeginObject();
        w.Key("id");
        WriteUrl(w, "https://openalex.org/", s.id);
        w.Key("display_name");
        w.String(s.name);
        w.Key("issn_l");
        if (s.issn_l[0] != '\0') w.String(s.issn_l); else w.Null();
        w.Key("issn");
        if (s.issn_l[0] != '\0') {
          w.BeginArray();
          w.String(s.issn_l);
          w.EndArray();
        } else {
          w.Null();
        }
        w.Key("is_oa");
        w.Bool(std::strcmp(s.type, "repository") == 0);
        w.Key("is_in_doaj");
        w.Bool(false);
        w.Key("is_core");
        w.Bool(s.issn_l[0] != '\0');
        w.Key("host_organization");
        if (s.publisher_id[0] != '\0') WriteUrl(w, "https://openalex.org/", s.publisher_id); else w.Null();
        w.Key("host_organization_name");
        if (s.publisher_id[0] != '\0') w.String(s.publisher_name); else w.Null();
        w.Key("host_organization_lineage");
        w.BeginArray();
        if (s.publisher_id[0] != '\0') WriteUrl(w, "https://openalex.org/", s.publisher_id);
        w.EndArray();
        w.Key("type");
        w.String(s.type);
        w.EndObject();
      }));
    }
  }
  for (const char* k : Words().keywords) {
    std::string slug;
    for (const char* c = k; *c; ++c) {
      unsigned char ch = static_cast<unsigned char>(*c);
      if (std::isalnum(ch)) slug += static_cast<char>(std::tolower(ch));
      else if (*c == ' ' && !slug.empty() && slug.back() != '-') slug += '-';
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    keyword_slugs_.push_back(slug);
  }
}

}  // namespace entangle::synth
