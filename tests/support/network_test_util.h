#pragma once
// Test support: small study databases with a known institution structure.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "extract/work_record.h"
#include "store/study_db.h"
#include "support/temp_dir.h"

namespace entangle::network_test {

namespace fs = std::filesystem;

using entangle::testing::TempDir;

// An institution as it appears on a work.
struct Inst {
  std::string id;
  std::string name;
  std::string country;
  std::vector<std::string> lineage = {};  // as OpenAlex stores it: sorted ids, self included
  std::string type = "education";
};

// Group A = Europe (DE FR GB), group B = China (CN HK); US is in neither.
class StudyDbBuilder {
 public:
  explicit StudyDbBuilder(std::string path) : path_(std::move(path)) {
    auto writer = store::StudyDbWriter::Create(path_);
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    if (!writer.ok()) return;
    writer_ = std::move(writer).value();
    store::RunInfo run;
    run.study_name = "network test";
    run.group_a_name = "Europe";
    run.group_a_countries = {"DE", "FR", "GB"};
    run.group_b_name = "China";
    run.group_b_countries = {"CN", "HK"};
    run.inputs = {"synthetic"};
    EXPECT_TRUE(writer_->PutRun(run).ok());
  }

  // One author per institution, unless `authors` says which institutions (by position in
  // `institutions`) each author has.
  void AddWork(const std::string& id, const std::vector<Inst>& institutions,
               std::vector<std::vector<int>> authors = {}) {
    if (!writer_) return;
    extract::WorkRecord w;
    w.id = id;
    w.title = "Work " + id;
    w.publication_year = 2021;
    w.language = "en";
    w.type = "article";
    w.updated_date = "2024-01-01";
    if (authors.empty()) {
      for (size_t i = 0; i < institutions.size(); ++i) authors.push_back({static_cast<int>(i)});
    }
    for (const Inst& inst : institutions) {
      w.institutions.push_back(
          extract::InstitutionRef{inst.id, "", inst.name, inst.country, inst.type,
                                  inst.lineage.empty() ? std::vector<std::string>{inst.id} : inst.lineage});
      w.countries.push_back(inst.country);
    }
    for (size_t a = 0; a < authors.size(); ++a) {
      extract::Authorship authorship;
      authorship.order = static_cast<int>(a);
      authorship.author_name = "Author " + std::to_string(a);
      authorship.institutions = authors[a];
      for (int i : authors[a]) authorship.countries.push_back(institutions[static_cast<size_t>(i)].country);
      w.authorships.push_back(authorship);
    }
    std::sort(w.countries.begin(), w.countries.end());
    w.countries.erase(std::unique(w.countries.begin(), w.countries.end()), w.countries.end());
    auto stored = writer_->PutJointWork(w, {}, "synthetic", 1);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
  }

  void AddEntity(const std::string& id, const std::string& name, const std::string& country,
                 std::vector<std::string> lineage) {
    if (!writer_) return;
    extract::InstitutionEntity entity;
    entity.id = id;
    entity.display_name = name;
    entity.country_code = country;
    entity.type = "education";
    entity.lineage = std::move(lineage);
    EXPECT_TRUE(writer_->PutInstitution(entity).ok());
  }

  // Commits and returns the database path.
  std::string Commit() {
    if (!writer_) return path_;
    EXPECT_TRUE(writer_->FinishRun(store::RunCounts{}).ok());
    Status committed = writer_->Commit();
    EXPECT_TRUE(committed.ok()) << committed.ToString();
    writer_.reset();
    return path_;
  }

 private:
  std::string path_;
  std::unique_ptr<store::StudyDbWriter> writer_;
};

}  // namespace entangle::network_test
