#include "report/report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>

#include "analyze/analysis_db.h"
#include "analyze/exhibits.h"
#include "common/sha256.h"
#include "network/network_layout.h"
#include "report/html_text.h"
#include "report/network_json.h"
#include "select/study_definition.h"
#include "store/study_db.h"
#include "support/temp_dir.h"

namespace entangle::report {
namespace {

namespace fs = std::filesystem;

constexpr const char* kEvil = "<script>alert(1)</script>";
constexpr const char* kEvilEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
constexpr const char* kStudyToml =
    "name = \"Report test\"\ndescription = \"A hand-made study for the report tests.\"\n"
    "[groups.a]\nname = \"Europe\"\ncountries = [\"DE\", \"GB\"]\n"
    "[groups.b]\nname = \"China\"\ncountries = [\"CN\", \"HK\"]\n"
    "[scope]\nyears = [2019, 2021]\n";

using entangle::testing::TempDir;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A study database with a run, counts, two skipped records and the given institution entities.
std::string MakeDatabase(const TempDir& dir, const std::vector<std::string>& inputs,
                         const std::vector<std::string>& institution_ids) {
  std::string path = dir / "study.db";
  auto writer = store::StudyDbWriter::Create(path);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  store::RunInfo run;
  run.study_name = "Report test";
  run.study_path = "studies/report-test.toml";
  run.study_toml = kStudyToml;
  run.study_sha256 = Sha256Hex(kStudyToml);
  run.group_a_name = "Europe";
  run.group_a_countries = {"DE", "GB"};
  run.group_b_name = "China";
  run.group_b_countries = {"CN", "HK"};
  run.inputs = inputs;
  run.snapshot_date = "2025-11-11";
  run.tool_version = "0.1.0";
  run.command_line = "entangle scan corpus --db study.db";
  run.started_at = "2025-11-12T10:00:00Z";
  EXPECT_TRUE((*writer)->PutRun(run).ok());
  for (const std::string& id : institution_ids) {
    extract::InstitutionEntity entity;
    entity.id = id;
    entity.display_name = "Institution " + id;
    entity.country_code = "DE";
    EXPECT_TRUE((*writer)->PutInstitution(entity).ok());
  }
  EXPECT_TRUE((*writer)->PutSkip({"malformed_json", "data/works/part_000.gz", 17, "W42", "unexpected end"}).ok());
  EXPECT_TRUE((*writer)->PutSkip({"malformed_json", "data/works/part_000.gz", 99, "", ""}).ok());
  store::RunCounts counts;
  counts.records = 20227;
  counts.works = 20225;
  counts.in_scope = 7351;
  counts.field_relevant = 1618;
  counts.joint = 342;
  counts.skipped = {{"malformed_json", 2}};
  counts.finished_at = "2025-11-12T10:00:07Z";
  EXPECT_TRUE((*writer)->FinishRun(counts).ok());
  EXPECT_TRUE((*writer)->Commit().ok());
  return path;
}

analyze::ExhibitTable Exhibit(std::string id, std::string title, std::vector<std::string> columns,
                              std::vector<std::vector<std::string>> rows) {
  analyze::ExhibitTable t;
  t.id = std::move(id);
  t.title = std::move(title);
  t.definition = "What " + t.id + " counts.";
  t.counting = "whole";
  t.data_date = "2025-11-11";
  t.source = "OpenAlex snapshot 2025-11-11 via entangle 0.1.0; study Report test (sha256 abc)";
  t.columns = std::move(columns);
  t.rows = std::move(rows);
  t.incomplete_years = {2021};
  t.notes = {"Incomplete year(s) (indexing delay): 2021; counts for them will still grow."};
  return t;
}

std::vector<analyze::ExhibitTable> SampleExhibits() {
  return {
      Exhibit("joint_by_country", "Exhibit 1: joint papers by country",
              {"group", "country", "joint_papers", "share_pct"},
              {{"Europe", "all", "36951", "100"},
               {"Europe", "GB", "17380", "47.04"},
               {"Europe", "DE", "4434", "12"},
               {"China", "all", "36951", "100"},
               {"China", "CN", "35210", "95.29"}}),
      Exhibit("joint_by_year", "Exhibit 2: joint papers by year",
              {"year", "joint_papers", "group_a_papers", "group_b_papers", "change_pct", "incomplete"},
              {{"2019", "4012", "4012", "4012", "", ""},
               {"2020", "4501", "4501", "4501", "12.19", ""},
               {"2021", "3905", "3905", "3905", "-13.24", "yes"}}),
      Exhibit("institutions", "Joint papers per institution (as given)",
              {"institution_id", "institution", "country", "group", "type", "joint_papers", "root_id"},
              {{"I1", kEvil, "CN", "China", "education", "1348", "I1"},
               {"I2", "Technical University of Munich", "DE", "Europe", "education", "1211", "I2"},
               {"I3", "RWTH Aachen University", "DE", "Europe", "education", "604", "I3"}}),
      Exhibit("subfields", "Exhibit 4: joint papers by subfield",
              {"field_id", "field", "subfield_id", "subfield", "joint_papers", "share_pct"},
              {{"17", "Computer Science", "1707", "Computer Vision and Pattern Recognition", "9120", "24.68"},
               {"17", "Computer Science", "1702", "Artificial Intelligence", "8010", "21.68"}}),
      // An exhibit no chart family knows: the generic chart draws it from its columns.
      Exhibit("mystery_exhibit", "A later stage's exhibit", {"label", "papers"}, {{"alpha", "12"}, {"beta", "7"}}),
      Exhibit("institutions_above_threshold", "Exhibit 5: institutions with more than 1000 joint papers",
              {"rank", "institution_id", "institution", "country", "group", "joint_papers"}, {}),
  };
}

network::InstitutionNetwork SampleNetwork() {
  network::InstitutionNetwork net;
  auto node = [](std::string key, std::string label, std::string country, std::string group, uint64_t works,
                 int community) {
    network::NetworkNode n;
    n.key = std::move(key);
    n.label = std::move(label);
    n.country = std::move(country);
    n.group = select::Sides::FromLabel(group);
    n.works = works;
    n.community = community;
    n.strength = static_cast<double>(works) / 2;
    return n;
  };
  net.nodes = {node("I1", kEvil, "CN", "b", 1348, 0),
               node("I2", "Technical University of Munich", "DE", "a", 1211, 0),
               node("I3", "RWTH Aachen University", "DE", "a", 604, 1),
               node("I4", "Tsinghua \" onmouseover=\"alert(2)", "CN", "b", 500, 1),
               node("I5", "MIT", "US", "", 20, 2),
               node("I6", "Lone pair A", "FR", "a", 3, 3),
               node("I7", "Lone pair B", "HK", "b", 2, 3)};
  net.edges = {{0, 1, 300}, {0, 2, 120}, {1, 2, 40}, {1, 3, 25}, {2, 3, 9}, {3, 4, 2}, {5, 6, 1}};
  net.communities = 4;
  net.modularity = 0.31;
  net.description = "A hand-made network.";
  return net;
}

struct Rendered {
  TempDir dir;
  std::string html;
};

std::unique_ptr<Rendered> Render(bool synthetic_marker, std::vector<std::string> ids = {"I4210159102"}) {
  auto r = std::make_unique<Rendered>();
  fs::create_directories(r->dir.path() / "corpus" / "data" / "works");
  if (synthetic_marker) std::ofstream(r->dir / "corpus/SYNTHETIC.txt") << "SYNTHETIC DATA - NOT OPENALEX\n";
  ReportOptions options;
  options.database_path = MakeDatabase(r->dir, {r->dir / "corpus/data/works"}, ids);
  options.exhibits = SampleExhibits();
  options.network = SampleNetwork();
  options.generated_at = "2025-11-12T11:00:00Z";
  Result<std::string> html = RenderReport(options);
  EXPECT_TRUE(html.ok()) << html.status().ToString();
  if (html.ok()) r->html = *html;
  return r;
}

// The attributes of a chart's data mark (<rect class="mark" ...> or <circle class="mark" ...>).
struct MarkAttrs {
  std::map<std::string, std::string> attrs;
};

std::vector<MarkAttrs> Marks(const std::string& html) {
  std::vector<MarkAttrs> marks;
  std::regex element(R"(<(rect|circle) class="mark"([^>]*)>)");
  std::regex attribute(R"(([a-z-]+)="([^"]*)\")");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), element); it != std::sregex_iterator(); ++it) {
    MarkAttrs mark;
    std::string body = (*it)[2];
    for (auto a = std::sregex_iterator(body.begin(), body.end(), attribute); a != std::sregex_iterator(); ++a) {
      mark.attrs[(*a)[1]] = (*a)[2];
    }
    marks.push_back(std::move(mark));
  }
  return marks;
}

TEST(ReportHtmlTest, HasASectionAndAContentsEntryForEveryExhibit) {
  auto r = Render(false);
  for (const analyze::ExhibitTable& t : SampleExhibits()) {
    EXPECT_NE(r->html.find("<section class=\"exhibit\" id=\"exhibit-" + t.id + "\""), std::string::npos) << t.id;
    EXPECT_NE(r->html.find("<a href=\"#exhibit-" + t.id + "\">"), std::string::npos) << t.id;
  }
  EXPECT_NE(r->html.find("id=\"network\""), std::string::npos);
  EXPECT_NE(r->html.find("id=\"provenance\""), std::string::npos);
  EXPECT_NE(r->html.find("id=\"net-svg\""), std::string::npos);
  // The empty exhibit says so instead of drawing an empty chart.
  size_t empty = r->html.find("id=\"exhibit-institutions_above_threshold\"");
  ASSERT_NE(empty, std::string::npos);
  EXPECT_NE(r->html.find("has no rows", empty), std::string::npos);
}

TEST(ReportHtmlTest, ReferencesNothingOutsideTheFile) {
  auto r = Render(true);
  std::regex link(R"re(\b(src|href|xlink:href|action|srcset|poster|data)\s*=\s*(["'])(.*?)\2)re", std::regex::icase);
  size_t links = 0;
  for (auto it = std::sregex_iterator(r->html.begin(), r->html.end(), link); it != std::sregex_iterator(); ++it) {
    std::string value = (*it)[3];
    ++links;
    EXPECT_TRUE(value.rfind("#", 0) == 0 || value.rfind("data:", 0) == 0) << (*it)[0];
  }
  EXPECT_GT(links, 5u);  // the table of contents at least
  // CSS and SVG references: only to ids in the page.
  std::regex url(R"(url\(\s*['"]?([^)'"]*))");
  for (auto it = std::sregex_iterator(r->html.begin(), r->html.end(), url); it != std::sregex_iterator(); ++it) {
    EXPECT_EQ(std::string((*it)[1]).rfind("#", 0), 0u) << (*it)[0];
  }
  EXPECT_EQ(r->html.find("@import"), std::string::npos);
  EXPECT_EQ(r->html.find("<link"), std::string::npos);
  EXPECT_EQ(r->html.find("<iframe"), std::string::npos);
  // The policy that makes the browser refuse any fetch, should something slip through.
  EXPECT_NE(r->html.find("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-"),
            std::string::npos);
  EXPECT_EQ(r->html.find("unsafe-inline"), std::string::npos);
}

// A real run's tables link each DOI and OpenAlex/ROR id to its record (issue 18, the dossier's
// links in the report too): links the reader follows, never anything the page loads itself. A
// synthetic run's ids name no real record, so its tables link nothing.
TEST(ReportHtmlTest, RecordsLinkToTheirPagesExceptInSyntheticRuns) {
  auto real = Render(false);
  EXPECT_NE(real->html.find("<td data-v=\"I2\"><a href=\"https://openalex.org/I2\">I2</a></td>"), std::string::npos);
  std::regex reference(R"re(\b(src|href|xlink:href|action|srcset|poster|data)\s*=\s*(["'])(.*?)\2)re",
                       std::regex::icase);
  size_t outside = 0;
  for (auto it = std::sregex_iterator(real->html.begin(), real->html.end(), reference); it != std::sregex_iterator();
       ++it) {
    std::string attribute = (*it)[1], value = (*it)[3];
    if (value.rfind("#", 0) == 0 || value.rfind("data:", 0) == 0) continue;
    ++outside;
    EXPECT_EQ(attribute, "href") << (*it)[0];
    EXPECT_TRUE(value.rfind("https://openalex.org/", 0) == 0 || value.rfind("https://doi.org/", 0) == 0 ||
                value.rfind("https://ror.org/", 0) == 0)
        << (*it)[0];
  }
  EXPECT_GT(outside, 0u);
  auto synthetic = Render(true);
  EXPECT_EQ(synthetic->html.find("https://openalex.org/"), std::string::npos);
}

// The report links each risk source to the list entry that is its evidence (issue 18): a table
// with `sources` and `source_urls` shows each source as a link to its URL, in synthetic runs too
// (the registry is real even when the works are made up), and only http(s) URLs become links.
TEST(ReportHtmlTest, RiskTablesLinkEachSourceToItsListEntry) {
  for (bool synthetic : {false, true}) {
    TempDir dir;
    fs::create_directories(dir.path() / "corpus" / "data" / "works");
    if (synthetic) std::ofstream(dir / "corpus/SYNTHETIC.txt") << "SYNTHETIC DATA - NOT OPENALEX\n";
    ReportOptions options;
    options.database_path = MakeDatabase(dir, {dir / "corpus/data/works"}, {"I4210159102"});
    options.exhibits = {
        Exhibit("risk_papers", "Joint papers with a tie or a dual-use term",
                {"work_id", "entity_keys", "sources", "terms", "source_urls"},
                {{"W1", "openalex:I204983213", "ASPI China Defence Universities Tracker; entangle curation", "",
                  "https://unitracker.aspi.org.au/universities/harbin-institute-of-technology; "
                  "https://en.wikipedia.org/wiki/Seven_Sons_of_National_Defence https://example.org/second"},
                 {"W2", "x", "Some list; Other list", "", "javascript:alert(1); "}})};
    options.generated_at = "2025-11-12T11:00:00Z";
    Result<std::string> html = RenderReport(options);
    ASSERT_TRUE(html.ok()) << html.status().ToString();
    EXPECT_NE(html->find("<a href=\"https://unitracker.aspi.org.au/universities/harbin-institute-of-technology\">ASPI "
                         "China Defence Universities Tracker</a>; <a "
                         "href=\"https://en.wikipedia.org/wiki/Seven_Sons_of_National_Defence\">entangle curation</a> "
                         "<a href=\"https://example.org/second\">[2]</a>"),
              std::string::npos)
        << "synthetic " << synthetic;
    EXPECT_NE(html->find(">Some list; Other list</td>"), std::string::npos) << "a bad URL stays text";
    EXPECT_EQ(html->find("href=\"javascript"), std::string::npos);
    EXPECT_EQ(html->find(">source urls</th>"), std::string::npos) << "the URLs are in the links, not a column";
  }
}

TEST(ReportTextTest, RecordUrlsByColumn) {
  EXPECT_EQ(RecordUrl("doi", "10.1109/cvpr46437.2021.00681"), "https://doi.org/10.1109/cvpr46437.2021.00681");
  EXPECT_EQ(RecordUrl("work_id", "W3170841864"), "https://openalex.org/W3170841864");
  EXPECT_EQ(RecordUrl("institution_id", "I24943067"), "https://openalex.org/I24943067");
  EXPECT_EQ(RecordUrl("funder_id", "F4320321001"), "https://openalex.org/F4320321001");
  EXPECT_EQ(RecordUrl("entity_key", "openalex:I24943067"), "https://openalex.org/I24943067");
  EXPECT_EQ(RecordUrl("entity_key", "ror:013q1eq08"), "https://ror.org/013q1eq08");
  EXPECT_EQ(RecordUrl("ror", "013q1eq08"), "https://ror.org/013q1eq08");
  // Not records: a group total, a subfield number, a registry key, an empty cell, a DOI with a space.
  EXPECT_EQ(RecordUrl("institution_id", "all"), "");
  EXPECT_EQ(RecordUrl("subfield_id", "1702"), "");
  EXPECT_EQ(RecordUrl("entity_key", "aspi:fudan-university"), "");
  EXPECT_EQ(RecordUrl("work_id", ""), "");
  EXPECT_EQ(RecordUrl("doi", "10.1/a b"), "");
  EXPECT_EQ(RecordUrl("institution", "I24943067"), "");  // a name column, whatever it holds
}

TEST(ReportHtmlTest, ChartNumbersMatchTheTables) {
  auto r = Render(false);
  std::map<std::string, analyze::ExhibitTable> by_id;
  for (analyze::ExhibitTable& t : SampleExhibits()) by_id[t.id] = t;
  std::map<std::string, size_t> checked;
  for (const MarkAttrs& mark : Marks(r->html)) {
    const auto& a = mark.attrs;
    ASSERT_TRUE(a.count("data-exhibit") && a.count("data-value"));
    if (!a.count("data-row")) continue;  // a derived number (a remainder of a stacked bar)
    const analyze::ExhibitTable& t = by_id.at(a.at("data-exhibit"));
    size_t row = std::stoul(a.at("data-row"));
    auto col = std::find(t.columns.begin(), t.columns.end(), a.at("data-col"));
    ASSERT_NE(col, t.columns.end()) << a.at("data-col");
    ASSERT_LT(row, t.rows.size());
    EXPECT_EQ(a.at("data-value"), t.rows[row][static_cast<size_t>(col - t.columns.begin())])
        << t.id << " row " << row << " " << a.at("data-col");
    ++checked[t.id];
  }
  EXPECT_EQ(checked["joint_by_country"], 3u);  // GB, DE and CN; the "all" rows are not drawn
  EXPECT_EQ(checked["joint_by_year"], 3u);
  EXPECT_EQ(checked["institutions"], 3u);
  EXPECT_EQ(checked["subfields"], 2u);
  EXPECT_EQ(checked["mystery_exhibit"], 2u);
  // Labels print what the table prints: thousands separators in both.
  size_t chart = r->html.find("id=\"chart-joint_by_country-0\"");
  ASSERT_NE(chart, std::string::npos);
  EXPECT_NE(r->html.find(">17,380  (47.04%)</text>", chart), std::string::npos);
  EXPECT_NE(r->html.find("<td class=\"num\" data-v=\"17380\">17,380</td>"), std::string::npos);
  EXPECT_NE(r->html.find(">4,012</text>"), std::string::npos);  // a point label of the year chart
  // The network circles carry the nodes' works.
  std::regex circle(
      R"re(<circle cx="[^"]*" cy="[^"]*" r="[^"]*" fill="[^"]*" data-i="(\d+)"[^>]*data-works="(\d+)")re");
  network::InstitutionNetwork net = SampleNetwork();
  size_t circles = 0;
  for (auto it = std::sregex_iterator(r->html.begin(), r->html.end(), circle); it != std::sregex_iterator(); ++it) {
    EXPECT_EQ(std::stoull((*it)[2]), net.nodes[std::stoul((*it)[1])].works);
    ++circles;
  }
  EXPECT_EQ(circles, net.nodes.size());
}

TEST(ReportHtmlTest, EscapesNamesFromTheData) {
  auto r = Render(false);
  EXPECT_EQ(r->html.find(kEvil), std::string::npos);
  EXPECT_NE(r->html.find(kEvilEscaped), std::string::npos);
  // Only the report's own two scripts.
  size_t scripts = 0;
  for (size_t at = r->html.find("<script"); at != std::string::npos; at = r->html.find("<script", at + 1)) ++scripts;
  EXPECT_EQ(scripts, 2u);
  // A quote in a name cannot end an attribute and open an event handler.
  EXPECT_EQ(r->html.find("onmouseover=\"alert"), std::string::npos);
  EXPECT_NE(r->html.find("Tsinghua &quot; onmouseover=&quot;alert(2)"), std::string::npos);
  EXPECT_EQ(Escape("a\x01"
                   "b\xff"
                   "c"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c");
  EXPECT_EQ(Escape("'&'"), "&#39;&amp;&#39;");
}

TEST(ReportHtmlTest, MarksIncompleteYears) {
  auto r = Render(false);
  size_t section = r->html.find("id=\"exhibit-joint_by_year\"");
  size_t end = r->html.find("</section>", section);
  ASSERT_NE(section, std::string::npos);
  std::string year = r->html.substr(section, end - section);
  EXPECT_NE(year.find("class=\"incomplete-band\""), std::string::npos);
  EXPECT_NE(year.find("fill=\"url(#chart-joint_by_year-0-hatch)\""), std::string::npos);
  EXPECT_NE(year.find(">2021*</text>"), std::string::npos);
  EXPECT_NE(year.find("stroke-dasharray"), std::string::npos);  // the line into 2021
  EXPECT_NE(year.find("<tr data-row=\"2\" class=\"incomplete\">"), std::string::npos);
  EXPECT_EQ(year.find("<tr data-row=\"1\" class=\"incomplete\">"), std::string::npos);
  EXPECT_NE(year.find("2021 incomplete"), std::string::npos);
}

TEST(ReportHtmlTest, HeaderAndProvenanceDescribeTheRun) {
  auto r = Render(false);
  for (const char* expected :
       {"<h1>Report test</h1>", "2019–2021 (publication years)", "2025-11-11", "<b>whole</b>", "<b>Europe</b>", "DE GB",
        "<b>China</b>", "CN HK", "matches the stored text", "20,227", "1,618", "<code>malformed_json</code>",
        "<code>data/works/part_000.gz:17</code> <code>W42</code> — unexpected end", "[scope]\nyears = [2019, 2021]",
        "2025-11-12T10:00:07Z (7 s)", "entangle scan corpus --db study.db"}) {
    EXPECT_NE(r->html.find(expected), std::string::npos) << expected;
  }
}

TEST(ReportSyntheticTest, MarkerFileNextToTheInputs) {
  TempDir dir;
  fs::create_directories(dir.path() / "corpus/data/works/updated_date=2025-11-11");
  std::string part = dir / "corpus/data/works/updated_date=2025-11-11/part_000.gz";
  std::ofstream(part) << "";
  EXPECT_FALSE(DetectSynthetic({part, dir / "corpus"}, {}).synthetic);
  std::ofstream(dir / "corpus/SYNTHETIC.txt") << "SYNTHETIC\n";
  EXPECT_TRUE(DetectSynthetic({part}, {}).synthetic);  // a part file, 4 levels down
  EXPECT_TRUE(DetectSynthetic({dir / "corpus/data/works"}, {}).synthetic);
  EXPECT_TRUE(DetectSynthetic({dir / "corpus"}, {}).synthetic);
  EXPECT_FALSE(DetectSynthetic({dir / "elsewhere"}, {}).synthetic);
}

TEST(ReportSyntheticTest, InventedIdsAloneSuffice) {
  EXPECT_TRUE(IsInventedOpenAlexId("I9100000092"));
  EXPECT_TRUE(IsInventedOpenAlexId("F9100000001"));
  EXPECT_FALSE(IsInventedOpenAlexId("I91045830"));    // a real, shorter id
  EXPECT_FALSE(IsInventedOpenAlexId("I4210159102"));  // a real 10-digit id
  EXPECT_FALSE(IsInventedOpenAlexId("W9100000001"));
  EXPECT_FALSE(IsInventedOpenAlexId("I910000009x"));
  SyntheticVerdict real = DetectSynthetic({"/nonexistent/snapshot"}, {"I4210159102", "I91045830"});
  EXPECT_FALSE(real.synthetic);
  SyntheticVerdict made_up = DetectSynthetic({"/nonexistent/snapshot"}, {"I4210159102", "I9100000092"});
  EXPECT_TRUE(made_up.synthetic);
  ASSERT_EQ(made_up.evidence.size(), 1u);
  EXPECT_NE(made_up.evidence[0].find("I9100000092"), std::string::npos);
}

TEST(ReportSyntheticTest, BannerOnlyOnSyntheticRuns) {
  auto real = Render(false);
  EXPECT_EQ(real->html.find("SYNTHETIC DATA"), std::string::npos);
  EXPECT_EQ(real->html.find("id=\"synthetic-banner\""), std::string::npos);
  EXPECT_NE(real->html.find("No sign of generated data"), std::string::npos);

  auto marker = Render(true);
  size_t banner = marker->html.find(
      "<div class=\"synthetic-banner\" id=\"synthetic-banner\" role=\"alert\">"
      "<strong>SYNTHETIC DATA</strong>");
  ASSERT_NE(banner, std::string::npos);
  EXPECT_LT(banner, marker->html.find("<header"));  // above everything else

  // The corpus is gone (no marker file), but its invented ids are in the database.
  auto ids = Render(false, {"I4210159102", "I9100000001"});
  EXPECT_NE(ids->html.find("id=\"synthetic-banner\""), std::string::npos);
}

TEST(ReportWriteTest, WritesAtomicallyAndReplacesTheFile) {
  TempDir dir;
  ReportOptions options;
  options.database_path = MakeDatabase(dir, {"corpus"}, {});
  options.exhibits = SampleExhibits();
  options.network = SampleNetwork();
  options.output_path = dir / "out/report.html";
  fs::create_directories(dir.path() / "out");
  std::ofstream(options.output_path) << "old report";
  ASSERT_TRUE(WriteReport(options).ok());
  std::string html = ReadFile(options.output_path);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  for (const auto& entry : fs::directory_iterator(dir.path() / "out")) {
    EXPECT_EQ(entry.path().filename(), "report.html") << "left behind: " << entry.path();
  }
  // A target that cannot be replaced leaves it as it was.
  options.output_path = dir / "out";
  EXPECT_FALSE(WriteReport(options).ok());
  EXPECT_TRUE(fs::is_directory(dir.path() / "out"));
  EXPECT_EQ(ReadFile(dir / "out/report.html"), html);
}

TEST(ReportExhibitsTest, ReadsBackWhatAnalyzeStored) {
  TempDir dir;
  std::string db_path = MakeDatabase(dir, {"corpus"}, {});
  auto empty = ReadExhibits(db_path);
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->empty());
  std::vector<analyze::ExhibitTable> exhibits = SampleExhibits();
  exhibits[0].rows.push_back({"Europe", "FR", "", ""});  // NULL cells
  {
    auto db = store::StudyDb::Open(db_path, store::StudyDbAccess::kReadWrite);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(analyze::WriteExhibitTables(**db, exhibits).ok());
  }
  auto stored = ReadExhibits(db_path);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_EQ(stored->size(), exhibits.size());
  for (size_t i = 0; i < exhibits.size(); ++i) {
    const analyze::ExhibitTable& want = exhibits[i];
    const analyze::ExhibitTable& got = (*stored)[i];
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.title, want.title);
    EXPECT_EQ(got.counting, want.counting);
    EXPECT_EQ(got.source, want.source);
    EXPECT_EQ(got.columns, want.columns);
    EXPECT_EQ(got.rows, want.rows) << want.id;  // "47.04" stays "47.04", "1707" stays an id
    EXPECT_EQ(got.incomplete_years, want.incomplete_years);
    EXPECT_EQ(got.notes, want.notes);
  }
}

TEST(ReportNetworkTest, LayoutIsReproducibleAndKeepsComponentsInView) {
  network::InstitutionNetwork net = SampleNetwork();
  auto a = network::LayoutNetwork(net, 100, 100, 7);
  auto b = network::LayoutNetwork(net, 100, 100, 7);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->x, b->x);
  EXPECT_EQ(a->y, b->y);
  ASSERT_EQ(a->x.size(), net.nodes.size());
  for (size_t i = 0; i < a->x.size(); ++i) {
    EXPECT_TRUE(a->x[i] >= 0 && a->x[i] <= 1.5 && a->y[i] >= 0 && a->y[i] <= 1.0) << i;
  }
  // The lone pair (nodes 5, 6) sits below the main component, not flung far away.
  EXPECT_GT(a->y[5], 0.8);
  auto capped = network::LayoutNetwork(net, 3, 2, 7);
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ(capped->nodes.size(), 3u);
  EXPECT_EQ(capped->edges.size(), 2u);  // the two heaviest of the three links among them
  EXPECT_EQ(capped->hidden_nodes, 4u);
  EXPECT_EQ(capped->edges[0].weight + capped->edges[1].weight, 420u);
}

TEST(ReportNetworkTest, ReadsTheNetworkJsonExport) {
  TempDir dir;
  network::InstitutionNetwork net = SampleNetwork();
  ASSERT_TRUE(network::WriteNetworkJson(net, dir / "institutions.network.json").ok());
  auto back = ReadNetworkJson(dir / "institutions.network.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->nodes.size(), net.nodes.size());
  EXPECT_EQ(back->nodes[0].label, kEvil);
  EXPECT_EQ(back->nodes[3].works, 500u);
  EXPECT_EQ(back->edges.size(), net.edges.size());
  EXPECT_EQ(back->edges[0].weight, 300u);
  EXPECT_EQ(back->communities, 4);
  std::ofstream(dir / "bad.json")
      << R"({"format": "entangle-institution-network", "nodes": [{"works": "many"}], "edges": []})";
  EXPECT_FALSE(ReadNetworkJson(dir / "bad.json").ok());
}

TEST(ReportTextTest, NumbersGetThousandsSeparatorsWhereTheyAreCounts) {
  EXPECT_EQ(WithThousands("36951"), "36,951");
  EXPECT_EQ(WithThousands("1234567.125"), "1,234,567.125");
  EXPECT_EQ(WithThousands("-1234.5"), "-1,234.5");
  EXPECT_EQ(WithThousands("999"), "999");
  EXPECT_EQ(WithThousands("0.3333"), "0.3333");
  EXPECT_EQ(WithThousands("all"), "all");
  EXPECT_EQ(WithThousands(""), "");
  EXPECT_EQ(WithThousands("1.5e-05"), "1.5e-05");
  EXPECT_EQ(DisplayCell("year", "2021"), "2021");
  EXPECT_EQ(DisplayCell("subfield_id", "1702"), "1702");
  EXPECT_EQ(DisplayCell("2021", "1702"), "1,702");  // a year column of counts
  EXPECT_EQ(FormatValue(1234.5678, 2), "1,234.57");
  EXPECT_EQ(PlainValue(3.0, 2), "3");
}

}  // namespace
}  // namespace entangle::report
