#include "extract/record_parser.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "extract/openalex_ids.h"
#include "extract/record_values.h"

namespace entangle::extract {
namespace {

namespace dom = simdjson::dom;

std::string Str(dom::element e) {
  std::string_view s;
  if (e.get_string().get(s)) return "";
  return std::string(s);
}
std::string Str(dom::object o, std::string_view key) {
  dom::element e;
  if (o.at_key(key).get(e)) return "";
  return Str(e);
}
double Num(dom::object o, std::string_view key, double fallback = 0) {
  double d;
  if (o.at_key(key).get_double().get(d)) return fallback;
  return d;
}
int64_t Int(dom::object o, std::string_view key, int64_t fallback = 0) {
  int64_t v;
  if (o.at_key(key).get_int64().get(v)) return fallback;
  return v;
}
bool Bool(dom::object o, std::string_view key) {
  bool b;
  if (o.at_key(key).get_bool().get(b)) return false;
  return b;
}
// Absent, null or non-array values read as "no array".
std::optional<dom::array> Arr(dom::object o, std::string_view key) {
  dom::array a;
  if (o.at_key(key).get_array().get(a)) return std::nullopt;
  return a;
}
bool Obj(dom::object o, std::string_view key, dom::object& out) { return !o.at_key(key).get_object().get(out); }
template <typename F>
void ForEachObject(std::optional<dom::array> a, F&& f) {
  if (!a) return;
  for (dom::element e : *a) {
    dom::object o;
    if (!e.get_object().get(o)) f(o);
  }
}
template <typename F>
void ForEachString(std::optional<dom::array> a, F&& f) {
  if (!a) return;
  for (dom::element e : *a) {
    std::string_view s;
    if (!e.get_string().get(s)) f(s);
  }
}

InstitutionRef ReadInstitutionRef(dom::object o) {
  InstitutionRef ref;
  ref.id = ShortId(Str(o, "id"));
  ref.ror = NormalizeRor(Str(o, "ror"));
  ref.display_name = Str(o, "display_name");
  ref.country_code = UpperCountry(Str(o, "country_code"));
  ref.type = Str(o, "type");
  ForEachString(Arr(o, "lineage"), [&](std::string_view s) { ref.lineage.push_back(ShortId(s)); });
  return ref;
}

int InternInstitution(WorkRecord& work, InstitutionRef ref) {
  for (size_t i = 0; i < work.institutions.size(); ++i) {
    const InstitutionRef& known = work.institutions[i];
    bool same = ref.id.empty() ? (known.id.empty() && known.display_name == ref.display_name) : known.id == ref.id;
    if (same) return static_cast<int>(i);
  }
  work.institutions.push_back(std::move(ref));
  return static_cast<int>(work.institutions.size() - 1);
}

void ReadAuthorships(std::optional<dom::array> authorships, WorkRecord& work) {
  if (!authorships) return;
  int order = 0;
  for (dom::element e : *authorships) {
    Authorship a;
    a.order = order++;
    dom::object o;
    if (!e.get_object().get(o)) {
      a.position = Str(o, "author_position");
      dom::object author;
      if (Obj(o, "author", author)) {
        a.author_id = ShortId(Str(author, "id"));
        a.author_name = Str(author, "display_name");
      }
      if (a.author_name.empty()) a.author_name = Str(o, "raw_author_name");
      a.is_corresponding = Bool(o, "is_corresponding");
      ForEachObject(Arr(o, "institutions"), [&](dom::object inst) {
        InstitutionRef ref = ReadInstitutionRef(inst);
        AddDistinct(a.countries, ref.country_code);
        int index = InternInstitution(work, std::move(ref));
        if (std::find(a.institutions.begin(), a.institutions.end(), index) == a.institutions.end()) {
          a.institutions.push_back(index);
        }
      });
      ForEachString(Arr(o, "countries"), [&](std::string_view c) { AddDistinct(a.countries, UpperCountry(c)); });
      ForEachString(Arr(o, "raw_affiliation_strings"), [&](std::string_view s) { a.raw_affiliations.emplace_back(s); });
      if (a.raw_affiliations.empty()) {
        ForEachObject(Arr(o, "affiliations"), [&](dom::object aff) {
          std::string raw = Str(aff, "raw_affiliation_string");
          if (!raw.empty()) a.raw_affiliations.push_back(std::move(raw));
        });
      }
    }
    for (const std::string& c : a.countries) AddDistinct(work.countries, c);
    work.authorships.push_back(std::move(a));
  }
  std::sort(work.countries.begin(), work.countries.end());
}

void ReadTopic(dom::object o, bool primary, TopicRef& t) {
  t.id = ShortId(Str(o, "id"));
  t.name = Str(o, "display_name");
  t.score = Num(o, "score");
  t.is_primary = primary;
  dom::object part;
  if (Obj(o, "subfield", part)) {
    t.subfield_id = ShortId(Str(part, "id"));
    t.subfield_name = Str(part, "display_name");
  }
  if (Obj(o, "field", part)) {
    t.field_id = ShortId(Str(part, "id"));
    t.field_name = Str(part, "display_name");
  }
  if (Obj(o, "domain", part)) {
    t.domain_id = ShortId(Str(part, "id"));
    t.domain_name = Str(part, "display_name");
  }
}

void ReadTopics(dom::object work_object, WorkRecord& work) {
  std::string primary_id;
  dom::object primary;
  if (Obj(work_object, "primary_topic", primary)) primary_id = ShortId(Str(primary, "id"));
  ForEachObject(Arr(work_object, "topics"), [&](dom::object o) {
    TopicRef t;
    ReadTopic(o, false, t);
    work.topics.push_back(std::move(t));
  });
  if (work.topics.empty() && !primary_id.empty()) {
    TopicRef t;
    ReadTopic(primary, true, t);
    work.topics.push_back(std::move(t));
    return;
  }
  if (primary_id.empty() && !work.topics.empty()) primary_id = work.topics.front().id;
  for (TopicRef& t : work.topics) t.is_primary = t.id == primary_id;
}

// Grants come as `grants` (2023–2025 API), or as Walden's `awards` and `funders` lists.
void ReadGrants(dom::object o, WorkRecord& work) {
  ForEachObject(Arr(o, "grants"), [&](dom::object g) {
    work.grants.push_back({ShortId(Str(g, "funder")), Str(g, "funder_display_name"), Str(g, "award_id")});
  });
  ForEachObject(Arr(o, "awards"), [&](dom::object a) {
    work.grants.push_back({ShortId(Str(a, "funder_id")), Str(a, "funder_display_name"), Str(a, "funder_award_id")});
  });
  ForEachObject(Arr(o, "funders"), [&](dom::object f) {
    std::string id = ShortId(Str(f, "id"));
    bool known = std::any_of(work.grants.begin(), work.grants.end(), [&](const GrantRef& g) { return g.funder_id == id; });
    if (!known) work.grants.push_back({id, Str(f, "display_name"), ""});
  });
}

void ReadAbstract(dom::object o, std::string& out) {
  dom::object index;
  if (!Obj(o, "abstract_inverted_index", index)) return;
  std::vector<std::pair<int64_t, std::string_view>> words;
  for (auto [word, positions] : index) {
    dom::array a;
    if (positions.get_array().get(a)) continue;
    for (dom::element p : a) {
      int64_t position;
      if (!p.get_int64().get(position) && position >= 0) words.emplace_back(position, word);
    }
  }
  std::sort(words.begin(), words.end());
  for (const auto& [position, word] : words) {
    if (!out.empty()) out.push_back(' ');
    out.append(word);
  }
}

Status ParseObject(dom::parser& parser, const char* data, size_t len, dom::object& out) {
  dom::element root;
  if (auto e = parser.parse(data, len, false).get(root); e) return Status::Corruption(simdjson::error_message(e));
  if (root.get_object().get(out)) return Status::Corruption("the record is not a JSON object");
  return Status::OK();
}

}  // namespace

Status ParseWorkRecord(dom::parser& parser, const char* data, size_t len, WorkRecord& work) {
  work = WorkRecord{};
  dom::object o;
  ENTANGLE_RETURN_IF_ERROR(ParseObject(parser, data, len, o));
  work.id = ShortId(Str(o, "id"));
  if (work.id.empty()) return Status::Corruption("the record has no id");
  work.doi = NormalizeDoi(Str(o, "doi"));
  work.title = Str(o, "title");
  if (work.title.empty()) work.title = Str(o, "display_name");
  ReadAbstract(o, work.abstract);
  work.publication_year = static_cast<int>(Int(o, "publication_year"));
  work.publication_date = Str(o, "publication_date");
  work.language = Str(o, "language");
  work.type = Str(o, "type");
  work.updated_date = Str(o, "updated_date");
  work.cited_by_count = Int(o, "cited_by_count");
  double fwci;
  if (!o.at_key("fwci").get_double().get(fwci)) work.fwci = fwci;
  ForEachObject(Arr(o, "counts_by_year"), [&](dom::object c) {
    work.counts_by_year.push_back({static_cast<int>(Int(c, "year")), Int(c, "cited_by_count")});
  });
  ReadAuthorships(Arr(o, "authorships"), work);
  ReadTopics(o, work);
  ForEachObject(Arr(o, "concepts"), [&](dom::object c) {
    work.concepts.push_back({ShortId(Str(c, "id")), Str(c, "display_name"), static_cast<int>(Int(c, "level", -1)),
                             Num(c, "score")});
  });
  ReadGrants(o, work);
  if (std::optional<dom::array> keywords = Arr(o, "keywords")) {
    for (dom::element k : *keywords) {
      dom::object ko;
      std::string name = !k.get_object().get(ko) ? Str(ko, "display_name") : Str(k);
      if (!name.empty()) work.keywords.push_back(std::move(name));
    }
  }
  return Status::OK();
}

namespace {

void ReadInternationalNames(dom::object o, std::vector<std::string>& names) {
  dom::object international, display;
  if (!Obj(o, "international", international) || !Obj(international, "display_name", display)) return;
  for (auto [lang, value] : display) {
    (void)lang;
    AddDistinct(names, Str(value));
  }
}

}  // namespace

Status ParseInstitutionEntity(dom::parser& parser, const char* data, size_t len, InstitutionEntity& out) {
  out = InstitutionEntity{};
  dom::object o;
  ENTANGLE_RETURN_IF_ERROR(ParseObject(parser, data, len, o));
  out.id = ShortId(Str(o, "id"));
  if (out.id.empty()) return Status::Corruption("the record has no id");
  out.ror = NormalizeRor(Str(o, "ror"));
  out.display_name = Str(o, "display_name");
  out.country_code = UpperCountry(Str(o, "country_code"));
  out.type = Str(o, "type");
  out.works_count = Int(o, "works_count");
  ForEachString(Arr(o, "lineage"), [&](std::string_view s) { out.lineage.push_back(ShortId(s)); });
  ForEachString(Arr(o, "display_name_alternatives"), [&](std::string_view s) { AddDistinct(out.alternative_names, std::string(s)); });
  ForEachString(Arr(o, "display_name_acronyms"), [&](std::string_view s) { AddDistinct(out.alternative_names, std::string(s)); });
  ReadInternationalNames(o, out.alternative_names);
  std::erase(out.alternative_names, out.display_name);
  ForEachObject(Arr(o, "associated_institutions"), [&](dom::object a) {
    out.associated_ids.push_back(ShortId(Str(a, "id")));
    out.associated_relationships.push_back(Str(a, "relationship"));
  });
  return Status::OK();
}

Status ParseFunderEntity(dom::parser& parser, const char* data, size_t len, FunderEntity& out) {
  out = FunderEntity{};
  dom::object o;
  ENTANGLE_RETURN_IF_ERROR(ParseObject(parser, data, len, o));
  out.id = ShortId(Str(o, "id"));
  if (out.id.empty()) return Status::Corruption("the record has no id");
  out.ror = NormalizeRor(Str(o, "ror"));
  dom::object ids;
  if (out.ror.empty() && Obj(o, "ids", ids)) out.ror = NormalizeRor(Str(ids, "ror"));
  out.display_name = Str(o, "display_name");
  out.country_code = UpperCountry(Str(o, "country_code"));
  out.works_count = Int(o, "works_count");
  ForEachString(Arr(o, "alternate_titles"), [&](std::string_view s) { AddDistinct(out.alternative_names, std::string(s)); });
  ReadInternationalNames(o, out.alternative_names);
  std::erase(out.alternative_names, out.display_name);
  return Status::OK();
}

}  // namespace entangle::extract
