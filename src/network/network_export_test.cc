// The exports, parsed back: GEXF and GraphML with libxml2 (and GraphML with igraph's reader),
// the JSON files with nlohmann-json.
#include <gtest/gtest.h>
#include <igraph/igraph.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "network/network.h"
#include "network/xml_text.h"
#include "support/network_test_util.h"

namespace entangle::network {
namespace {

using network_test::TempDir;
using testing::ReadFileText;
namespace fs = std::filesystem;

const std::string kChineseLabel = "清华大学 (Tsinghua)";
const std::string kMarkupLabel = "A & B <Lab> \"x\" 'y'\tnext";
const std::string kMarkupKey = "name:A & B <Lab> \"x\" 'y'";

InstitutionNetwork SampleNetwork() {
  InstitutionNetwork net;
  net.nodes.push_back({"I1", kChineseLabel, "CN", "education", select::kSideB, 5, 2.5, 0, 1.0, 0.5, 1.0, 5.0});
  net.nodes.push_back({kMarkupKey, kMarkupLabel, "", "", select::Sides(), 2, 1.0, 1, 0.5, 0.0, 0.4, 2.0});
  net.nodes.push_back({"I3",
                       "Bad\x01"
                       "control \xff byte",
                       "DE", "facility", select::kSideA, 3, 1.5, 0, 0.5, 0.0, 0.6, 3.0});
  net.edges.push_back({0, 1, 2});
  net.edges.push_back({0, 2, 3});
  net.communities = 2;
  net.modularity = 0.125;
  net.description = "Description with <b> & 中文";
  return net;
}


// A parsed XML file; null when the file is not well-formed.
class XmlFile {
 public:
  explicit XmlFile(const fs::path& path) {
    std::string text = ReadFileText(path);
    doc_ = xmlReadMemory(text.data(), static_cast<int>(text.size()), path.c_str(), "UTF-8", XML_PARSE_NONET);
  }
  ~XmlFile() {
    if (doc_ != nullptr) xmlFreeDoc(doc_);
  }
  XmlFile(const XmlFile&) = delete;
  XmlFile& operator=(const XmlFile&) = delete;
  xmlNode* root() const { return doc_ != nullptr ? xmlDocGetRootElement(doc_) : nullptr; }

  // Elements named `name` (local name) in document order.
  std::vector<xmlNode*> All(const std::string& name) const {
    std::vector<xmlNode*> out;
    Collect(root(), name, out);
    return out;
  }

 private:
  static void Collect(xmlNode* node, const std::string& name, std::vector<xmlNode*>& out) {
    for (xmlNode* n = node; n != nullptr; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      if (name == reinterpret_cast<const char*>(n->name)) out.push_back(n);
      Collect(n->children, name, out);
    }
  }
  xmlDocPtr doc_ = nullptr;
};

std::string Attr(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out = value != nullptr ? reinterpret_cast<const char*>(value) : "<absent>";
  xmlFree(value);
  return out;
}

std::string Text(xmlNode* node) {
  xmlChar* value = xmlNodeGetContent(node);
  std::string out = value != nullptr ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return out;
}

std::string Namespace(xmlNode* node) {
  return node->ns != nullptr ? reinterpret_cast<const char*>(node->ns->href) : "";
}

// The data child of a GraphML node/edge with the given key.
std::string Data(xmlNode* node, const std::string& key) {
  for (xmlNode* n = node->children; n != nullptr; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && Attr(n, "key") == key) return Text(n);
  }
  return "<absent>";
}

std::vector<std::string> TempLeftovers(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().filename().string().find(".tmp-") != std::string::npos) out.push_back(entry.path().string());
  }
  return out;
}

class NetworkExportTest : public ::testing::Test {
 protected:
  fs::path Path(const std::string& name) const { return dir_.path() / name; }
  TempDir dir_;
};

TEST_F(NetworkExportTest, GexfIsWellFormedAndKeepsLabels) {
  ASSERT_TRUE(WriteGexf(SampleNetwork(), Path("n.gexf")).ok());
  XmlFile xml(Path("n.gexf"));
  ASSERT_NE(xml.root(), nullptr) << "not well-formed XML";
  EXPECT_STREQ(reinterpret_cast<const char*>(xml.root()->name), "gexf");
  EXPECT_EQ(Namespace(xml.root()), "http://gexf.net/1.3");
  EXPECT_EQ(Attr(xml.root(), "version"), "1.3");
  std::vector<xmlNode*> nodes = xml.All("node");
  ASSERT_EQ(nodes.size(), 3u);
  EXPECT_EQ(xml.All("edge").size(), 2u);
  EXPECT_EQ(xml.All("attribute").size(), 10u);
  EXPECT_EQ(Attr(nodes[0], "label"), kChineseLabel);
  EXPECT_EQ(Attr(nodes[1], "label"), kMarkupLabel);  // tab survives attribute normalisation
  EXPECT_EQ(Attr(nodes[1], "id"), kMarkupKey);
  EXPECT_EQ(Attr(nodes[2], "label"), "Bad\uFFFDcontrol \uFFFD byte");
  EXPECT_EQ(Attr(xml.All("edge")[0], "source"), "I1");
  EXPECT_EQ(Attr(xml.All("edge")[0], "target"), kMarkupKey);
  EXPECT_EQ(Attr(xml.All("edge")[1], "weight"), "3");
  std::vector<xmlNode*> colors = xml.All("color");
  ASSERT_EQ(colors.size(), 3u);
  EXPECT_EQ(Namespace(colors[0]), "http://gexf.net/1.3/viz");
  auto rgb = [&](xmlNode* c) { return Attr(c, "r") + "," + Attr(c, "g") + "," + Attr(c, "b"); };
  EXPECT_EQ(rgb(colors[0]), rgb(colors[2]));  // same community, same colour
  EXPECT_NE(rgb(colors[0]), rgb(colors[1]));
  bool found_works = false;
  for (xmlNode* v : xml.All("attvalue")) {
    if (v->parent->parent == nodes[0] && Attr(v, "for") == "works") found_works = Attr(v, "value") == "5";
  }
  EXPECT_TRUE(found_works);
  EXPECT_EQ(Text(xml.All("description")[0]), "Description with <b> & 中文");
}

TEST_F(NetworkExportTest, GraphmlIsWellFormedWithTypedKeys) {
  ASSERT_TRUE(WriteGraphml(SampleNetwork(), Path("n.graphml")).ok());
  XmlFile xml(Path("n.graphml"));
  ASSERT_NE(xml.root(), nullptr) << "not well-formed XML";
  EXPECT_EQ(Namespace(xml.root()), "http://graphml.graphdrawing.org/xmlns");
  std::vector<xmlNode*> keys = xml.All("key");
  ASSERT_EQ(keys.size(), 13u);
  for (xmlNode* key : keys) EXPECT_NE(Attr(key, "attr.type"), "<absent>") << Attr(key, "id");
  std::vector<xmlNode*> nodes = xml.All("node");
  std::vector<xmlNode*> edges = xml.All("edge");
  ASSERT_EQ(nodes.size(), 3u);
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_EQ(Data(nodes[0], "label"), kChineseLabel);
  EXPECT_EQ(Data(nodes[1], "key"), kMarkupKey);
  EXPECT_EQ(Data(nodes[1], "label"), kMarkupLabel);
  EXPECT_EQ(Data(nodes[2], "works"), "3");
  EXPECT_EQ(Attr(edges[1], "target"), Attr(nodes[2], "id"));
  EXPECT_EQ(Data(edges[1], "weight"), "3");

  // igraph's own GraphML reader accepts the file too.
  igraph_error_handler_t* previous = igraph_set_error_handler(igraph_error_handler_ignore);
  FILE* file = std::fopen(Path("n.graphml").c_str(), "r");
  ASSERT_NE(file, nullptr);
  igraph_t graph;
  igraph_error_t rc = igraph_read_graph_graphml(&graph, file, 0);
  std::fclose(file);
  igraph_set_error_handler(previous);
  ASSERT_NE(rc, IGRAPH_UNIMPLEMENTED) << "igraph built without GraphML support";
  ASSERT_EQ(rc, IGRAPH_SUCCESS) << igraph_strerror(rc);
  EXPECT_EQ(igraph_vcount(&graph), 3);
  EXPECT_EQ(igraph_ecount(&graph), 2);
  igraph_destroy(&graph);
}

TEST_F(NetworkExportTest, VosviewerJsonFollowsTheMapFormat) {
  ASSERT_TRUE(WriteVosviewerJson(SampleNetwork(), Path("n.json")).ok());
  auto doc = nlohmann::json::parse(ReadFileText(Path("n.json")));
  const auto& items = doc.at("network").at("items");
  const auto& links = doc.at("network").at("links");
  ASSERT_EQ(items.size(), 3u);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(items[0].at("id"), 1);
  EXPECT_EQ(items[0].at("label"), kChineseLabel);
  EXPECT_EQ(items[0].at("cluster"), 1);  // VOSviewer clusters start at 1
  EXPECT_EQ(items[1].at("cluster"), 2);
  EXPECT_EQ(items[0].at("weights").at("Links"), 2);
  EXPECT_EQ(items[0].at("weights").at("Total link strength"), 5.0);
  EXPECT_EQ(items[0].at("weights").at("Joint works"), 5);
  EXPECT_EQ(items[2].at("scores").at("Eigenvector centrality"), 0.6);
  EXPECT_EQ(items[0].at("url"), "https://openalex.org/I1");
  EXPECT_FALSE(items[1].contains("url"));
  EXPECT_EQ(links[1].at("source_id"), 1);
  EXPECT_EQ(links[1].at("target_id"), 3);
  EXPECT_EQ(links[1].at("strength"), 3);
  ASSERT_EQ(doc.at("network").at("clusters").size(), 2u);
  EXPECT_EQ(doc.at("network").at("clusters")[0].at("label"), kChineseLabel);
}

TEST_F(NetworkExportTest, NetworkJsonHasNodesEdgesAndColours) {
  ASSERT_TRUE(WriteNetworkJson(SampleNetwork(), Path("n.network.json")).ok());
  auto doc = nlohmann::json::parse(ReadFileText(Path("n.network.json")));
  ASSERT_EQ(doc.at("nodes").size(), 3u);
  ASSERT_EQ(doc.at("edges").size(), 2u);
  EXPECT_EQ(doc.at("nodes")[1].at("key"), kMarkupKey);
  EXPECT_EQ(doc.at("nodes")[0].at("color"), doc.at("nodes")[2].at("color"));
  EXPECT_NE(doc.at("nodes")[0].at("color"), doc.at("nodes")[1].at("color"));
  EXPECT_EQ(doc.at("edges")[0].at("weight"), 2);
  EXPECT_EQ(doc.at("communities"), 2);
  EXPECT_EQ(doc.at("modularity"), 0.125);
  EXPECT_EQ(doc.at("description"), "Description with <b> & 中文");
}

TEST_F(NetworkExportTest, WritesAreAtomicReplacements) {
  std::ofstream(Path("n.gexf")) << "old contents";
  ASSERT_TRUE(WriteGexf(SampleNetwork(), Path("n.gexf")).ok());
  EXPECT_NE(ReadFileText(Path("n.gexf")).find("<gexf"), std::string::npos);
  ASSERT_TRUE(WriteNetworkJson(SampleNetwork(), Path("new/deeper/n.json")).ok());  // creates folders
  EXPECT_TRUE(TempLeftovers(dir_.path()).empty());
  std::ofstream(Path("a-file")) << "x";
  Status blocked = WriteGraphml(SampleNetwork(), Path("a-file/n.graphml").string());
  EXPECT_EQ(blocked.code(), Status::Code::kIOError) << blocked.ToString();
  EXPECT_TRUE(TempLeftovers(dir_.path()).empty());
}

TEST_F(NetworkExportTest, EmptyNetworkExportsAreValid) {
  InstitutionNetwork empty;
  ASSERT_TRUE(WriteGexf(empty, Path("e.gexf")).ok());
  ASSERT_TRUE(WriteGraphml(empty, Path("e.graphml")).ok());
  ASSERT_TRUE(WriteVosviewerJson(empty, Path("e.vos.json")).ok());
  EXPECT_NE(XmlFile(Path("e.gexf")).root(), nullptr);
  EXPECT_NE(XmlFile(Path("e.graphml")).root(), nullptr);
  EXPECT_TRUE(nlohmann::json::parse(ReadFileText(Path("e.vos.json"))).at("network").at("items").empty());
}

TEST_F(NetworkExportTest, AllExportsGoUnderTheDocumentedNames) {
  auto written = WriteNetworkExports(SampleNetwork(), Path("net").string());
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  const std::vector<std::string> expected = {Path("net/institutions.gexf"), Path("net/institutions.graphml"),
                                             Path("net/institutions.vosviewer.json"),
                                             Path("net/institutions.network.json")};
  EXPECT_EQ(*written, expected);
  for (const std::string& path : expected) EXPECT_GT(fs::file_size(path), 0u) << path;
  std::ofstream(Path("a-file")) << "x";
  auto blocked = WriteNetworkExports(SampleNetwork(), Path("a-file").string());
  EXPECT_EQ(blocked.status().code(), Status::Code::kIOError) << blocked.status().ToString();
}

TEST_F(NetworkExportTest, BrokenEdgesAreRefused) {
  InstitutionNetwork net = SampleNetwork();
  net.edges.push_back({1, 7, 1});
  EXPECT_FALSE(WriteGexf(net, Path("b.gexf")).ok());
  EXPECT_FALSE(WriteVosviewerJson(net, Path("b.json")).ok());
  EXPECT_FALSE(fs::exists(Path("b.gexf")));
}

TEST(NetworkXmlTest, EscapesMarkupAndReplacesWhatXmlCannotCarry) {
  EXPECT_EQ(XmlEscape("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&apos;");
  EXPECT_EQ(XmlEscape("北京 😀 Zürich"), "北京 😀 Zürich");
  EXPECT_EQ(XmlEscape("x\x01y"), "x\uFFFDy");
  EXPECT_EQ(XmlEscape("\xC0\xAF"), "\uFFFD\uFFFD");  // overlong '/'
  EXPECT_EQ(XmlEscape("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");  // a surrogate
  EXPECT_EQ(XmlEscape("\xEF\xBF\xBE"), "\uFFFD");  // U+FFFE is not an XML character
  EXPECT_EQ(XmlEscape("tail\xE4"), "tail\uFFFD");  // truncated sequence
}

}  // namespace
}  // namespace entangle::network
