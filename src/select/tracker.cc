#include "select/tracker.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "common/ascii.h"
#include "common/did_you_mean.h"
#include "common/text_file.h"

namespace entangle::select {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kEurope[] = {"EUROPE"};
constexpr std::string_view kEu27[] = {"EU27"};
constexpr std::string_view kChina[] = {"CHINA"};
constexpr std::string_view kGermany[] = {"DE"};
constexpr std::string_view kFrance[] = {"FR"};
constexpr std::string_view kUnitedKingdom[] = {"GB"};
constexpr std::string_view kRussia[] = {"RU"};

// The pairs policy analysts ask for (issue 21). Group names are what reports print.
constexpr std::array<PairPreset, 7> kPairPresets = {{
    {"europe-china", "Europe", "China", kEurope, kChina,
     "the MERICS study's pair: EU27 + GB NO CH, and CN + HK (not MO, not TW)"},
    {"eu27-china", "EU27", "China", kEu27, kChina, "the 27 EU member states, and CN + HK"},
    {"germany-china", "Germany", "China", kGermany, kChina, "DE, and CN + HK"},
    {"france-china", "France", "China", kFrance, kChina, "FR, and CN + HK"},
    {"uk-china", "United Kingdom", "China", kUnitedKingdom, kChina, "GB, and CN + HK"},
    {"eu27-russia", "EU27", "Russia", kEu27, kRussia, "the 27 EU member states, and RU"},
    {"europe-russia", "Europe", "Russia", kEurope, kRussia, "EU27 + GB NO CH, and RU"},
}};

struct Ctx {
  std::string origin;
  Status Error(std::string_view key, std::string_view problem) const {
    return Status::InvalidArgument(fmt::format("{}: {}: {}", origin, key, problem));
  }
};

Status ParseToml(const Ctx& ctx, std::string_view text, toml::table* out) {
#if TOML_EXCEPTIONS
  try {
    *out = toml::parse(text, ctx.origin);
  } catch (const toml::parse_error& e) {
    return ctx.Error(fmt::format("line {}", e.source().begin.line),
                     "TOML syntax error: " + std::string(e.description()));
  }
#else
  toml::parse_result result = toml::parse(text, ctx.origin);
  if (!result) {
    return ctx.Error(fmt::format("line {}", result.error().source().begin.line),
                     "TOML syntax error: " + std::string(result.error().description()));
  }
  *out = std::move(result).table();
#endif
  return Status::OK();
}

Status CheckKeys(const Ctx& ctx, const toml::table& table, std::string_view where,
                 const std::vector<std::string_view>& allowed) {
  for (const auto& [key, node] : table) {
    std::string_view name = key.str();
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    std::string_view hint = DidYouMean(name, allowed);
    std::string path = where.empty() ? std::string(name) : fmt::format("{}.{}", where, name);
    return ctx.Error(path, hint.empty() ? "unknown key" : fmt::format("unknown key (did you mean \"{}\"?)", hint));
  }
  return Status::OK();
}

Result<std::vector<std::string>> StringList(const Ctx& ctx, const toml::node* node, std::string_view key) {
  const toml::array* array = node ? node->as_array() : nullptr;
  if (array == nullptr) return ctx.Error(key, "must be an array of strings");
  std::vector<std::string> out;
  for (size_t i = 0; i < array->size(); ++i) {
    const auto* value = array->get(i)->as_string();
    if (value == nullptr || std::string(TrimWhitespace(value->get())).empty()) {
      return ctx.Error(fmt::format("{}[{}]", key, i), "must be a non-empty string");
    }
    out.emplace_back(std::string(TrimWhitespace(value->get())));
  }
  return out;
}

Result<CountryGroup> ReadGroup(const Ctx& ctx, const toml::node* node, const std::string& where) {
  const toml::table* table = node ? node->as_table() : nullptr;
  if (table == nullptr) return ctx.Error(where, "must be a table with `countries` (and a `name`)");
  ENTANGLE_RETURN_IF_ERROR(CheckKeys(ctx, *table, where, {"name", "countries"}));
  CountryGroup group;
  Result<std::vector<std::string>> spec = StringList(ctx, table->get("countries"), where + ".countries");
  if (!spec.ok()) return spec.status();
  if (spec->empty()) return ctx.Error(where + ".countries", "must not be empty");
  Result<std::vector<std::string>> countries = ExpandCountries(*spec);
  if (!countries.ok()) return ctx.Error(where + ".countries", countries.status().message());
  group.spec = *spec;
  group.countries = *countries;
  if (const auto* name = table->get_as<std::string>("name")) group.name = std::string(TrimWhitespace(name->get()));
  if (group.name.empty()) group.name = Join(group.spec, " + ");
  return group;
}

Result<TrackerPair> PresetPair(const Ctx& ctx, const std::string& key, const std::string& where) {
  const PairPreset* preset = FindPairPreset(key);
  if (preset == nullptr) {
    std::vector<std::string_view> keys;
    for (const PairPreset& p : PairPresets()) keys.push_back(p.key);
    std::string_view hint = DidYouMean(key, keys);
    return ctx.Error(where,
                     fmt::format("unknown pair preset \"{}\"{} (presets: {})", key,
                                 hint.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", hint), Join(keys, ", ")));
  }
  TrackerPair pair;
  pair.key = std::string(preset->key);
  auto group = [](std::string_view name, std::span<const std::string_view> spec) {
    CountryGroup g;
    g.name = std::string(name);
    for (std::string_view s : spec) g.spec.emplace_back(s);
    g.countries = ExpandCountries(g.spec).value();  // the presets are fixed and valid (a test checks them)
    return g;
  };
  pair.a = group(preset->a_name, preset->a_countries);
  pair.b = group(preset->b_name, preset->b_countries);
  return pair;
}

Result<TrackerPair> WrittenPair(const Ctx& ctx, const toml::table& table, const std::string& where) {
  ENTANGLE_RETURN_IF_ERROR(CheckKeys(ctx, table, where, {"key", "a", "b"}));
  TrackerPair pair;
  const auto* key = table.get_as<std::string>("key");
  if (key == nullptr || std::string(TrimWhitespace(key->get())).empty())
    return ctx.Error(where + ".key", "required: a short name");
  pair.key = std::string(TrimWhitespace(key->get()));
  for (char c : pair.key) {
    if (!(AsciiLowerChar(c) == c && (std::isalnum(static_cast<unsigned char>(c)) || c == '-'))) {
      return ctx.Error(where + ".key",
                       fmt::format("\"{}\": use lower-case letters, digits and '-' (it names files)", pair.key));
    }
  }
  Result<CountryGroup> a = ReadGroup(ctx, table.get("a"), where + ".a");
  if (!a.ok()) return a.status();
  Result<CountryGroup> b = ReadGroup(ctx, table.get("b"), where + ".b");
  if (!b.ok()) return b.status();
  pair.a = std::move(*a);
  pair.b = std::move(*b);
  return pair;
}

// The area's title without the pair its file was written for: "Quantum entanglements: Europe–China"
// -> "Quantum entanglements".
std::string AreaTitle(const StudyDefinition& area) {
  for (const std::string_view dash : {"–", "-", " – ", " - "}) {
    std::string suffix = ": " + area.group_a.name + std::string(dash) + area.group_b.name;
    if (area.name.size() > suffix.size() && area.name.ends_with(suffix)) {
      return area.name.substr(0, area.name.size() - suffix.size());
    }
  }
  return area.name;
}

toml::table GroupTable(const CountryGroup& group) {
  toml::array countries;
  for (const std::string& c : group.spec) countries.push_back(c);
  return toml::table{{"name", group.name}, {"countries", std::move(countries)}};
}

// One study of the tracker: the area's own TOML with the pair's groups, a name and a description
// of its own, written out as a standalone study text (what the study database stores and every
// reader parses back), and parsed from it.
Result<TrackerStudy> Expand(const Ctx& ctx, const std::string& tracker_name, const std::string& area_path,
                            const StudyDefinition& area, const TrackerPair* pair) {
  TrackerStudy out;
  out.area = fs::path(area_path).stem().string();
  if (pair == nullptr) {
    out.pair = "own-groups";
    out.key = out.area;
    out.study = area;
    return out;
  }
  out.pair = pair->key;
  out.key = out.area + "." + pair->key;
  toml::table root;
  ENTANGLE_RETURN_IF_ERROR(ParseToml(Ctx{area_path}, area.source_text, &root));
  root.insert_or_assign("name", fmt::format("{}: {}–{}", AreaTitle(area), pair->a.name, pair->b.name));
  root.insert_or_assign("description", fmt::format("The field and scope of {} (\"{}\") for the pair {} – {}, "
                                                   "one study of the tracker \"{}\".",
                                                   fs::path(area_path).filename().string(), area.name, pair->a.name,
                                                   pair->b.name, tracker_name));
  root.insert_or_assign("groups", toml::table{{"a", GroupTable(pair->a)}, {"b", GroupTable(pair->b)}});
  std::ostringstream text;
  text << "# Written by entangle from the tracker " << ctx.origin << ": the area " << area_path << " for the pair "
       << pair->key << ".\n"
       << root << "\n";
  Result<StudyDefinition> study = ParseStudyDefinition(text.str(), area_path);
  if (!study.ok()) return study.status();
  out.study = std::move(*study);
  out.study.source_path = area_path;
  return out;
}

}  // namespace

std::span<const PairPreset> PairPresets() { return kPairPresets; }

const PairPreset* FindPairPreset(std::string_view key) {
  for (const PairPreset& p : kPairPresets) {
    if (EqualsIgnoreAsciiCase(p.key, key)) return &p;
  }
  return nullptr;
}

Result<TrackerDefinition> ParseTrackerDefinition(const std::string& toml_text, const std::string& origin) {
  const Ctx ctx{origin};
  toml::table root;
  ENTANGLE_RETURN_IF_ERROR(ParseToml(ctx, toml_text, &root));
  ENTANGLE_RETURN_IF_ERROR(CheckKeys(ctx, root, "", {"name", "description", "areas", "pairs"}));
  TrackerDefinition def;
  def.source_path = origin;
  const auto* name = root.get_as<std::string>("name");
  if (name == nullptr || std::string(TrimWhitespace(name->get())).empty())
    return ctx.Error("name", "required: the tracker's title");
  def.name = std::string(TrimWhitespace(name->get()));
  if (const auto* description = root.get_as<std::string>("description")) def.description = description->get();

  if (root.get("areas") == nullptr) return ctx.Error("areas", "required: the study files of the areas");
  Result<std::vector<std::string>> areas = StringList(ctx, root.get("areas"), "areas");
  if (!areas.ok()) return areas.status();
  if (areas->empty()) return ctx.Error("areas", "must name at least one study file");
  const fs::path base = fs::path(origin).parent_path();
  std::set<std::string> stems;
  for (size_t i = 0; i < areas->size(); ++i) {
    fs::path path = fs::path((*areas)[i]);
    if (path.is_relative()) path = base / path;
    if (!stems.insert(path.stem().string()).second) {
      return ctx.Error(fmt::format("areas[{}]", i), fmt::format("a second area named \"{}\"", path.stem().string()));
    }
    def.area_paths.push_back(path.lexically_normal().string());
  }

  if (const toml::node* pairs = root.get("pairs")) {
    const toml::array* array = pairs->as_array();
    if (array == nullptr || array->empty()) {
      return ctx.Error("pairs", "must be a non-empty array of preset names or {key, a, b} tables");
    }
    std::set<std::string> keys;
    for (size_t i = 0; i < array->size(); ++i) {
      const std::string where = fmt::format("pairs[{}]", i);
      const toml::node* item = array->get(i);
      Result<TrackerPair> pair =
          item->is_string()  ? PresetPair(ctx, std::string(TrimWhitespace(*item->value<std::string>())), where)
          : item->is_table() ? WrittenPair(ctx, *item->as_table(), where)
                             : Result<TrackerPair>(ctx.Error(where, "must be a preset name or a {key, a, b} table"));
      if (!pair.ok()) return pair.status();
      if (!keys.insert(pair->key).second)
        return ctx.Error(where, fmt::format("pair \"{}\" is listed twice", pair->key));
      def.pairs.push_back(std::move(*pair));
    }
  }

  for (const std::string& path : def.area_paths) {
    Result<StudyDefinition> area = LoadStudyDefinition(path);
    if (!area.ok()) {
      std::string message = fmt::format("{}: area {}: {}", origin, path, area.status().message());
      return area.status().code() == Status::Code::kNotFound ? Status::NotFound(message)
                                                             : Status::InvalidArgument(message);
    }
    if (def.pairs.empty()) {
      Result<TrackerStudy> study = Expand(ctx, def.name, path, *area, nullptr);
      if (!study.ok()) return study.status();
      def.studies.push_back(std::move(*study));
    }
    for (const TrackerPair& pair : def.pairs) {
      Result<TrackerStudy> study = Expand(ctx, def.name, path, *area, &pair);
      if (!study.ok()) return study.status();
      def.studies.push_back(std::move(*study));
    }
  }
  return def;
}

Result<TrackerDefinition> LoadTrackerDefinition(const std::string& path) {
  Result<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  return ParseTrackerDefinition(*text, path);
}

}  // namespace entangle::select
