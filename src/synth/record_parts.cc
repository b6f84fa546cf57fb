#include "synth/record_parts.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "synth/fragments.h"
#include "synth/tables.h"
#include "synth/work_facts.h"

namespace entangle::synth {
namespace {

const char* kOaStatus[] = {"gold", "green", "bronze", "hybrid", "diamond"};
const char* kSdgNames[] = {"Industry, innovation and infrastructure", "Sustainable cities and communities",
                           "Good health and well-being", "Quality Education", "Climate action"};
const int kSdgIds[] = {9, 11, 3, 4, 13};

}  // namespace

const char* TypeCrossref(const WorkPlan& p) {
  const char* t = p.type;
  if (!std::strcmp(t, "preprint")) return "posted-content";
  if (!std::strcmp(t, "book-chapter") || !std::strcmp(t, "dataset") || !std::strcmp(t, "dissertation") ||
      !std::strcmp(t, "report")) {
    return t;
  }
  if (!std::strcmp(t, "paratext") || !std::strcmp(t, "other")) return "other";
  return !std::strcmp(Sources()[p.source].type, "conference") ? "proceedings-article" : "journal-article";
}

void AppendWorkUrl(std::string& out, uint64_t id) {
  out += "https://openalex.org/W";
  JsonWriter::AppendInt(out, static_cast<int64_t>(id));
}

void AppendDoi(std::string& out, const WorkPlan& p) {
  out += "10.5555/synth.w";
  JsonWriter::AppendInt(out, static_cast<int64_t>(p.id));
}

void AppendDate(std::string& out, int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  out += buf;
}

void WriteLocation(JsonWriter& w, RecordContext& x, bool arxiv) {
  const WorkPlan& p = x.plan;
  w.BeginObject();
  if (p.style == Style::kApi2025) {
    w.Key("id");
    w.OpenString();
    if (arxiv) {
      w.out() += "pmh:oai:arXiv.org:";
      JsonWriter::AppendInt(w.out(), static_cast<int64_t>(p.id % 100000000));
    } else {
      w.out() += "doi:";
      AppendDoi(w.out(), p);
    }
    w.CloseString();
  }
  w.Key("is_oa");
  w.Bool(arxiv || x.c.is_oa);
  w.Key("landing_page_url");
  w.OpenString();
  if (arxiv) {
    w.out() += "https://arxiv.org/abs/";
    JsonWriter::AppendInt(w.out(), static_cast<int64_t>(p.id % 100000000));
  } else {
    w.out() += "https://doi.org/";
    AppendDoi(w.out(), p);
  }
  w.CloseString();
  w.Key("pdf_url");
  if (arxiv) {
    w.OpenString();
    w.out() += "https://arxiv.org/pdf/";
    JsonWriter::AppendInt(w.out(), static_cast<int64_t>(p.id % 100000000));
    w.CloseString();
  } else {
    w.Null();
  }
  w.Key("source");
  const uint16_t arxiv_source = static_cast<uint16_t>(Sources().size() - 1);
  w.Raw(Fragments::Get().Source(arxiv ? arxiv_source : p.source, x.compact));
  w.Key("license");
  if (x.c.is_oa && !arxiv) w.String("cc-by"); else w.Null();
  if (p.style != Style::kSnapshot2023) {
    w.Key("license_id");
    if (x.c.is_oa && !arxiv) w.String("https://openalex.org/licenses/cc-by"); else w.Null();
  }
  w.Key("version");
  w.String(arxiv ? "submittedVersion" : "publishedVersion");
  w.Key("is_accepted");
  w.Bool(!arxiv);
  w.Key("is_published");
  w.Bool(!arxiv);
  w.EndObject();
}

void WriteTopic(JsonWriter& w, const PlannedTopic& t, bool compact) {
  const Fragments& f = Fragments::Get();
  w.Raw(f.TopicPrefix(t.topic, compact));
  JsonWriter::AppendDecimal(w.out(), t.score_e4, 4);
  w.out() += f.TopicSuffix(t.topic, compact);
}

void WriteGrants(JsonWriter& w, const WorkPlan& p) {
  const auto& funders = Funders();
  w.BeginArray();
  if (p.style != Style::kWalden2025) {
    for (const auto& g : p.grants) {
      const FunderDef& f = funders[g.funder];
      w.BeginObject();
      w.Key("funder");
      w.OpenString();
      AppendOpenAlexUrl(w.out(), f.id);
      w.CloseString();
      w.Key("funder_display_name");
      w.String(f.name);
      w.Key("award_id");
      if (g.award_id[0]) w.String(g.award_id); else w.Null();
      w.EndObject();
    }
  }
  w.EndArray();
}

void WriteAwards(JsonWriter& w, const WorkPlan& p) {
  const auto& funders = Funders();
  w.BeginArray();
  for (size_t i = 0; i < p.grants.size(); ++i) {
    const auto& g = p.grants[i];
    const FunderDef& f = funders[g.funder];
    w.BeginObject();
    w.Key("id");
    w.OpenString();
    w.out() += "https://openalex.org/G";
    JsonWriter::AppendInt(w.out(), static_cast<int64_t>(Mix(p.id, i) % 9000000000ULL + 1000000000ULL));
    w.CloseString();
    w.Key("display_name");
    w.Null();
    w.Key("funder_award_id");
    if (g.award_id[0]) w.String(g.award_id); else w.Null();
    w.Key("funder_id");
    w.OpenString();
    AppendOpenAlexUrl(w.out(), f.id);
    w.CloseString();
    w.Key("funder_display_name");
    w.String(f.name);
    w.EndObject();
  }
  w.EndArray();
}

void WriteFunders(JsonWriter& w, const WorkPlan& p) {
  const auto& funders = Funders();
  w.BeginArray();
  for (size_t i = 0; i < p.grants.size(); ++i) {
    bool seen = false;
    for (size_t j = 0; j < i; ++j) seen = seen || p.grants[j].funder == p.grants[i].funder;
    if (seen) continue;
    const FunderDef& f = funders[p.grants[i].funder];
    w.BeginObject();
    w.Key("id");
    w.OpenString();
    AppendOpenAlexUrl(w.out(), f.id);
    w.CloseString();
    w.Key("display_name");
    w.String(f.name);
    w.Key("ror");
    if (f.ror[0]) {
      w.OpenString();
      w.out() += "https://ror.org/";
      w.out() += f.ror;
      w.CloseString();
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
}

void WriteKeywords(JsonWriter& w, RecordContext& x) {
  const Fragments& f = Fragments::Get();
  const auto& words = Words().keywords;
  w.BeginArray();
  int score = 700000;
  if (x.c.planted_keyword && !x.plan.terms.empty()) {
    const char* term = DualUseFamilies()[x.plan.terms[0].family].planted_terms[x.plan.terms[0].term];
    w.BeginObject();
    w.Key("id");
    w.OpenString();
    w.out() += "https://openalex.org/keywords/";
    for (const char* c = term; *c; ++c) w.out() += *c == ' ' ? '-' : static_cast<char>(std::tolower(*c));
    w.CloseString();
    w.Key("display_name");
    w.String(term);
    w.Key("score");
    w.Decimal(score, 6);
    w.EndObject();
  }
  for (int i = 0; i < x.c.n_keywords; ++i) {
    score -= 90000;
    const size_t k = static_cast<size_t>(x.c.keywords[i]);
    w.BeginObject();
    w.Key("id");
    w.OpenString();
    w.out() += "https://openalex.org/keywords/";
    w.out() += f.KeywordSlug(k);
    w.CloseString();
    w.Key("display_name");
    w.String(words[k]);
    w.Key("score");
    w.Decimal(std::max(score, 250000), 6);
    w.EndObject();
  }
  w.EndArray();
}

void WriteWorkList(JsonWriter& w, uint32_t seed, int n) {
  Rng r(seed);
  w.BeginArray();
  for (int i = 0; i < n; ++i) {
    w.OpenString();
    AppendWorkUrl(w.out(), 1000000000ULL + r.Below(3400000000ULL));
    w.CloseString();
  }
  w.EndArray();
}

void WriteCountsByYear(JsonWriter& w, const WorkPlan& p) {
  w.BeginArray();
  int64_t left = p.cited_by_count;
  const int first = std::max(p.year, 2012);
  for (int y = 2025; y >= first && left > 0; --y) {
    int64_t n = y == first ? left : std::max<int64_t>(1, left / 3);
    left -= n;
    w.BeginObject();
    if (p.style == Style::kSnapshot2023) {
      w.Key("cited_by_count");
      w.Int(n);
      w.Key("year");
      w.Int(y);
    } else {
      w.Key("year");
      w.Int(y);
      w.Key("cited_by_count");
      w.Int(n);
    }
    w.EndObject();
  }
  w.EndArray();
}

int CountDistinctCountries(const WorkPlan& p) {
  thread_local std::vector<CountryCode> all, one;
  all.clear();
  for (const auto& a : p.authors) {
    AuthorCountries(a, one);
    all.insert(all.end(), one.begin(), one.end());
  }
  std::sort(all.begin(), all.end());
  return static_cast<int>(std::unique(all.begin(), all.end()) - all.begin());
}

int CountDistinctInstitutions(const WorkPlan& p) {
  thread_local std::vector<uint16_t> ids;
  ids.clear();
  for (const auto& a : p.authors) {
    for (int k = 0; k < a.affiliation_count; ++k) ids.push_back(a.affiliations[k].institution);
  }
  std::sort(ids.begin(), ids.end());
  return static_cast<int>(std::unique(ids.begin(), ids.end()) - ids.begin());
}

void WriteOpenAccess(JsonWriter& w, RecordContext& x) {
  const WorkPlan& p = x.plan;
  const bool w2023 = p.style == Style::kSnapshot2023;
    w.Key("open_access");
    w.BeginObject();
    w.Key("is_oa");
    w.Bool(x.c.is_oa || x.c.arxiv);
    w.Key("oa_status");
    w.String(x.c.is_oa ? kOaStatus[x.c.oa_status] : (x.c.arxiv ? "green" : "closed"));
    w.Key("oa_url");
    if (x.c.arxiv) {
      w.OpenString();
      w.out() += "https://arxiv.org/pdf/";
      JsonWriter::AppendInt(w.out(), static_cast<int64_t>(p.id % 100000000));
      w.CloseString();
    } else {
      w.Null();
    }
    if (!w2023) {
      w.Key("any_repository_has_fulltext");
      w.Bool(x.c.arxiv);
    }
    w.EndObject();
}

void WriteSdgs(JsonWriter& w, RecordContext& x) {
    w.Key("sustainable_development_goals");
    w.BeginArray();
    if (x.c.sdg >= 0) {
      w.BeginObject();
      w.Key("id");
      w.OpenString();
      w.out() += "https://metadata.un.org/sdg/";
      JsonWriter::AppendInt(w.out(), kSdgIds[x.c.sdg]);
      w.CloseString();
      w.Key("display_name");
      w.String(kSdgNames[x.c.sdg]);
      w.Key("score");
      w.Decimal(41 + x.c.sdg * 7, 2);
      w.EndObject();
    }
    w.EndArray();
}

Cosmetics DrawCosmetics(Rng& rng, const WorkPlan& p) {
  Cosmetics c;
  c.doi = rng.Chance(0.92);
  c.is_oa = rng.Chance(0.35);
  c.oa_status = static_cast<int>(rng.Below(std::size(kOaStatus)));
  c.arxiv = p.ai_text && rng.Chance(0.35);
  c.lineage_2023 = rng.Chance(0.5);
  c.retracted = rng.Chance(0.0005);
  c.n_refs = p.ai_text ? rng.Range(15, 60) : (rng.Chance(0.15) ? 0 : rng.Range(5, 80));
  c.n_related = p.style == Style::kSnapshot2023 ? 20 : (p.style == Style::kWalden2025 && rng.Chance(0.5) ? 0 : 10);
  c.volume = rng.Chance(0.8) ? rng.Range(1, 120) : 0;
  c.issue = rng.Chance(0.6) ? rng.Range(1, 24) : 0;
  c.first_page = rng.Range(1, 9000);
  c.pages = rng.Range(4, 30);
  c.fwci_e3 = rng.Chance(0.9) ? static_cast<int64_t>(rng.Below(6000)) : -1;
  c.apc = rng.Chance(0.3) ? 1000 + 50 * rng.Range(0, 60) : 0;
  c.created_year = std::min(2025, p.year + static_cast<int>(rng.Below(2)));
  c.created_month = p.month;
  c.created_day = p.day;
  c.ref_seed = static_cast<uint32_t>(rng.Next());
  c.n_keywords = rng.Range(2, 6);
  for (int i = 0; i < c.n_keywords; ++i) c.keywords[i] = static_cast<int>(rng.Below(Words().keywords.size()));
  std::sort(c.keywords, c.keywords + c.n_keywords);
  c.n_keywords = static_cast<int>(std::unique(c.keywords, c.keywords + c.n_keywords) - c.keywords);
  c.planted_keyword = rng.Chance(0.5);
  c.sdg = rng.Chance(0.4) ? static_cast<int>(rng.Below(std::size(kSdgIds))) : -1;
  return c;
}

}  // namespace entangle::synth
