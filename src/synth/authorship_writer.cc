#include "synth/authorship_writer.h"

#include <cstdio>
#include <cstring>

#include "synth/fragments.h"
#include "synth/tables.h"

namespace entangle::synth {
namespace {

const char* Position(size_t i, size_t n) {
  if (i == 0) return "first";
  return i + 1 == n ? "last" : "middle";
}

// Bytes of the first UTF-8 character of `s` (a name initial must not split a multi-byte character).
size_t FirstCharBytes(const char* s) {
  size_t n = 1;
  while (s[n] != '\0' && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
  return n;
}

void AppendName(std::string& out, const PlannedAuthor& a) {
  const NameRegion& r = NameRegions()[a.name_region];
  out += r.given[a.given];
  out += ' ';
  out += r.family[a.family];
}

void AppendRawName(std::string& out, const PlannedAuthor& a, int variant) {
  const NameRegion& r = NameRegions()[a.name_region];
  const char* given = r.given[a.given];
  const char* family = r.family[a.family];
  if (variant == 1) {
    out += family;
    out += ", ";
    out += given;
  } else if (variant == 2) {
    out.append(given, FirstCharBytes(given));
    out += ". ";
    out += family;
  } else {
    AppendName(out, a);
  }
}

const char* CountryName(const char* code) {
  const CountryDef* c = FindCountry(code[0] ? code : "CN");
  return c ? c->name : "China";
}

// "School of Computer Science, Tsinghua University, China".
void AppendRawAffiliation(std::string& out, const PlannedAuthor& a, int k, uint32_t dept_seed) {
  if (a.raw_affiliation != nullptr) {
    out += a.raw_affiliation;
    return;
  }
  const auto& depts = Words().departments;
  out += depts[(dept_seed + static_cast<uint32_t>(k) * 7) % depts.size()];
  if (k < a.affiliation_count) {
    const InstitutionDef& d = Institutions()[a.affiliations[k].institution];
    out += ", ";
    out += d.name;
    out += ", ";
    out += CountryName(d.country);
  } else if (a.country_count > 0 && std::strlen(a.countries[0]) == 2) {
    out += ", ";
    char upper[3] = {static_cast<char>(a.countries[0][0] & ~0x20), static_cast<char>(a.countries[0][1] & ~0x20), 0};
    const CountryDef* c = FindCountry(upper);
    out += c ? c->name : "";
  }
}

int RawAffiliationCount(const PlannedAuthor& a) {
  if (a.raw_affiliation != nullptr) return 1;
  if (a.affiliation_count > 0) return a.affiliation_count;
  return a.country_count > 0 ? 1 : 0;  // unresolved, but the string named a country
}

void WriteAuthor(JsonWriter& w, const PlannedAuthor& a, Style style, bool orcid_key) {
  w.BeginObject();
  auto id = [&] {
    w.Key("id");
    if (a.author_id == 0) {
      w.Null();
      return;
    }
    w.OpenString();
    AppendAuthorUrl(w.out(), a.author_id);
    w.CloseString();
  };
  auto name = [&] {
    w.Key("display_name");
    w.OpenString();
    AppendName(w.out(), a);
    w.CloseString();
  };
  auto orcid = [&] {
    if (!orcid_key) return;
    w.Key("orcid");
    if (!a.orcid) {
      w.Null();
      return;
    }
    w.OpenString();
    w.out() += "https://orcid.org/0000-000";
    uint64_t x = a.author_id * 2654435761ULL;
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%01u-%04u-%04u", static_cast<unsigned>(1 + x % 3), static_cast<unsigned>((x / 10) % 10000),
                  static_cast<unsigned>((x / 100000) % 10000));
    w.out() += buf;
    w.CloseString();
  };
  if (style == Style::kWalden2025) {
    name();
    id();
    orcid();
  } else {
    id();
    name();
    orcid();
  }
  w.EndObject();
}

void WriteInstitutions(JsonWriter& w, const PlannedAuthor& a, Style style, bool lineage, Rng& rng) {
  const Fragments& f = Fragments::Get();
  w.BeginArray();
  for (int k = 0; k < a.affiliation_count; ++k) {
    const PlannedAffiliation& af = a.affiliations[k];
    const bool doubled = style == Style::kWalden2025 && rng.Chance(0.05);
    if (!af.lower_case_country && !af.type_as_funder && !doubled) {
      w.Raw(f.Institution(af.institution, style, lineage));
    } else {
      WriteInstitutionRef(w, af.institution, style, {lineage, af.lower_case_country, af.type_as_funder, doubled});
    }
  }
  w.EndArray();
}

void WriteCountries(JsonWriter& w, const PlannedAuthor& a) {
  w.BeginArray();
  for (int i = 0; i < a.country_count; ++i) w.String(a.countries[i]);
  w.EndArray();
}

void WriteRawStrings(JsonWriter& w, const PlannedAuthor& a, uint32_t dept_seed) {
  w.BeginArray();
  for (int k = 0; k < RawAffiliationCount(a); ++k) {
    w.OpenString();
    AppendRawAffiliation(w.out(), a, k, dept_seed);
    w.CloseString();
  }
  w.EndArray();
}

void WriteAffiliations(JsonWriter& w, const PlannedAuthor& a, uint32_t dept_seed) {
  const auto& institutions = Institutions();
  w.BeginArray();
  for (int k = 0; k < RawAffiliationCount(a); ++k) {
    w.BeginObject();
    w.Key("raw_affiliation_string");
    w.OpenString();
    AppendRawAffiliation(w.out(), a, k, dept_seed);
    w.CloseString();
    w.Key("institution_ids");
    w.BeginArray();
    if (k < a.affiliation_count) {
      w.OpenString();
      AppendOpenAlexUrl(w.out(), institutions[a.affiliations[k].institution].id);
      w.CloseString();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

void AppendAuthorUrl(std::string& out, uint64_t author_id) {
  out += "https://openalex.org/A";
  JsonWriter::AppendInt(out, static_cast<int64_t>(author_id));
}

void WriteAuthorships(JsonWriter& w, const WorkPlan& plan, Rng& rng, bool lineage) {
  const size_t n = plan.authors.size();
  w.BeginArray();
  for (size_t i = 0; i < n; ++i) {
    const PlannedAuthor& a = plan.authors[i];
    const uint32_t dept_seed = static_cast<uint32_t>(rng.Next());
    const int raw_variant = rng.Chance(0.8) ? 0 : static_cast<int>(rng.Range(1, 2));
    w.BeginObject();
    switch (plan.style) {
      case Style::kSnapshot2023:
        w.Key("author_position");
        w.String(Position(i, n));
        w.Key("author");
        WriteAuthor(w, a, plan.style, true);
        w.Key("institutions");
        WriteInstitutions(w, a, plan.style, lineage, rng);
        if (a.countries_key) {
          w.Key("countries");
          WriteCountries(w, a);
        }
        w.Key("is_corresponding");
        w.Bool(a.corresponding);
        w.Key("raw_author_name");
        w.OpenString();
        AppendRawName(w.out(), a, raw_variant);
        w.CloseString();
        w.Key("raw_affiliation_string");
        w.OpenString();
        for (int k = 0; k < RawAffiliationCount(a); ++k) {
          if (k > 0) w.out() += "; ";
          AppendRawAffiliation(w.out(), a, k, dept_seed);
        }
        w.CloseString();
        w.Key("raw_affiliation_strings");
        WriteRawStrings(w, a, dept_seed);
        break;
      case Style::kApi2025:
        w.Key("author_position");
        w.String(Position(i, n));
        w.Key("author");
        WriteAuthor(w, a, plan.style, true);
        w.Key("institutions");
        WriteInstitutions(w, a, plan.style, true, rng);
        w.Key("countries");
        WriteCountries(w, a);
        w.Key("is_corresponding");
        w.Bool(a.corresponding);
        w.Key("raw_author_name");
        w.OpenString();
        AppendRawName(w.out(), a, raw_variant);
        w.CloseString();
        w.Key("raw_affiliation_strings");
        WriteRawStrings(w, a, dept_seed);
        w.Key("affiliations");
        WriteAffiliations(w, a, dept_seed);
        break;
      case Style::kWalden2025:
        w.Key("affiliations");
        WriteAffiliations(w, a, dept_seed);
        w.Key("author");
        WriteAuthor(w, a, plan.style, a.orcid);
        w.Key("author_position");
        w.String(Position(i, n));
        w.Key("countries");
        WriteCountries(w, a);
        w.Key("raw_author_name");
        w.OpenString();
        AppendRawName(w.out(), a, raw_variant);
        w.CloseString();
        w.Key("is_corresponding");
        w.Bool(a.corresponding);
        w.Key("raw_affiliation_strings");
        WriteRawStrings(w, a, dept_seed);
        w.Key("institutions");
        WriteInstitutions(w, a, plan.style, true, rng);
        break;
    }
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace entangle::synth
