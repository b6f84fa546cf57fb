// Reading and validating study definitions. A definition decides every number the system
// reports, so it is read strictly: unknown keys, wrong types and out-of-range values are errors
// that name the origin, the key path and the problem, never silently ignored defaults.
#include "select/study_definition.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>

#include "common/ascii.h"
#include "common/did_you_mean.h"
#include "common/sha256.h"
#include "common/text_file.h"
#include "select/countries.h"

namespace entangle::select {
namespace {

namespace fs = std::filesystem;
using Names = std::vector<std::string_view>;

constexpr bool kRequired = true;
constexpr bool kOptional = false;
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;

// ---- Strings ---------------------------------------------------------------------------------

// Quoted for messages; escapes make stray whitespace and control characters visible.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string JoinQuoted(const Names& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += Quote(names[i]);
  }
  return out;
}

std::string FormatNumber(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

// "; did you mean "key"?" to append to a message, or "" when no candidate is close (the rule:
// common/did_you_mean.h, shared with the CLI).
std::string DidYouMeanHint(std::string_view word, const Names& candidates) {
  const std::string_view s = DidYouMean(word, candidates);
  return s.empty() ? std::string() : "; did you mean " + Quote(s) + "?";
}

// ---- Key paths and errors --------------------------------------------------------------------

bool IsBareKey(std::string_view k) {
  return !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

std::string Child(std::string_view parent, std::string_view key) {
  const std::string name = IsBareKey(key) ? std::string(key) : Quote(key);
  return parent.empty() ? name : std::string(parent) + "." + name;
}

std::string Index(std::string_view path, size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

struct Ctx {
  std::string origin;
  fs::path base_dir;  // relative work-id files are found next to the definition

  Status Error(std::string_view path, std::string_view problem) const {
    return Status::InvalidArgument(Format(path, problem));
  }
  Status Missing(std::string_view path, std::string_view problem) const {
    return Status::NotFound(Format(path, problem));
  }
  std::string Format(std::string_view path, std::string_view problem) const {
    return origin + ": " + std::string(path) + ": " + std::string(problem);
  }
};

std::string_view TypeName(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

Status WrongType(const Ctx& ctx, std::string_view path, std::string_view expected,
                 const toml::node& got) {
  return ctx.Error(path,
                   "expected " + std::string(expected) + ", got " + std::string(TypeName(got)));
}

Status CheckKeys(const Ctx& ctx, const toml::table& t, std::string_view path,
                 const Names& allowed) {
  for (auto&& [key, node] : t) {
    const std::string_view k = key.str();
    if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
    std::string hint = DidYouMeanHint(k, allowed);
    if (hint.empty()) hint = "; expected " + JoinQuoted(allowed);
    return ctx.Error(Child(path, k), "unknown key" + hint);
  }
  return Status::OK();
}

// ---- Typed getters: each leaves *out untouched when an optional key is absent ---------------

Status ReadTable(const Ctx& ctx, const toml::table& parent, std::string_view key,
                 std::string_view parent_path, bool required, const toml::table** out) {
  const std::string path = Child(parent_path, key);
  const toml::node* n = parent.get(key);
  *out = nullptr;
  if (n == nullptr) return required ? ctx.Error(path, "missing table") : Status::OK();
  *out = n->as_table();
  return *out != nullptr ? Status::OK() : WrongType(ctx, path, "a table", *n);
}

Status ReadString(const Ctx& ctx, const toml::table& parent, std::string_view key,
                  std::string_view parent_path, bool required, std::string* out) {
  const std::string path = Child(parent_path, key);
  const toml::node* n = parent.get(key);
  if (n == nullptr) return required ? ctx.Error(path, "missing") : Status::OK();
  const toml::value<std::string>* s = n->as_string();
  if (s == nullptr) return WrongType(ctx, path, "a string", *n);
  *out = s->get();
  return Status::OK();
}

Status ReadBool(const Ctx& ctx, const toml::table& parent, std::string_view key,
                std::string_view parent_path, bool* out) {
  const toml::node* n = parent.get(key);
  if (n == nullptr) return Status::OK();
  const toml::value<bool>* b = n->as_boolean();
  if (b == nullptr) return WrongType(ctx, Child(parent_path, key), "a boolean (true or false)", *n);
  *out = b->get();
  return Status::OK();
}

// Scores in OpenAlex are in [0, 1]; a threshold outside that range selects all or nothing,
// which is never what the author meant.
Status ReadScore(const Ctx& ctx, const toml::table& parent, std::string_view parent_path,
                 double* out) {
  const std::string path = Child(parent_path, "min_score");
  const toml::node* n = parent.get("min_score");
  if (n == nullptr) return Status::OK();
  double v = 0;
  if (const auto* f = n->as_floating_point()) {
    v = f->get();
  } else if (const auto* i = n->as_integer()) {
    v = static_cast<double>(i->get());
  } else {
    return WrongType(ctx, path, "a number in [0, 1]", *n);
  }
  if (!(v >= 0.0 && v <= 1.0)) return ctx.Error(path, FormatNumber(v) + " is outside [0, 1]");
  *out = v;
  return Status::OK();
}

// Reads one element of a list into *out (normalised), or explains why it is not acceptable.
using ElementFn = std::function<Status(const toml::node&, const std::string& path, std::string*)>;

Status ReadList(const Ctx& ctx, const toml::table& parent, std::string_view key,
                std::string_view parent_path, bool required, const ElementFn& element,
                std::vector<std::string>* out) {
  const std::string path = Child(parent_path, key);
  const toml::node* n = parent.get(key);
  if (n == nullptr) return required ? ctx.Error(path, "missing") : Status::OK();
  const toml::array* a = n->as_array();
  if (a == nullptr) return WrongType(ctx, path, "an array", *n);
  out->clear();
  for (size_t i = 0; i < a->size(); ++i) {
    std::string value;
    ENTANGLE_RETURN_IF_ERROR(element((*a)[i], Index(path, i), &value));
    out->push_back(std::move(value));
  }
  return Status::OK();
}

// Repeating a value changes nothing a study counts, so it is dropped rather than reported.
void DropRepeats(std::vector<std::string>* v) {
  std::vector<std::string> out;
  for (std::string& s : *v) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  *v = std::move(out);
}

Status StringElement(const Ctx& ctx, const toml::node& n, const std::string& path,
                     std::string* out) {
  const toml::value<std::string>* s = n.as_string();
  if (s == nullptr) return WrongType(ctx, path, "a string", n);
  *out = s->get();
  return Status::OK();
}

// ---- OpenAlex ids ----------------------------------------------------------------------------

// What an id list holds: short ids are a letter and digits ("C154945302"), or only digits for
// the topic hierarchy ("1702"); URLs may name the collection ("/subfields/1702").
struct IdKind {
  std::string_view collection;  // "subfields"
  std::string_view singular;    // "subfield"
  char letter;                  // 'C', or 0 for numeric ids
  std::string_view example;     // "1702"
};

constexpr IdKind kConceptIds = {"concepts", "concept", 'C', "C154945302"};
constexpr IdKind kTopicIds = {"topics", "topic", 'T', "T10102"};
constexpr IdKind kSubfieldIds = {"subfields", "subfield", 0, "1702"};
constexpr IdKind kFieldIds = {"fields", "field", 0, "17"};
constexpr IdKind kDomainIds = {"domains", "domain", 0, "3"};
constexpr IdKind kWorkIds = {"works", "work", 'W', "W2741809807"};

const Names kCollections = {"works",    "authors",    "sources",   "institutions",
                            "concepts", "topics",     "subfields", "fields",
                            "domains",  "publishers", "funders",   "keywords"};

// The short form of an id or URL, or "" with *problem set.
std::string NormalizeId(std::string_view raw, const IdKind& kind, std::string* problem) {
  std::string_view s = TrimWhitespace(raw);
  while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  std::string_view id = s;
  if (const size_t slash = s.rfind('/'); slash != std::string_view::npos) {
    id = s.substr(slash + 1);
    std::string_view before = s.substr(0, slash);
    before = before.substr(before.rfind('/') == std::string_view::npos ? 0 : before.rfind('/') + 1);
    const std::string collection = AsciiLower(before);
    if (collection != kind.collection &&
        std::find(kCollections.begin(), kCollections.end(), collection) != kCollections.end()) {
      *problem = Quote(raw) + " names " + collection + ", not " + std::string(kind.collection);
      return {};
    }
  }
  std::string out(id);
  if (kind.letter != 0 && !out.empty()) out[0] = AsciiUpperChar(out[0]);
  const bool ok = kind.letter == 0 ? IsAllDigits(out)
                                   : out.size() > 1 && out[0] == kind.letter &&
                                         IsAllDigits(std::string_view(out).substr(1));
  if (!ok) {
    const std::string url = "https://openalex.org/" +
                            (kind.letter == 0 ? std::string(kind.collection) + "/" : "") +
                            std::string(kind.example);
    *problem = "not a " + std::string(kind.singular) + " id " + Quote(raw) + "; expected e.g. " +
               Quote(kind.example) + " or " + Quote(url);
    return {};
  }
  return out;
}

// Numeric ids may be written as TOML integers (subfields = [1702]) as well as strings.
Status IdElement(const Ctx& ctx, const IdKind& kind, const toml::node& n, const std::string& path,
                 std::string* out) {
  std::string raw;
  if (const auto* i = n.as_integer(); i != nullptr && kind.letter == 0) {
    if (i->get() <= 0)
      return ctx.Error(path,
                       "not a " + std::string(kind.singular) + " id: " + std::to_string(i->get()));
    raw = std::to_string(i->get());
  } else if (const auto* s = n.as_string()) {
    raw = s->get();
  } else {
    return WrongType(ctx, path, kind.letter == 0 ? "a string or an integer" : "a string", n);
  }
  std::string problem;
  *out = NormalizeId(raw, kind, &problem);
  return problem.empty() ? Status::OK() : ctx.Error(path, problem);
}

Status ReadIds(const Ctx& ctx, const toml::table& t, std::string_view key, std::string_view path,
               bool required, const IdKind& kind, std::vector<std::string>* out) {
  const ElementFn element = [&](const toml::node& n, const std::string& p, std::string* v) {
    return IdElement(ctx, kind, n, p, v);
  };
  ENTANGLE_RETURN_IF_ERROR(ReadList(ctx, t, key, path, required, element, out));
  DropRepeats(out);
  return Status::OK();
}

// ---- Countries -------------------------------------------------------------------------------

// Codes people write that ISO 3166 spells differently.
std::string KnownMistake(std::string_view upper) {
  if (upper == "UK") return "; did you mean \"GB\"? ISO 3166 codes the United Kingdom as GB";
  if (upper == "EL") return "; did you mean \"GR\"? ISO 3166 codes Greece as GR";
  if (upper == "EU") return "; did you mean \"EU27\"?";
  return {};
}

std::string CountryHint(std::string_view entry) {
  const std::string upper = AsciiUpper(TrimWhitespace(entry));
  if (std::string hint = KnownMistake(upper); !hint.empty()) return hint;
  for (const CountryInfo& c : AllCountries()) {  // "Germany" → "DE"
    if (AsciiUpper(c.name) == upper) {
      return "; did you mean " + Quote(c.code) + " (" + std::string(c.name) + ")?";
    }
  }
  Names presets;
  for (const CountryPreset& p : CountryPresets()) presets.push_back(p.name);
  return DidYouMeanHint(entry, presets);
}

std::string CountryProblem(std::string_view entry) {
  return "unknown country code or preset " + Quote(entry) + CountryHint(entry);
}

// Expands spec; errors are "<path>[i]: problem" for the caller to prefix with an origin.
Result<std::vector<std::string>> ExpandAt(const std::vector<std::string>& spec,
                                          std::string_view path) {
  if (spec.empty()) {
    return Status::InvalidArgument(std::string(path) +
                                   ": empty; list at least one country code or preset");
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < spec.size(); ++i) {
    if (const CountryPreset* preset = FindCountryPreset(spec[i])) {
      out.insert(out.end(), preset->members.begin(), preset->members.end());
    } else if (IsKnownCountryCode(spec[i])) {
      out.push_back(AsciiUpper(spec[i]));
    } else {
      return Status::InvalidArgument(Index(path, i) + ": " + CountryProblem(spec[i]));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// A readable label when the author gave none: presets by name, codes by country name.
std::string DefaultGroupName(const std::vector<std::string>& spec) {
  std::string out;
  for (const std::string& entry : spec) {
    if (!out.empty()) out += " + ";
    if (const CountryPreset* p = FindCountryPreset(entry)) {
      out += p->name;
    } else {
      out += CountryName(entry);
    }
  }
  return out;
}

Status ReadGroup(const Ctx& ctx, const toml::table& groups, std::string_view key,
                 CountryGroup* group) {
  const std::string path = Child("groups", key);
  const toml::table* t = nullptr;
  ENTANGLE_RETURN_IF_ERROR(ReadTable(ctx, groups, key, "groups", kRequired, &t));
  ENTANGLE_RETURN_IF_ERROR(CheckKeys(ctx, *t, path, {"name", "countries"}));
  const ElementFn element = [&](const toml::node& n, const std::string& p, std::string* v) {
    return StringElement(ctx, n, p, v);
  };
  ENTANGLE_RETURN_IF_ERROR(ReadList(ctx, *t, "countries", path, kRequired, element, &group->spec));
  Result<std::vector<std::string>> countries = ExpandAt(group->spec, Child(path, "countries"));
  if (!countries.ok())
    return Status::InvalidArgument(ctx.origin + ": " + countries.status().message());
  group->countries = std::move(countries).value();
  ENTANGLE_RETURN_IF_ERROR(ReadString(ctx, *t, "name", path, kOptional, &group->name));
  if (!t->contains("name")) group->name = DefaultGroupName(group->spec);
  if (TrimWhitespace(group->name).empty()) return ctx.Error(Child(path, "name"), "empty");
  return Status::OK();
}

Status ReadGroups(const Ctx& ctx, const toml::table& root, StudyDefinition* def) {
  const toml::table* groups = nullptr;
  ENTANGLE_RETURN_IF_ERROR(ReadTable(ctx, root, "groups", "", kRequired, &groups));
  ENTANGLE_RETURN_IF_ERROR(CheckKeys(ctx, *groups, "groups", {"a", "b"}));
  ENTANGLE_RETURN_IF_ERROR(ReadGroup(ctx, *groups, "a", &def->group_a));
  return ReadGroup(ctx, *groups, "b", &def->group_b);
}

// ---- Scope -----------------------------------------------------------------------------------

// ISO 639-1 (from Debian's iso-codes). OpenAlex detects languages with langdetect, which also
// reports regional forms such as "zh-cn"; those are accepted as code-region.
constexpr std::string_view kLanguages[] = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
};

bool IsLanguageCode(std::string_view code) {
  std::string_view base = code.substr(0, code.find('-'));
  if (base.size() < code.size()) {
    const std::string_view region = code.substr(base.size() + 1);
    const bool alnum = std::all_of(region.begin(), region.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0;
    });
    if (region.size() < 2 || region.size() > 4 || !alnum) return false;
  }
  return std::binary_search(std::begin(kLanguages), std::end(kLanguages), base);
}

// OpenAlex's own work types, plus the Crossref types older OpenAlex snapshots used as `type`.
const Names kWorkTypes = {
    "article", "book", "book-chapter", "dataset", "dissertation", "editorial", "erratum", "grant",
    "letter", "libguides", "other", "paratext", "peer-review", "preprint", "reference-entry",
    "report", "retraction", "review", "standard", "supplementary-materials",
    // Crossref
    "book-part", "book-section", "book-series", "book-set", "book-track", "component", "database",
    "edited-book", "journal", "journal-article", "journal-issue", "journal-volume", "monograph",
    "posted-content", "proceedings", "proceedings-article", "proceedings-series", "reference-book",
    "report-component", "report-series", "standard-series"};

Status LanguageElement(const Ctx& ctx, const toml::node& n, const std::string& path,
                       std::string* out) {
  ENTANGLE_RETURN_IF_ERROR(StringElement(ctx, n, path, out));
  *out = AsciiLower(*out);
  if (IsLanguageCode(*out)) return Status::OK();
  return ctx.Error(path, "unknown ISO 639-1 language code " + Quote(n.as_string()->get()) +
                             "; use two-letter codes such as \"en\" or \"zh\"");
}

Status WorkTypeElement(const Ctx& ctx, const toml::node& n, const std::string& path,
                       std::string* out) {
  ENTANGLE_RETURN_IF_ERROR(StringElement(ctx, n, path, out));
  *out = AsciiLower(*out);
  if (std::find(kWorkTypes.begin(), kWorkTypes.end(), *out) != kWorkTypes.end()) {
    return Status::OK();
  }
  std::string hint = DidYouMeanHint(*out, kWorkTypes);
  if (hint.empty()) hint = "; see docs/study-definition.md for the known types";
  return ctx.Error(path, "unknown work type " + Quote(n.as_string()->get()) + hint);
}

Status ReadYears(const Ctx& ctx, const toml::table& scope, StudyDefinition* def) {
  const std::string path = "scope.years";
  const toml::node* n = scope.get("years");
  if (n == nullptr) return ctx.Error(path, "missing; write years = [from, to], e.g. [2017, 2022]");
  const toml::array* a = n->as_array();
  if (a == nullptr) return WrongType(ctx, path, "an array [from, to]", *n);
  if (a->size() != 2) {
    return ctx.Error(path, "expected two years [from, to], got " + std::to_string(a->size()) +
                               (a->size() == 1 ? " element" : " elements"));
  }
  int years[2] = {0, 0};
  for (size_t i = 0; i < 2; ++i) {
    const toml::value<int64_t>* y = (*a)[i].as_integer();
    if (y == nullptr) return WrongType(ctx, Index(path, i), "an integer year", (*a)[i]);
    if (y->get() < kMinYear || y->get() > kMaxYear) {
      return ctx.Error(Index(path, i), std::to_string(y->get()) + " is outside " +
                                           std::to_string(kMinYear) + "–" +
                                           std::to_string(kMaxYear));
    }
    years[i] = static_cast<int>(y->get());
  }
  if (years[0] > years[1]) {
    return ctx.Error(path, std::to_string(years[0]) + " is after " + std::to_string(years[1]) +
                               "; write [from, to] with from <= to");
  }
  def->year_from = years[0];
  def->year_to = years[1];
  return Status::OK();
}

Status ReadScope(const Ctx& ctx, const toml::table& root, StudyDefinition* def) {
  const toml::table* scope = nullptr;
  ENTANGLE_RETURN_IF_ERROR(ReadTable(ctx, root, "scope", "", kRequired, &scope));
  ENTANGLE_RETURN_IF_ERROR(CheckKeys(
      ctx, *scope, "scope", {"years", "languages", "include_unknown_language", "work_types", "include_xpac"}));
  ENTANGLE_RETURN_IF_ERROR(ReadYears(ctx, *scope, def));
  const ElementFn language = [&](const toml::node& n, const std::string& p, std::string* v) {
    return LanguageElement(ctx, n, p, v);
  };
  ENTANGLE_RETURN_IF_ERROR(
      ReadList(ctx, *scope, "languages", "scope", kOptional, language, &def->languages));
  DropRepeats(&def->languages);
  ENTANGLE_RETURN_IF_ERROR(
      ReadBool(ctx, *scope, "include_unknown_language", "scope", &def->include_unknown_language));
  ENTANGLE_RETURN_IF_ERROR(ReadBool(ctx, *scope, "include_xpac", "scope", &def->include_xpac));
  const ElementFn type = [&](const toml::node& n, const std::string& p, std::string* v) {
    return WorkTypeElement(ctx, n, p, v);
  };
  ENTANGLE_RETURN_IF_ERROR(
      ReadList(ctx, *scope, "work_types", "scope", kOptional, type, &def->work_types));
  DropRepeats(&def->work_types);
  return Status::OK();
}

// ---- Field -----------------------------------------------------------------------------------

Status ReadConcepts(const Ctx& ctx, const toml::table& field, FieldDefinition* out) {
  const toml::table* t = nullptr;
  ENTANGLE_RETURN_IF_ERROR(ReadTable(ctx, field, "concepts", "field", kOptional, &t));
  if (t == nullptr) return Status::OK();
  const std::string path = "field.concepts";
  ENTANGLE_RETURN_IF_ERROR(CheckKeys(ctx, *t, path, {"ids", "min_score"}));
  ConceptRule rule;
  ENTANGLE_RETURN_IF_ERROR(ReadIds(ctx, *t, "ids", path, kRequired, kConceptIds, &rule.ids));
  if (rule.ids.empty()) {
    return ctx.Error(path + ".ids",
                     "empty; list at least one concept id or remove [field.concepts]");
  }
  ENTANGLE_RETURN_IF_ERROR(ReadScore(ctx, *t, path, &rule.min_score));
  out->concepts = std::move(rule);
  return Status::OK();
}

Status ReadTopics(const Ctx& ctx, const toml::table& field, FieldDefinition* out) {
  const toml::table* t = nullptr;
  ENTANGLE_RETURN_IF_ERROR(ReadTable(ctx, field, "topics", "field", kOptional, &t));
  if (t == nullptr) return Status::OK();
  const std::string path = "field.topics";
  ENTANGLE_RETURN_IF_ERROR(CheckKeys(
      ctx, *t, path, {"topics", "subfields", "fields", "domains", "primary_only", "min_score"}));
  TopicRule rule;
  ENTANGLE_RETURN_IF_ERROR(ReadIds(ctx, *t, "topics", path, kOptional, kTopicIds, &rule.topic_ids));
  ENTANGLE_RETURN_IF_ERROR(
      ReadIds(ctx, *t, "subfields", path, kOptional, kSubfieldIds, &rule.subfield_ids));
  ENTANGLE_RETURN_IF_ERROR(ReadIds(ctx, *t, "fields", path, kOptional, kFieldIds, &rule.field_ids));
  ENTANGLE_RETURN_IF_ERROR(
      ReadIds(ctx, *t, "domains", path, kOptional, kDomainIds, &rule.domain_ids));
  if (rule.topic_ids.empty() && rule.subfield_ids.empty() && rule.field_ids.empty() &&
      rule.domain_ids.empty()) {
    return ctx.Error(path,
                     "no topics, subfields, fields or domains listed; list at least one "
                     "or remove [field.topics]");
  }
  ENTANGLE_RETURN_IF_ERROR(ReadBool(ctx, *t, "primary_only", path, &rule.primary_only));
  ENTANGLE_RETURN_IF_ERROR(ReadScore(ctx, *t, path, &rule.min_score));
  out->topics = std::move(rule);
  return Status::OK();
}

Status TermElement(const Ctx& ctx, const toml::node& n, const std::string& path, std::string* out) {
  ENTANGLE_RETURN_IF_ERROR(StringElement(ctx, n, path, out));
  *out = std::string(TrimWhitespace(*out));
  return out->empty() ? ctx.Error(path, "empty term") : Status::OK();
}

const Names kKeywordTargets = {"title", "abstract", "keywords"};

Status TargetElement(const Ctx& ctx, const toml::node& n, const std::string& path,
                     std::string* out) {
  ENTANGLE_RETURN_IF_ERROR(StringElement(ctx, n, path, out));
  if (std::find(kKeywordTargets.begin(), kKeywordTargets.end(), *out) != kKeywordTargets.end()) {
    return Status::OK();
  }
  std::string hint = DidYouMeanHint(*out, kKeywordTargets);
  if (hint.empty()) hint = "; use " + JoinQuoted(kKeywordTargets);
  return ctx.Error(path, "unknown target " + Quote(*out) + hint);
}

// The places of an `in` list ("title", "abstract", "keywords") as KeywordPlace bits.
Status ReadPlaces(const Ctx& ctx, const toml::table& t, const std::string& path, uint8_t* places) {
  const ElementFn target = [&](const toml::node& n, const std::string& p, std::string* v) {
    return TargetElement(ctx, n, p, v);
  };
  std::vector<std::string> in;
  ENTANGLE_RETURN_IF_ERROR(ReadList(ctx, t, "in", path, kRequired, target, &in));
  if (in.empty()) return ctx.Error(path + ".in", "empty; use any of " + JoinQuoted(kKeywordTargets));
  *places = 0;
  for (const std::string& place : in) {
    *places |= place == "title" ? kInTitle : place == "abstract" ? kInAbstract : kInKeywords;
  }
  return Status::OK();
}

// A term of field.keywords.terms: a string, looked for where the rule's `in` says, or a table
// { term = "...", in = [...] } with places of its own.
Status ReadTerm(const Ctx& ctx, const toml::node& n, const std::string& path, uint8_t rule_places, std::string* term,
                uint8_t* places) {
  *places = rule_places;
  const toml::table* t = n.as_table();
  if (t == nullptr) {
    if (n.as_string() == nullptr) return WrongType(ctx, path, "a string or a table { term = ..., in = [...] }", n);
    return TermElement(ctx, n, path, term);
  }
  ENTANGLE_RETURN_IF_ERROR(CheckKeys(ctx, *t, path, {"term", "in"}));
  const toml::node* value = t->get("term");
  if (value == nullptr) return ctx.Error(path + ".term", "missing");
  ENTANGLE_RETURN_IF_ERROR(TermElement(ctx, *value, path + ".term", term));
  if (t->contains("in")) ENTANGLE_RETURN_IF_ERROR(ReadPlaces(ctx, *t, path, places));
  return Status::OK();
}

Status ReadKeywords(const Ctx& ctx, const toml::table& field, FieldDefinition* out) {
  const toml::table* t = nullptr;
  ENTANGLE_RETURN_IF_ERROR(ReadTable(ctx, field, "keywords", "field", kOptional, &t));
  if (t == nullptr) return Status::OK();
  const std::string path = "field.keywords";
  ENTANGLE_RETURN_IF_ERROR(CheckKeys(ctx, *t, path, {"terms", "in"}));
  uint8_t rule_places = kInTitle | kInAbstract;
  if (t->contains("in")) ENTANGLE_RETURN_IF_ERROR(ReadPlaces(ctx, *t, path, &rule_places));
  const toml::node* list = t->get("terms");
  if (list == nullptr) return ctx.Error(path + ".terms", "missing");
  const toml::array* terms = list->as_array();
  if (terms == nullptr) return WrongType(ctx, path + ".terms", "an array", *list);
  KeywordRule rule;
  std::vector<uint8_t> places;
  for (size_t i = 0; i < terms->size(); ++i) {
    const std::string term_path = Index(path + ".terms", i);
    std::string term;
    uint8_t term_places = 0;
    ENTANGLE_RETURN_IF_ERROR(ReadTerm(ctx, (*terms)[i], term_path, rule_places, &term, &term_places));
    auto at = std::find(rule.terms.begin(), rule.terms.end(), term);
    if (at == rule.terms.end()) {
      rule.terms.push_back(std::move(term));
      places.push_back(term_places);
    } else if (places[size_t(at - rule.terms.begin())] != term_places) {  // a plain repeat changes nothing
      return ctx.Error(term_path, Quote(term) + " is listed twice, with different places");
    }
  }
  if (rule.terms.empty()) {
    return ctx.Error(path + ".terms", "empty; list at least one term or remove [field.keywords]");
  }
  uint8_t all = 0;
  for (uint8_t p : places) all |= p;
  rule.in_title = all & kInTitle;
  rule.in_abstract = all & kInAbstract;
  rule.in_keywords = all & kInKeywords;
  if (std::any_of(places.begin(), places.end(), [all](uint8_t p) { return p != all; })) {
    rule.term_places = std::move(places);
  }
  out->keywords = std::move(rule);
  return Status::OK();
}

// One id per line (short or URL form); '#' starts a comment. Ids come back sorted and distinct
// so that the scanner can binary-search them.
Status ReadWorkIdFile(const Ctx& ctx, const fs::path& file, std::vector<std::string>* ids) {
  const std::string path = "field.work_ids.file";
  std::error_code ec;
  if (!fs::exists(file, ec)) return ctx.Missing(path, Quote(file.string()) + " does not exist");
  if (fs::is_directory(file, ec)) return ctx.Error(path, Quote(file.string()) + " is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IOError(ctx.Format(path, "cannot open " + Quote(file.string())));
  std::string line;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    std::string_view text = line;
    text = TrimWhitespace(text.substr(0, text.find('#')));
    if (text.empty()) continue;
    std::string problem;
    std::string id = NormalizeId(text, kWorkIds, &problem);
    if (!problem.empty()) {
      return ctx.Error(path,
                       Quote(file.string()) + " line " + std::to_string(line_no) + ": " + problem);
    }
    ids->push_back(std::move(id));
  }
  if (in.bad()) return Status::IOError(ctx.Format(path, "cannot read " + Quote(file.string())));
  if (ids->empty()) return ctx.Error(path, Quote(file.string()) + " lists no work ids");
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
  return Status::OK();
}

Status ReadWorkIds(const Ctx& ctx, const toml::table& field, FieldDefinition* out) {
  const toml::table* t = nullptr;
  ENTANGLE_RETURN_IF_ERROR(ReadTable(ctx, field, "work_ids", "field", kOptional, &t));
  if (t == nullptr) return Status::OK();
  ENTANGLE_RETURN_IF_ERROR(CheckKeys(ctx, *t, "field.work_ids", {"file"}));
  std::string file;
  ENTANGLE_RETURN_IF_ERROR(ReadString(ctx, *t, "file", "field.work_ids", kRequired, &file));
  if (TrimWhitespace(file).empty()) return ctx.Error("field.work_ids.file", "empty path");
  fs::path resolved(file);
  if (resolved.is_relative()) resolved = ctx.base_dir / resolved;
  resolved = resolved.lexically_normal();
  std::vector<std::string> ids;
  ENTANGLE_RETURN_IF_ERROR(ReadWorkIdFile(ctx, resolved, &ids));
  out->work_ids_file = resolved.string();
  out->work_ids = std::move(ids);
  return Status::OK();
}

Status ReadCombine(const Ctx& ctx, const toml::table& field, FieldDefinition* out) {
  std::string combine = "any";
  ENTANGLE_RETURN_IF_ERROR(ReadString(ctx, field, "combine", "field", kOptional, &combine));
  if (combine == "any") {
    out->combine = FieldDefinition::Combine::kAny;
  } else if (combine == "all") {
    out->combine = FieldDefinition::Combine::kAll;
  } else {
    return ctx.Error("field.combine",
                     "unknown combine " + Quote(combine) + "; use \"any\" or \"all\"");
  }
  return Status::OK();
}

Status ReadField(const Ctx& ctx, const toml::table& root, FieldDefinition* out) {
  const toml::table* field = nullptr;
  ENTANGLE_RETURN_IF_ERROR(ReadTable(ctx, root, "field", "", kOptional, &field));
  if (field == nullptr) return Status::OK();  // no field: every in-scope work counts
  ENTANGLE_RETURN_IF_ERROR(
      CheckKeys(ctx, *field, "field", {"combine", "concepts", "topics", "keywords", "work_ids"}));
  ENTANGLE_RETURN_IF_ERROR(ReadCombine(ctx, *field, out));
  ENTANGLE_RETURN_IF_ERROR(ReadConcepts(ctx, *field, out));
  ENTANGLE_RETURN_IF_ERROR(ReadTopics(ctx, *field, out));
  ENTANGLE_RETURN_IF_ERROR(ReadKeywords(ctx, *field, out));
  return ReadWorkIds(ctx, *field, out);
}

// ---- Investment ------------------------------------------------------------------------------

Status ReadInvestment(const Ctx& ctx, const toml::table& root, StudyDefinition* def) {
  const toml::table* t = nullptr;
  ENTANGLE_RETURN_IF_ERROR(ReadTable(ctx, root, "investment", "", kOptional, &t));
  if (t == nullptr) return Status::OK();
  ENTANGLE_RETURN_IF_ERROR(CheckKeys(ctx, *t, "investment", {"categories"}));
  InvestmentDefinition investment;
  const ElementFn category = [&](const toml::node& n, const std::string& p, std::string* v) {
    return TermElement(ctx, n, p, v);
  };
  ENTANGLE_RETURN_IF_ERROR(
      ReadList(ctx, *t, "categories", "investment", kRequired, category, &investment.categories));
  DropRepeats(&investment.categories);
  if (investment.categories.empty()) {
    return ctx.Error("investment.categories", "empty; list at least one Crunchbase category");
  }
  def->investment = std::move(investment);
  return Status::OK();
}

// ---- Document --------------------------------------------------------------------------------

Status ReadStudy(const Ctx& ctx, const toml::table& root, StudyDefinition* def) {
  ENTANGLE_RETURN_IF_ERROR(
      CheckKeys(ctx, root, "", {"name", "description", "groups", "scope", "field", "investment"}));
  ENTANGLE_RETURN_IF_ERROR(ReadString(ctx, root, "name", "", kRequired, &def->name));
  if (TrimWhitespace(def->name).empty()) return ctx.Error("name", "empty; every study needs a name");
  ENTANGLE_RETURN_IF_ERROR(ReadString(ctx, root, "description", "", kOptional, &def->description));
  ENTANGLE_RETURN_IF_ERROR(ReadGroups(ctx, root, def));
  ENTANGLE_RETURN_IF_ERROR(ReadScope(ctx, root, def));
  ENTANGLE_RETURN_IF_ERROR(ReadInvestment(ctx, root, def));
  return ReadField(ctx, root, &def->field);
}

Status SyntaxError(const Ctx& ctx, const toml::parse_error& e) {
  const toml::source_position& at = e.source().begin;
  return ctx.Error("line " + std::to_string(at.line) + ", column " + std::to_string(at.column),
                   "TOML syntax error: " + std::string(e.description()));
}

// toml++ reports syntax errors by exception or by return value depending on how it was built.
Status ParseToml(const Ctx& ctx, std::string_view text, toml::table* out) {
#if TOML_EXCEPTIONS
  try {
    *out = toml::parse(text, ctx.origin);
  } catch (const toml::parse_error& e) {
    return SyntaxError(ctx, e);
  }
#else
  toml::parse_result result = toml::parse(text, ctx.origin);
  if (!result) return SyntaxError(ctx, result.error());
  *out = std::move(result).table();
#endif
  return Status::OK();
}

}  // namespace

Result<StudyDefinition> ParseStudyDefinition(const std::string& toml_text,
                                             const std::string& origin) {
  const Ctx ctx{origin, fs::path(origin).parent_path()};
  toml::table root;
  ENTANGLE_RETURN_IF_ERROR(ParseToml(ctx, toml_text, &root));
  StudyDefinition def;
  ENTANGLE_RETURN_IF_ERROR(ReadStudy(ctx, root, &def));
  def.source_text = toml_text;
  def.sha256 = Sha256Hex(toml_text);
  return def;
}

Result<StudyDefinition> LoadStudyDefinition(const std::string& path) {
  Result<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  Result<StudyDefinition> def = ParseStudyDefinition(*text, path);
  if (def.ok()) def->source_path = path;
  return def;
}

Result<std::vector<std::string>> ExpandCountries(const std::vector<std::string>& spec) {
  return ExpandAt(spec, "countries");
}

bool IsKnownCountryCode(const std::string& code) { return !CountryName(code).empty(); }

}  // namespace entangle::select
