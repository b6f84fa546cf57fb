// Analyze(): loads the study database once, builds every exhibit, then writes them out.
#include "analyze/analyze.h"

#include <fmt/format.h>

#include <future>

#include "analyze/exhibit_risk.h"
#include "analyze/exhibits.h"
#include "common/step_clock.h"
#include "screen_index/screen_index.h"

namespace entangle::analyze {

std::string CountingName(Counting counting) { return counting == Counting::kWhole ? "whole" : "fractional"; }

namespace {

Status ValidateOptions(const AnalyzeOptions& options) {
  if (options.database_path.empty()) return Status::InvalidArgument("no study database given");
  if (options.out_dir.empty()) return Status::InvalidArgument("no output directory given");
  if (options.subfield_scheme != "topics" && options.subfield_scheme != "concepts") {
    return Status::InvalidArgument(
        fmt::format("subfield scheme must be 'topics' or 'concepts', not '{}'", options.subfield_scheme));
  }
  if (options.institution_threshold < 0) return Status::InvalidArgument("the institution threshold must be >= 0");
  if (options.top_n < 1) return Status::InvalidArgument("top N must be >= 1");
  if (options.incomplete_years < 0) return Status::InvalidArgument("incomplete years must be >= 0");
  return Status::OK();
}

void Append(std::vector<ExhibitTable>& all, std::vector<ExhibitTable> more) {
  for (ExhibitTable& table : more) all.push_back(std::move(table));
}

}  // namespace

Result<std::vector<ExhibitTable>> Analyze(const AnalyzeOptions& options) {
  using namespace analyze;
  ENTANGLE_RETURN_IF_ERROR(ValidateOptions(options));
  Result<std::unique_ptr<store::StudyDb>> db =
      store::StudyDb::Open(options.database_path, store::StudyDbAccess::kReadWrite);
  if (!db.ok()) return db.status();
  Result<StudyContext> ctx = LoadStudyContext(**db, options);
  if (!ctx.ok()) return ctx.status();
  StepClock clock(options.on_step);
  // The vocabulary scan of titles and abstracts reads other tables: it runs on a second core.
  std::future<Result<WorkTexts>> texts = std::async(std::launch::async, [&] { return ScanWorkTexts(options); });
  Result<JointData> data = LoadJointData(**db, *ctx);
  if (!data.ok()) return data.status();
  clock.Done(fmt::format("{} joint works loaded", data->works.size()));

  // The risk exhibits (registry matching, the flagged list's authors) are built on the second core
  // meanwhile, once the vocabulary scan is done.
  std::promise<void> risk_reads;
  std::future<void> risk_reads_done = risk_reads.get_future();
  PartnerTies partner_ties;  // for the labs exhibit
  std::future<Result<Exhibits>> risk =
      std::async(std::launch::async, [&] { return RiskExhibits(*ctx, *data, texts.get(), risk_reads, &partner_ties); });
  std::vector<ExhibitTable> exhibits = JointExhibits(*ctx, *data);
  Result<Exhibits> shares = ShareExhibits(**db, *ctx, *data);
  if (!shares.ok()) return shares.status();
  Append(exhibits, std::move(shares).value());
  Append(exhibits, SubfieldExhibits(*ctx, *data));
  clock.Done("joint papers, shares, subfields");
  Append(exhibits, InstitutionExhibits(*ctx, *data));
  Append(exhibits, InstitutionPairExhibits(*ctx, *data));
  clock.Done("institutions");
  Result<Exhibits> citations = CitationExhibits(**db, *ctx);
  if (!citations.ok()) return citations.status();
  Append(exhibits, std::move(citations).value());
  Result<ExhibitTable> top_cited = TopCitedExhibit(**db, *ctx);
  if (!top_cited.ok()) return top_cited.status();
  exhibits.push_back(std::move(top_cited).value());
  clock.Done("citations");
  Append(exhibits, FundingExhibits(*ctx, *data));
  Append(exhibits, CompanyExhibits(*ctx, *data));
  clock.Done("funding, companies");
  Result<WorkAuthorships> authorships = LoadAuthorships(**db, *ctx, *data, /*with_raw=*/true);
  if (!authorships.ok()) return authorships.status();
  Append(exhibits, DualAffiliationExhibits(*ctx, *data, *authorships));
  clock.Done("researchers on both sides");

  // The name and id indexes `entangle screen` looks institutions up with. They are read beside
  // the risk step's reads, and written once it has stopped reading (a writer must not wait for
  // readers) while it tabulates.
  Status indexed = screen_index::BuildScreenIndex((*db)->handle(), [&] { risk_reads_done.wait(); });
  clock.Done("screening index built");
  Result<Exhibits> risk_exhibits = risk.get();
  if (!risk_exhibits.ok()) return risk_exhibits.status();
  Append(exhibits, std::move(risk_exhibits).value());
  clock.Done("risk exhibits done");
  // The labs exhibits read the partners' risk ties, so they come after the risk step.
  Result<Exhibits> lab_exhibits = LabExhibits(*ctx, *data, *authorships, &partner_ties);
  if (!lab_exhibits.ok()) return lab_exhibits.status();
  Append(exhibits, std::move(lab_exhibits).value());
  authorships = WorkAuthorships();
  clock.Done("labs");
  ENTANGLE_RETURN_IF_ERROR(indexed);
  // The joint works are no longer needed: millions of small allocations, freed on another core
  // while the disk-bound writing below goes on.
  std::future<void> freed = std::async(std::launch::async, [works = std::move(data).value()]() mutable {
    JointData gone = std::move(works);
  });

  // The files are written on a second core while the tables are. Files first: if they cannot be
  // written, the database keeps its previous exhibits.
  std::future<Status> files =
      std::async(std::launch::async, [&] { return WriteExhibitFiles(options.out_dir, exhibits); });
  ENTANGLE_RETURN_IF_ERROR(WriteExhibitTables(**db, exhibits, [&] { return files.get(); }));
  clock.Done("exhibit files and tables written");
  return exhibits;
}

}  // namespace entangle::analyze
