#include "network/network.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <set>

#include "pipeline/scan.h"
#include "support/network_test_util.h"

namespace entangle::network {
namespace {

using network_test::Inst;
using network_test::StudyDbBuilder;
using network_test::TempDir;

const Inst kA{"I1", "Technical University of Munich", "DE"};
const Inst kB{"I2", "Tsinghua University", "CN"};
const Inst kC{"I3", "Zhejiang University", "CN"};
const Inst kD{"I4", "Sorbonne University", "FR"};
const Inst kUs{"I5", "Stanford University", "US"};

size_t IndexOf(const InstitutionNetwork& net, const std::string& key) {
  for (size_t i = 0; i < net.nodes.size(); ++i) {
    if (net.nodes[i].key == key) return i;
  }
  ADD_FAILURE() << "no node " << key;
  return 0;
}

bool HasNode(const InstitutionNetwork& net, const std::string& key) {
  return std::any_of(net.nodes.begin(), net.nodes.end(), [&](const NetworkNode& n) { return n.key == key; });
}

// 0 when the two are not linked.
uint64_t Weight(const InstitutionNetwork& net, const std::string& x, const std::string& y) {
  for (const NetworkEdge& e : net.edges) {
    const std::string& s = net.nodes[e.source].key;
    const std::string& t = net.nodes[e.target].key;
    if ((s == x && t == y) || (s == y && t == x)) return e.weight;
  }
  return 0;
}

// SQL string literal for a key (id-less keys are names and may hold quotes).
std::string Quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

class NetworkTest : public ::testing::Test {
 protected:
  std::string DbPath() const { return (dir_.path() / "study.db").string(); }

  InstitutionNetwork Build(NetworkOptions options) {
    options.database_path = DbPath();
    auto net = BuildInstitutionNetwork(options);
    EXPECT_TRUE(net.ok()) << net.status().ToString();
    return net.ok() ? std::move(net).value() : InstitutionNetwork{};
  }

  TempDir dir_;
};

TEST_F(NetworkTest, NodesAndEdgeWeightsCountJointWorks) {
  StudyDbBuilder db(DbPath());
  db.AddWork("W1", {kA, kB});
  db.AddWork("W2", {kA, kB, kC});
  db.AddWork("W3", {kA, kC});
  db.Commit();
  InstitutionNetwork net = Build({});
  ASSERT_EQ(net.nodes.size(), 3u);
  // By joint works, then key.
  EXPECT_EQ(net.nodes[0].key, "I1");
  EXPECT_EQ(net.nodes[1].key, "I2");
  EXPECT_EQ(net.nodes[2].key, "I3");
  EXPECT_EQ(net.nodes[0].label, "Technical University of Munich");
  EXPECT_EQ(net.nodes[0].works, 3u);
  EXPECT_EQ(net.nodes[1].works, 2u);
  EXPECT_EQ(net.nodes[0].group.Label(), "a");
  EXPECT_EQ(net.nodes[1].group.Label(), "b");
  EXPECT_EQ(net.nodes[1].country, "CN");
  EXPECT_NEAR(net.nodes[0].fractional, 0.5 + 1.0 / 3 + 0.5, 1e-12);
  ASSERT_EQ(net.edges.size(), 3u);
  EXPECT_EQ(Weight(net, "I1", "I2"), 2u);
  EXPECT_EQ(Weight(net, "I1", "I3"), 2u);
  EXPECT_EQ(Weight(net, "I2", "I3"), 1u);
  for (const NetworkEdge& e : net.edges) EXPECT_LT(e.source, e.target);
  EXPECT_DOUBLE_EQ(net.nodes[0].strength, 4.0);
  EXPECT_DOUBLE_EQ(net.nodes[2].strength, 3.0);
  EXPECT_DOUBLE_EQ(net.nodes[0].degree_centrality, 1.0);
  EXPECT_NE(net.description.find("3 institutions, 3 links"), std::string::npos) << net.description;
}

TEST_F(NetworkTest, FractionalSharesSplitAuthorsOverTheirInstitutions) {
  StudyDbBuilder db(DbPath());
  db.AddWork("W1", {kA, kB, kC}, {{0, 1}, {2}});  // author 0 at A and B, author 1 at C
  db.AddWork("W2", {kA, kC});
  db.Commit();
  InstitutionNetwork net = Build({});
  EXPECT_NEAR(net.nodes[IndexOf(net, "I1")].fractional, 0.25 + 0.5, 1e-12);
  EXPECT_NEAR(net.nodes[IndexOf(net, "I2")].fractional, 0.25, 1e-12);
  EXPECT_NEAR(net.nodes[IndexOf(net, "I3")].fractional, 0.5 + 0.5, 1e-12);
  // Whole counting for links: A and B share W1 although one author holds both affiliations.
  EXPECT_EQ(Weight(net, "I1", "I2"), 1u);
}

TEST_F(NetworkTest, CrossGroupOnlyDropsSameSidePairs) {
  StudyDbBuilder db(DbPath());
  db.AddWork("W1", {kA, kB, kC, kD});
  db.Commit();
  EXPECT_EQ(Build({}).edges.size(), 6u);
  NetworkOptions options;
  options.cross_group_only = true;
  InstitutionNetwork net = Build(options);
  EXPECT_EQ(net.edges.size(), 4u);
  EXPECT_EQ(Weight(net, "I1", "I4"), 0u);  // Europe-Europe
  EXPECT_EQ(Weight(net, "I2", "I3"), 0u);  // China-China
  EXPECT_EQ(Weight(net, "I1", "I2"), 1u);
  EXPECT_EQ(Weight(net, "I4", "I3"), 1u);
  EXPECT_NE(net.description.find("only between a Europe and a China institution"), std::string::npos);
}

TEST_F(NetworkTest, GroupsOnlyDropsThirdCountryInstitutions) {
  StudyDbBuilder db(DbPath());
  db.AddWork("W1", {kA, kB, kUs});
  db.Commit();
  InstitutionNetwork all = Build({});
  ASSERT_EQ(all.nodes.size(), 3u);
  EXPECT_EQ(all.nodes[IndexOf(all, "I5")].group.Label(), "");
  NetworkOptions options;
  options.groups_only = true;
  InstitutionNetwork net = Build(options);
  EXPECT_EQ(net.nodes.size(), 2u);
  EXPECT_FALSE(HasNode(net, "I5"));
  EXPECT_EQ(net.edges.size(), 1u);
}

TEST_F(NetworkTest, MinWeightAndMaxNodesFilterAndDropIsolates) {
  StudyDbBuilder db(DbPath());
  for (const char* id : {"W1", "W2", "W3"}) db.AddWork(id, {kA, kB});
  db.AddWork("W4", {kA, kC});
  db.AddWork("W5", {kC, kD});
  db.Commit();
  NetworkOptions heavy;
  heavy.min_edge_weight = 2;
  InstitutionNetwork net = Build(heavy);
  ASSERT_EQ(net.nodes.size(), 2u);  // C and D lose their only (light) links
  EXPECT_EQ(Weight(net, "I1", "I2"), 3u);
  EXPECT_NE(net.description.find("2 links lighter than 2 joint works"), std::string::npos) << net.description;
  EXPECT_NE(net.description.find("2 institutions left without links"), std::string::npos) << net.description;

  NetworkOptions top;
  top.max_nodes = 3;  // A (4 works), B (3), C (2); D (1) goes
  net = Build(top);
  ASSERT_EQ(net.nodes.size(), 3u);
  EXPECT_FALSE(HasNode(net, "I4"));
  EXPECT_EQ(Weight(net, "I1", "I3"), 1u);
  EXPECT_EQ(net.edges.size(), 2u);
}

// Lineages as OpenAlex stores them (sorted ids, so the root is not first): lab I100 in institute
// I500 in academy I900; Huawei's Swedish and Chinese arms under I700, which has no entity row.
TEST_F(NetworkTest, RollUpMergesIntoTopMostLineageAncestor) {
  const Inst lab{"I100", "Lab of Pattern Recognition", "CN", {"I100", "I500", "I900"}};
  const Inst institute{"I500", "Institute of Automation", "CN", {"I500", "I900"}};
  const Inst huawei_se{"I710", "Huawei Technologies (Sweden)", "SE", {"I700", "I710"}, "company"};
  const Inst huawei_cn{"I720", "Huawei Technologies (China)", "CN", {"I700", "I720"}, "company"};
  StudyDbBuilder db(DbPath());
  db.AddEntity("I900", "Chinese Academy of Sciences", "CN", {"I900"});
  db.AddEntity("I500", "Institute of Automation", "CN", {"I500", "I900"});
  db.AddWork("W1", {lab, kA});
  db.AddWork("W2", {institute, kA});
  db.AddWork("W3", {lab, institute, kA});
  db.AddWork("W4", {huawei_se, kA});
  db.AddWork("W5", {huawei_cn, huawei_se, kA});
  db.Commit();

  InstitutionNetwork plain = Build({});
  EXPECT_EQ(plain.nodes.size(), 5u);
  EXPECT_EQ(Weight(plain, "I100", "I1"), 2u);
  EXPECT_EQ(Weight(plain, "I100", "I500"), 1u);

  NetworkOptions options;
  options.roll_up_lineage = true;
  InstitutionNetwork net = Build(options);
  ASSERT_EQ(net.nodes.size(), 3u);
  const NetworkNode& cas = net.nodes[IndexOf(net, "I900")];
  EXPECT_EQ(cas.label, "Chinese Academy of Sciences");
  EXPECT_EQ(cas.group.Label(), "b");
  EXPECT_EQ(cas.works, 3u);  // W3 counts once although two of its members are on it
  EXPECT_NEAR(cas.fractional, 0.5 + 0.5 + 2.0 / 3, 1e-12);
  EXPECT_EQ(Weight(net, "I900", "I1"), 3u);
  EXPECT_EQ(net.edges.size(), 2u);  // no self-link for W3's two CAS members
  // A root known only through members in different countries keeps its id and no group.
  const NetworkNode& huawei = net.nodes[IndexOf(net, "I700")];
  EXPECT_EQ(huawei.label, "I700");
  EXPECT_EQ(huawei.country, "");
  EXPECT_EQ(huawei.type, "company");
  EXPECT_EQ(huawei.works, 2u);
  EXPECT_EQ(Weight(net, "I700", "I1"), 2u);
  EXPECT_FALSE(HasNode(net, "I100"));
}

TEST_F(NetworkTest, RollUpClimbsOutdatedLineagesAndPicksOneOfTwoRootsStably) {
  // The work row says I300's parent is I400, but I400 has since been placed under I450.
  const Inst moved{"I300", "Moved Lab", "DE", {"I300", "I400"}};
  // A lab with two roots (operator I820 and ministry I810): the lowest id wins the tie.
  const Inst lab{"I800", "National Lab", "FR", {"I800", "I810", "I820"}};
  StudyDbBuilder db(DbPath());
  db.AddEntity("I400", "Institute", "DE", {"I400", "I450"});
  db.AddEntity("I450", "Society", "DE", {"I450"});
  db.AddEntity("I810", "Ministry", "FR", {"I810"});
  db.AddEntity("I820", "Operator", "FR", {"I820"});
  db.AddWork("W1", {moved, lab, kB});
  db.Commit();
  NetworkOptions options;
  options.roll_up_lineage = true;
  InstitutionNetwork net = Build(options);
  ASSERT_EQ(net.nodes.size(), 3u);
  EXPECT_EQ(net.nodes[IndexOf(net, "I450")].label, "Society");
  EXPECT_EQ(net.nodes[IndexOf(net, "I810")].label, "Ministry");
  EXPECT_FALSE(HasNode(net, "I400"));
}

// Two tight clusters of five (every pair on three joint works) joined by one bridge work.
class NetworkClustersTest : public NetworkTest {
 protected:
  void SetUp() override {
    StudyDbBuilder db(DbPath());
    std::vector<Inst> left, right;
    for (int i = 1; i <= 5; ++i) {
      left.push_back(Inst{"I1" + std::to_string(i), "Left " + std::to_string(i), i % 2 ? "DE" : "CN"});
      right.push_back(Inst{"I2" + std::to_string(i), "Right " + std::to_string(i), i % 2 ? "CN" : "GB"});
    }
    for (int k = 0; k < 3; ++k) {
      db.AddWork("WL" + std::to_string(k), left);
      db.AddWork("WR" + std::to_string(k), right);
    }
    db.AddWork("WB", {left[0], right[0]});
    db.Commit();
  }
};

TEST_F(NetworkClustersTest, LeidenFindsTheTwoClusters) {
  InstitutionNetwork net = Build({});
  ASSERT_EQ(net.nodes.size(), 10u);
  EXPECT_EQ(net.communities, 2);
  int left = net.nodes[IndexOf(net, "I11")].community;
  int right = net.nodes[IndexOf(net, "I21")].community;
  EXPECT_NE(left, right);
  for (int i = 1; i <= 5; ++i) {
    EXPECT_EQ(net.nodes[IndexOf(net, "I1" + std::to_string(i))].community, left);
    EXPECT_EQ(net.nodes[IndexOf(net, "I2" + std::to_string(i))].community, right);
  }
  // Q = sum over communities of (internal weight / m - (degree sum / 2m)^2), m = 61.
  EXPECT_NEAR(net.modularity, 2 * (30.0 / 61 - 0.25), 1e-9);
}

TEST_F(NetworkClustersTest, BetweennessIsHighestOnTheBridge) {
  InstitutionNetwork net = Build({});
  const NetworkNode& l1 = net.nodes[IndexOf(net, "I11")];
  const NetworkNode& r1 = net.nodes[IndexOf(net, "I21")];
  // Every left-right path crosses I11 and I21: for I11, the 4 other left nodes x 5 right nodes
  // of the (9 * 8 / 2) pairs not involving it.
  EXPECT_NEAR(l1.betweenness, 20.0 / 36, 1e-12);
  EXPECT_NEAR(r1.betweenness, 20.0 / 36, 1e-12);
  for (const NetworkNode& node : net.nodes) {
    if (node.key != "I11" && node.key != "I21") {
      EXPECT_LT(node.betweenness, l1.betweenness) << node.key;
      EXPECT_LT(node.eigenvector, 1.0) << node.key;
    }
  }
  EXPECT_NEAR(l1.eigenvector, 1.0, 1e-9);
  EXPECT_DOUBLE_EQ(l1.strength, 4 * 3 + 1);
  EXPECT_NEAR(l1.degree_centrality, 5.0 / 9, 1e-12);
}

TEST_F(NetworkTest, BetweennessUsesInverseWeightsAsDistances) {
  // P-Q share one work, P-R and R-Q ten each: the heavy detour via R is "shorter" (0.2 < 1).
  const Inst p{"I31", "P", "DE"}, q{"I32", "Q", "CN"}, r{"I33", "R", "FR"};
  StudyDbBuilder db(DbPath());
  db.AddWork("W0", {p, q});
  for (int k = 0; k < 10; ++k) {
    db.AddWork("WPR" + std::to_string(k), {p, r});
    db.AddWork("WRQ" + std::to_string(k), {r, q});
  }
  db.Commit();
  InstitutionNetwork net = Build({});
  EXPECT_NEAR(net.nodes[IndexOf(net, "I33")].betweenness, 1.0, 1e-12);
  EXPECT_NEAR(net.nodes[IndexOf(net, "I31")].betweenness, 0.0, 1e-12);
}

TEST_F(NetworkTest, SameSeedGivesSameCommunities) {
  StudyDbBuilder db(DbPath());
  std::mt19937 random(42);
  std::vector<Inst> pool;
  for (int i = 0; i < 40; ++i) {
    pool.push_back(Inst{"I" + std::to_string(100 + i), "Inst " + std::to_string(i), i % 3 ? "CN" : "DE"});
  }
  for (int w = 0; w < 120; ++w) {
    std::set<size_t> chosen;
    size_t want = 2 + random() % 3;
    while (chosen.size() < want) chosen.insert(random() % pool.size());
    std::vector<Inst> on_work;
    for (size_t c : chosen) on_work.push_back(pool[c]);
    db.AddWork("W" + std::to_string(w), on_work);
  }
  db.Commit();
  NetworkOptions options;
  options.seed = 7;
  InstitutionNetwork first = Build(options);
  InstitutionNetwork second = Build(options);
  ASSERT_EQ(first.nodes.size(), second.nodes.size());
  ASSERT_GT(first.communities, 1);
  for (size_t i = 0; i < first.nodes.size(); ++i) {
    EXPECT_EQ(first.nodes[i].community, second.nodes[i].community) << first.nodes[i].key;
  }
  EXPECT_EQ(first.modularity, second.modularity);
  EXPECT_GT(first.modularity, 0.0);
  // Community ids run 0..k-1, 0 the largest.
  std::vector<size_t> sizes(static_cast<size_t>(first.communities), 0);
  for (const NetworkNode& n : first.nodes) ++sizes.at(static_cast<size_t>(n.community));
  EXPECT_TRUE(std::is_sorted(sizes.rbegin(), sizes.rend()));
  EXPECT_GT(sizes.back(), 0u);
}

TEST_F(NetworkTest, EmptyDatabaseGivesAnEmptyNetwork) {
  StudyDbBuilder db(DbPath());
  db.Commit();
  InstitutionNetwork net = Build({});
  EXPECT_TRUE(net.nodes.empty());
  EXPECT_TRUE(net.edges.empty());
  EXPECT_EQ(net.communities, 0);
}

TEST_F(NetworkTest, BadInputsAreErrors) {
  NetworkOptions options;
  options.database_path = (dir_.path() / "missing.db").string();
  EXPECT_EQ(BuildInstitutionNetwork(options).status().code(), Status::Code::kNotFound);
  std::ofstream(dir_.path() / "not-a.db") << "hello";
  options.database_path = (dir_.path() / "not-a.db").string();
  EXPECT_FALSE(BuildInstitutionNetwork(options).ok());

  StudyDbBuilder db(DbPath());
  db.AddWork("W1", {kA, kB});
  db.Commit();
  options.database_path = DbPath();
  options.min_edge_weight = 0;
  EXPECT_EQ(BuildInstitutionNetwork(options).status().code(), Status::Code::kInvalidArgument);
  options.min_edge_weight = 1;
  options.resolution = 0;
  EXPECT_EQ(BuildInstitutionNetwork(options).status().code(), Status::Code::kInvalidArgument);
}

// The bundled sample, scanned for real: every node's works and every link's weight agree with a
// direct count over work_institutions.
TEST_F(NetworkTest, SampleNetworkAgreesWithTheDatabase) {
  pipeline::ScanOptions scan;
  scan.inputs = {std::string(ENTANGLE_SOURCE_DIR) + "/data/sample/openalex"};
  scan.study_path = std::string(ENTANGLE_SOURCE_DIR) + "/studies/ai-europe-china.toml";
  scan.database_path = DbPath();
  scan.threads = 1;
  scan.progress = pipeline::ProgressMode::kNone;
  auto summary = pipeline::RunScan(scan);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  InstitutionNetwork net = Build({});
  ASSERT_FALSE(net.nodes.empty());
  auto reader = store::StudyDb::Open(DbPath());
  ASSERT_TRUE(reader.ok());
  for (const NetworkNode& node : net.nodes) {
    auto rows = (*reader)->Query("SELECT COUNT(DISTINCT work_id) FROM work_institutions WHERE institution_key = " +
                                 Quoted(node.key));
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(std::to_string(node.works), (*rows)[0][0]) << node.key;
  }
  for (const NetworkEdge& e : net.edges) {
    auto rows = (*reader)->Query(
        "SELECT COUNT(DISTINCT x.work_id) FROM work_institutions x JOIN work_institutions y USING (work_id) "
        "WHERE x.institution_key = " + Quoted(net.nodes[e.source].key) + " AND y.institution_key = " +
        Quoted(net.nodes[e.target].key));
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(std::to_string(e.weight), (*rows)[0][0]);
  }
  NetworkOptions rolled;
  rolled.roll_up_lineage = true;
  EXPECT_LE(Build(rolled).nodes.size(), net.nodes.size());
}

}  // namespace
}  // namespace entangle::network
