// The partner dossier (`entangle screen --partner ... --format html|markdown`, issue 18) on a small
// generated study: ties gravest first, designations apart from assessments, each tie's evidence in
// words (source, the source's date, the route and the matched text), the joint papers by title with
// DOI and OpenAlex links and their dual-use terms marked, empty sections said in a sentence, every
// title escaped; `--home` ranks partners by their gravest tie, then joint papers, in every format.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "e2e/headless_chromium.h"
#include "risk/risk.h"
#include "support/real_records.h"
#include "support/temp_dir.h"

namespace entangle {
namespace {

using nlohmann::json;
using testing::RunEntangle;
using testing::TempDir;

constexpr const char* kBeihang = "I82880672";             // ROR 00wk2mp56; seven_sons in ASPI and the curated list
constexpr const char* kXupt = "I9100000123";              // Xi'an University of Posts and Telecommunications
constexpr const char* kCambridge = "I241749";             // a home with partners of several categories
constexpr const char* kSurveillanceWork = "W5955015737";  // "... abnormal behaviour in video surveillance ..."

// A registry of our own that ties Beihang three ways, to three entities, in load order from the
// least to the gravest: an assessment "defence_linked" by its OpenAlex id, an assessment "pla" by
// its exact name, and a designation (Entity List) by its ROR id.
constexpr const char* kTestRegistry =
    "key,kind,category,name_en,name_zh,aliases,other_names,country,ror_ids,openalex_ids,supervising_agencies,"
    "defence_labs,listed_on,delisted_on,reason,source,source_date,source_url,licence\n"
    "test:alpha,assessment,defence_linked,Test Assessment Alpha,,,,CN,,I82880672,,,,,alpha reason,Test Source One,"
    "2021-03,https://example.org/alpha,CC0-1.0\n"
    "test:bravo,assessment,pla,Beihang University,,,,CN,,,,,,,bravo reason,Test Source Two,2022-05-17,,CC0-1.0\n"
    "test:gamma,designation,us_csl_el,Test Designation Gamma,,,,CN,00wk2mp56,,,,2020-06-05,,gamma reason,"
    "Test Entity List,2025-01-15,https://example.org/gamma,CC0-1.0\n";

class DossierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    run_ = new testing::SyntheticRun(testing::RunSyntheticStudy(*dir_));
    ASSERT_TRUE(run_->ok) << run_->out << run_->err;
    dir_->Write("test-registry.csv", kTestRegistry);
  }
  static void TearDownTestSuite() {
    delete run_;
    delete dir_;
  }
  static std::string db() { return run_->out_dir + "/study.db"; }
  static std::string registry() { return *dir_ / "test-registry.csv"; }
  // `entangle screen --db DB ARGS --format FORMAT`: its stdout (the exit code must be 0).
  static std::string Screen(const std::string& args, const std::string& format, const std::string& database = "") {
    std::string out, err;
    EXPECT_EQ(
        RunEntangle(fmt::format("screen --db '{}' {} --format {}", database.empty() ? db() : database, args, format),
                    &out, &err),
        0)
        << args << " " << format << ": " << err;
    return out;
  }
  static json ScreenJson(const std::string& args, const std::string& database = "") {
    return json::parse(Screen(args, "json", database), nullptr, false);
  }
  static TempDir* dir_;
  static testing::SyntheticRun* run_;
};
TempDir* DossierTest::dir_ = nullptr;
testing::SyntheticRun* DossierTest::run_ = nullptr;

// The text between `from` and the next `to` (to the end when there is none); "" without `from`.
std::string Between(const std::string& s, const std::string& from, const std::string& to) {
  size_t a = s.find(from);
  if (a == std::string::npos) return "";
  size_t b = s.find(to, a + from.size());
  return s.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

std::string WithoutMarks(std::string html) {
  for (const char* tag : {"<mark>", "</mark>"}) {
    for (size_t at; (at = html.find(tag)) != std::string::npos;) html.erase(at, std::string(tag).size());
  }
  return html;
}

std::string HtmlEscaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else if (c == '\'') out += "&#39;";
    else out += c;
  }
  return out;
}

// Runs of white space as one space, none at the ends.
std::string Squeezed(const std::string& s) {
  std::string out = std::regex_replace(s, std::regex("\\s+"), " ");
  size_t a = out.find_first_not_of(' '), b = out.find_last_not_of(' ');
  return a == std::string::npos ? "" : out.substr(a, b - a + 1);
}

// Headings in document order: HTML <h1>..<h3> as text, Markdown "#" lines without markup.
std::vector<std::string> HtmlHeadings(const std::string& html) {
  std::vector<std::string> out;
  std::regex heading("<h([1-3])[^>]*>(.*?)</h\\1>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), heading); it != std::sregex_iterator(); ++it) {
    std::string text = std::regex_replace((*it)[2].str(), std::regex("<[^>]+>"), " ");
    text = std::regex_replace(text, std::regex("&amp;"), "&");
    text = std::regex_replace(text, std::regex("&#39;"), "'");
    text = std::regex_replace(text, std::regex("&quot;"), "\"");
    out.push_back(Squeezed(text));
  }
  return out;
}
std::vector<std::string> MarkdownHeadings(const std::string& md) {
  std::vector<std::string> out;
  std::istringstream in(md);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, std::regex("#{1,3} (.*)"))) continue;
    std::string text = std::regex_replace(m[1].str(), std::regex("\\*\\*\\[([^\\]]*)\\]\\*\\*"), "$1");
    text = std::regex_replace(text, std::regex("\\*\\*"), "");
    text = std::regex_replace(text, std::regex("\\\\(.)"), "$1");
    out.push_back(Squeezed(text));
  }
  return out;
}

// The severity rank of a tie source as docs/screening.md defines it, independently of the code.
int SourceRank(const json& source) {
  const std::string category = source["category"];
  if (source["kind"] == "designation") return source["delisted_on"].get<std::string>().empty() ? 0 : 5;
  for (const char* c : {"pla", "pap", "mps", "mss", "security"}) {
    if (category == c) return 1;
  }
  if (category == "seven_sons") return 2;
  if (category == "defence_industry") return 3;
  if (category == "defence_linked") return 4;
  return 5;
}
int EntitiesRank(const json& entities) {
  int rank = 6;
  for (const auto& e : entities) {
    for (const auto& s : e["sources"]) {
      rank = std::min(rank, SourceRank(s));
    }
  }
  return rank;
}

TEST_F(DossierTest, TiesAreOrderedBySeverityInEveryFormat) {
  const std::string args = fmt::format("--partner {} --registry {}", kBeihang, registry());
  json answer = ScreenJson(args);
  ASSERT_EQ(answer["kind"], "partner") << answer.dump(1);
  std::vector<std::string> keys;
  for (const auto& e : answer["ties"]) keys.push_back(e["entity_key"]);
  // Gravest first: the designation, then the PLA assessment, then the defence-linked one.
  EXPECT_EQ(keys, (std::vector<std::string>{"ror:00wk2mp56", "test:bravo", "openalex:I82880672"}));
  std::vector<std::string> severities;
  for (const auto& e : answer["ties"]) severities.push_back(e["severity"]);
  EXPECT_EQ(severities, (std::vector<std::string>{"designation", "military_security", "defence_linked"}));

  for (const char* format : {"text", "markdown", "html"}) {
    std::string out = Screen(args, format);
    size_t gamma = out.find("Test Designation Gamma"), bravo = out.find("(entity test:bravo)"),
           alpha = out.find("Test Assessment Alpha");
    ASSERT_NE(gamma, std::string::npos) << format << out;
    ASSERT_NE(bravo, std::string::npos) << format << out;
    ASSERT_NE(alpha, std::string::npos) << format << out;
    EXPECT_LT(gamma, bravo) << format;
    EXPECT_LT(bravo, alpha) << format << ": a PLA tie before a defence-linked one";
    EXPECT_NE(out.find("military or security organ"), std::string::npos) << format << ": the severity in words";
  }
}

TEST_F(DossierTest, DesignationsAreShownApartFromAssessments) {
  const std::string args = fmt::format("--partner {} --registry {}", kBeihang, registry());
  for (const char* format : {"html", "markdown", "text"}) {
    std::string out = Screen(args, format);
    std::string designations = Between(out, "Ties: designations (government acts)", "Ties: assessments");
    std::string assessments = Between(out, "Ties: assessments (analysts", "Joint papers");
    ASSERT_FALSE(designations.empty()) << format << out;
    ASSERT_FALSE(assessments.empty()) << format << out;
    EXPECT_NE(designations.find("Test Designation Gamma"), std::string::npos) << format;
    EXPECT_EQ(designations.find("Test Assessment Alpha"), std::string::npos) << format;
    EXPECT_EQ(designations.find("test:bravo"), std::string::npos) << format;
    EXPECT_EQ(assessments.find("Test Designation Gamma"), std::string::npos) << format;
    EXPECT_NE(assessments.find("Test Assessment Alpha"), std::string::npos) << format;
    EXPECT_NE(assessments.find("test:bravo"), std::string::npos) << format;
    // A designation says when it was listed and what it does in law.
    EXPECT_NE(designations.find("listed 5 Jun 2020"), std::string::npos) << format << designations;
    EXPECT_NE(designations.find("Legal effect"), std::string::npos) << format;
    EXPECT_NE(designations.find("need a licence"), std::string::npos) << format;
  }
  // Without a designation in the registry, the section says so in a sentence.
  std::string html = Screen(fmt::format("--partner {}", kBeihang), "html");
  std::string none = Between(html, "Ties: designations (government acts)", "Ties: assessments");
  EXPECT_NE(none.find("No government designation in the loaded registry names it"), std::string::npos) << none;
  EXPECT_EQ(none.find("<ul"), std::string::npos) << "an empty list instead of a sentence";
}

// A sentence about legal effect is evidence like the rest of the dossier (issue 18): it comes from
// data/risk/legal-effects.csv with a link to the list's own notice it paraphrases, and where that
// notice's text could not be checked (the 1260H list) only the link is printed.
TEST_F(DossierTest, LegalEffectIsASentenceOfTheListsOwnNoticeWithItsLink) {
  constexpr const char* kSection744_16 =
      "https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-744/section-744.16";
  std::string registry = dir_->Write(
      "registry-1260h.csv",
      std::string(kTestRegistry) +
          "test:delta,designation,us_1260h,Test Designation Delta,,,,CN,00wk2mp56,,,,2021-06-03,,delta reason,"
          "Test 1260H List,2025-01-07,https://example.org/delta,CC0-1.0\n");
  const std::string args = fmt::format("--partner {} --registry {}", kBeihang, registry);
  for (const char* format : {"html", "markdown", "text"}) {
    std::string out = Screen(args, format);
    std::string designations = Between(out, "Ties: designations (government acts)", "Ties: assessments");
    ASSERT_FALSE(designations.empty()) << format << out;
    // One entity (both match by the ROR id) with two sources, the Entity List's first.
    std::string el = Between(designations, "by the Test Entity List", "by the Test 1260H List");
    std::string delta = Between(designations, "by the Test 1260H List", "by the Test Entity List");
    ASSERT_FALSE(el.empty()) << format << designations;
    ASSERT_FALSE(delta.empty()) << format << designations;
    EXPECT_NE(el.find("Legal effect: Exports, re-exports and in-country transfers to it"), std::string::npos)
        << format << el;
    EXPECT_NE(el.find(kSection744_16), std::string::npos) << format << ": the regulation it paraphrases";
    EXPECT_NE(delta.find("Legal effect: see "), std::string::npos) << format << delta;
    EXPECT_NE(delta.find("https://www.govinfo.gov/app/details/PLAW-116publ283"), std::string::npos) << format;
    EXPECT_EQ(delta.find("contract"), std::string::npos) << format << ": no sentence the notice does not back";
    EXPECT_EQ(out.find("read the list's notice"), std::string::npos) << format;
  }
  std::string html = Screen(args, "html");
  EXPECT_NE(html.find(fmt::format("<a href=\"{}\" class=\"print-url\">", kSection744_16)), std::string::npos)
      << "a link the printed page shows";
  json answer = ScreenJson(args);
  int designations = 0;
  for (const auto& e : answer["ties"]) {
    for (const auto& t : e["sources"]) {
      if (t["kind"] != "designation") continue;
      ++designations;
      EXPECT_FALSE(t["legal_notice_url"].get<std::string>().empty()) << t.dump();
    }
  }
  EXPECT_EQ(designations, 2);
}

TEST_F(DossierTest, EachTieHasItsEvidenceInWordsWithRouteAndMatchedText) {
  // The shipped registry: ASPI lists Beihang as one of the Seven Sons.
  std::string text = Screen(fmt::format("--partner {}", kBeihang), "text");
  EXPECT_NE(text.find("Listed by the ASPI China Defence Universities Tracker (Aug 2020) as one of the Seven Sons of "
                      "National Defence; matched by its OpenAlex id I82880672."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Listed by the entangle curation (28 Nov 2026) as one of the Seven Sons of National Defence"),
            std::string::npos)
      << text;
  std::string html = Screen(fmt::format("--partner {}", kBeihang), "html");
  EXPECT_NE(html.find("as one of the Seven Sons of National Defence; matched by its OpenAlex id <a "
                      "href=\"https://openalex.org/I82880672\">I82880672</a>."),
            std::string::npos)
      << html;
  // The source's list entry, linked.
  EXPECT_NE(html.find("href=\"https://unitracker.aspi.org.au/universities/beihang-university\""), std::string::npos);
  // The other routes, with the text that matched.
  std::string md = Screen(fmt::format("--partner {} --registry {}", kBeihang, registry()), "markdown");
  EXPECT_NE(md.find("Listed by the Test Source Two (17 May 2022) as an institution of the People's Liberation Army; "
                    "matched by its exact name “Beihang University”."),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("Designated by the Test Entity List (copy of 15 Jan 2025) as an entity on the US Entity List; "
                    "listed 5 Jun 2020; matched by its ROR id [00wk2mp56](https://ror.org/00wk2mp56)."),
            std::string::npos)
      << md;
  json answer = ScreenJson(fmt::format("--partner {}", kBeihang));
  ASSERT_FALSE(answer["ties"].empty());
  EXPECT_NE(answer["ties"][0]["sources"][0]["evidence"].get<std::string>().find("matched by its OpenAlex id I82880672"),
            std::string::npos);
}

TEST_F(DossierTest, WhoItIsGivesNamesInEnglishAndChineseAndLinkedIds) {
  std::string html = Screen(fmt::format("--partner {}", kBeihang), "html");
  std::string who = Between(html, ">Who it is<", "Ties:");
  ASSERT_FALSE(who.empty()) << html;
  EXPECT_NE(who.find("Beihang University"), std::string::npos);
  EXPECT_NE(who.find("北京航空航天大学"), std::string::npos) << "the Chinese name";
  EXPECT_NE(who.find("<a href=\"https://ror.org/00wk2mp56\">00wk2mp56</a>"), std::string::npos) << who;
  EXPECT_NE(who.find("<a href=\"https://openalex.org/I82880672\">I82880672</a>"), std::string::npos) << who;
  EXPECT_NE(who.find("CN"), std::string::npos);
  EXPECT_NE(who.find("Part of"), std::string::npos) << "the lineage, even when it has no parent";
}

TEST_F(DossierTest, JointPapersAreListedByTitleWithDoiAndOpenAlexLinks) {
  json answer = ScreenJson(fmt::format("--partner {}", kBeihang));
  ASSERT_FALSE(answer["papers"].empty());
  std::string html = WithoutMarks(Screen(fmt::format("--partner {}", kBeihang), "html"));
  std::string md = Screen(fmt::format("--partner {}", kBeihang), "markdown");
  std::string papers = Between(html, "Joint papers (", "Primary topics");
  ASSERT_FALSE(papers.empty()) << html;
  for (const auto& p : answer["papers"]) {
    const std::string id = p["id"], doi = p["doi"], title = p["title"];
    SCOPED_TRACE(id);
    size_t at = papers.find("<li><span class=\"item\">" + HtmlEscaped(title));
    EXPECT_NE(at, std::string::npos) << "the paper is listed by its title:\n" << papers;
    EXPECT_NE(papers.find(fmt::format("<a href=\"https://openalex.org/{0}\">OpenAlex {0}</a>", id)), std::string::npos);
    if (!doi.empty()) {
      EXPECT_NE(papers.find(fmt::format("<a href=\"https://doi.org/{0}\">DOI {0}</a>", doi)), std::string::npos);
      EXPECT_NE(md.find(fmt::format("[DOI {0}](https://doi.org/{0})", doi)), std::string::npos);
    }
    EXPECT_NE(papers.find(std::to_string(p["year"].get<int>())), std::string::npos);
    EXPECT_EQ(html.find("<h3>" + id), std::string::npos) << "a paper headed by its id";
  }
}

TEST_F(DossierTest, DualUseTermsAreMarkedInTitles) {
  // The planted "video surveillance" paper of XUPT (University of Huddersfield's partner).
  json answer = ScreenJson(fmt::format("--partner {} --limit 1000", kXupt));
  bool found = false;
  for (const auto& p : answer["papers"]) found = found || p["id"] == kSurveillanceWork;
  ASSERT_TRUE(found) << answer.dump(1).substr(0, 2000);
  std::string html = Screen(fmt::format("--partner {} --limit 1000", kXupt), "html");
  EXPECT_NE(html.find("abnormal behaviour in <mark>video surveillance</mark> with"), std::string::npos) << html;
  std::string md = Screen(fmt::format("--partner {} --limit 1000", kXupt), "markdown");
  EXPECT_NE(md.find("abnormal behaviour in **video surveillance** with"), std::string::npos) << md;
  EXPECT_NE(md.find("Dual-use terms: video surveillance"), std::string::npos) << md;
  // The same in a home institution's list of papers with its partners.
  std::string home = Screen("--home 'University of Huddersfield' --limit 1000", "html");
  EXPECT_NE(home.find("<mark>video surveillance</mark>"), std::string::npos) << home;
}

// `screen` compiles, per paper, only the vocabulary forms its texts can hold (risk.h VocabularyUse,
// 0.5-0.8 s saved per look-up): the terms it marks must be those of the whole compiled vocabulary.
TEST_F(DossierTest, MarkedTermsAreThoseOfTheWholeVocabulary) {
  Result<risk::DualUseVocabulary> whole = risk::DualUseVocabulary::Load(risk::DefaultVocabularyPath());
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  size_t marked = 0, papers = 0;
  for (const char* partner : {kXupt, kBeihang}) {
    json answer = ScreenJson(fmt::format("--partner {} --limit 1000", partner));
    for (const auto& p : answer["papers"]) {
      ++papers;
      std::vector<std::string> shown, expected;
      for (const auto& t : p["terms"]) {
        if (t["field"] != "title") continue;
        shown.push_back(
            fmt::format("{} {}-{}", t["term"].get<std::string>(), t["begin"].get<size_t>(), t["end"].get<size_t>()));
      }
      for (const risk::VocabularyHit& h : whole->Find(p["title"].get<std::string>(), "", {})) {
        expected.push_back(fmt::format("{} {}-{}", h.term, h.begin, h.end));
      }
      EXPECT_EQ(shown, expected) << p["id"] << ": " << p["title"];
      marked += expected.size();
    }
  }
  EXPECT_GT(papers, 2u);
  EXPECT_GT(marked, 0u) << "no marked term to compare";
}

TEST_F(DossierTest, HomeRanksPartnersByTheirGravestTieThenPapersInEveryFormat) {
  json answer = ScreenJson(fmt::format("--home {} --limit 1000", kCambridge));
  ASSERT_EQ(answer["kind"], "home");
  ASSERT_GE(answer["partners"].size(), 3u);
  std::vector<std::string> names;
  int previous_rank = -1, previous_papers = 1 << 30;
  for (const auto& p : answer["partners"]) {
    int rank = EntitiesRank(p["ties"]);
    int papers = p["institution"]["joint_papers"];
    EXPECT_GE(rank, previous_rank) << p["institution"]["name"] << ": a graver partner listed after a lighter one";
    if (rank == previous_rank) {
      EXPECT_LE(papers, previous_papers) << p["institution"]["name"];
    }
    previous_rank = rank;
    previous_papers = papers;
    names.push_back(p["institution"]["name"]);
    ASSERT_FALSE(p["example_papers"].empty());
    for (const auto& paper : p["example_papers"]) EXPECT_FALSE(paper["title"].get<std::string>().empty());
  }
  EXPECT_EQ(names.front(), "National University of Defense Technology") << "its only PLA partner first";

  // Text, Markdown and HTML list the partners in the same order, with paper titles (not ids).
  for (const char* format : {"text", "markdown", "html"}) {
    std::string out = Screen(fmt::format("--home {} --limit 1000", kCambridge), format);
    size_t at = 0;
    for (size_t i = 0; i < names.size(); ++i) {
      size_t next = out.find(fmt::format("{}. ", i + 1), at);
      next = next == std::string::npos
                 ? next
                 : out.find(std::string(format) == "html" ? HtmlEscaped(names[i]) : names[i], next);
      ASSERT_NE(next, std::string::npos) << format << ": partner " << i + 1 << " " << names[i] << "\n" << out;
      at = next;
    }
    for (const auto& p : answer["partners"]) {
      for (const auto& paper : p["example_papers"]) {
        std::string title = paper["title"];
        std::string shown = std::string(format) == "html" ? WithoutMarks(out) : out;
        EXPECT_NE(shown.find(std::string(format) == "html" ? HtmlEscaped(title) : title.substr(0, 20)),
                  std::string::npos)
            << format << ": " << title;
      }
    }
  }
}

TEST_F(DossierTest, HtmlEscapesATitleWithAScript) {
  json answer = ScreenJson(fmt::format("--partner {}", kBeihang));
  ASSERT_FALSE(answer["papers"].empty());
  const std::string work = answer["papers"][0]["id"];
  std::string copy = *dir_ / "escape.db";
  std::filesystem::copy_file(db(), copy, std::filesystem::copy_options::overwrite_existing);
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(copy.c_str(), &handle), SQLITE_OK);
  std::string sql = fmt::format(
      "UPDATE works SET title = '<script>alert(\"x\")</script> Dogs & <b>cats</b> [see](javascript:x) *x*' "
      "WHERE id = '{}'",
      work);
  ASSERT_EQ(sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(handle);
  std::string html = Screen(fmt::format("--partner {}", kBeihang), "html", copy);
  EXPECT_EQ(html.find("<script"), std::string::npos) << "a script element in the page";
  EXPECT_EQ(html.find("<b>cats"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Dogs &amp; &lt;b&gt;cats&lt;/b&gt;"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  std::string md = Screen(fmt::format("--partner {}", kBeihang), "markdown", copy);
  EXPECT_EQ(md.find("<script>"), std::string::npos) << "raw HTML in the Markdown";
  EXPECT_NE(md.find("\\<script\\>alert(\"x\")\\</script\\> Dogs & \\<b\\>cats\\</b\\> \\[see\\](javascript:x) \\*x\\*"),
            std::string::npos)
      << md;
}

TEST_F(DossierTest, MarkdownHasTheSameSectionsAsHtml) {
  for (const std::string& args :
       {fmt::format("--partner {}", kBeihang), fmt::format("--partner {} --registry {}", kBeihang, registry()),
        fmt::format("--home {}", kCambridge)}) {
    SCOPED_TRACE(args);
    std::vector<std::string> html = HtmlHeadings(Screen(args, "html"));
    std::vector<std::string> md = MarkdownHeadings(Screen(args, "markdown"));
    EXPECT_GE(html.size(), 6u);
    EXPECT_EQ(html, md);
  }
  std::string md = Screen(fmt::format("--partner {}", kBeihang), "markdown");
  for (const char* section : {"## Who it is", "## Ties: designations (government acts)",
                              "## Ties: assessments (analysts' judgements)", "## Joint papers (", "## Caveats"}) {
    EXPECT_NE(md.find(section), std::string::npos) << section << "\n" << md;
  }
  EXPECT_NE(md.find("not a verdict"), std::string::npos);
}

TEST_F(DossierTest, EmptySectionsSaySoInASentenceAndNoTableIsEmpty) {
  // A partner without topics or co-authors: remove them from a copy of the screening index.
  std::string copy = *dir_ / "empty.db";
  std::filesystem::copy_file(db(), copy, std::filesystem::copy_options::overwrite_existing);
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(copy.c_str(), &handle), SQLITE_OK);
  std::string sql = fmt::format(
      "DELETE FROM screen_topics WHERE institution_id = '{0}'; "
      "DELETE FROM screen_pairs WHERE institution_id = '{0}';",
      kBeihang);
  ASSERT_EQ(sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(handle);
  for (const char* format : {"html", "markdown"}) {
    std::string out = Screen(fmt::format("--partner {}", kBeihang), format, copy);
    EXPECT_NE(out.find("No primary topic is recorded for its joint papers."), std::string::npos) << format << out;
    EXPECT_NE(out.find("It co-authors with no other institution in the study."), std::string::npos) << format;
    EXPECT_EQ(out.find("| topic | papers |"), std::string::npos) << format << ": an empty table";
  }
  std::string html = Screen(fmt::format("--partner {}", kBeihang), "html", copy);
  std::regex table("<table[\\s\\S]*?</table>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), table); it != std::sregex_iterator(); ++it) {
    EXPECT_NE(it->str().find("<td"), std::string::npos) << "an empty table: " << it->str();
  }
}

}  // namespace
}  // namespace entangle
