#include "http/openapi.h"

#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/routes.h"

namespace tb::http {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(OpenApi, IsValidJsonOfVersion31) {
  const auto doc = nlohmann::json::parse(OpenApiDocument());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_TRUE(doc["components"]["schemas"].contains("Notice"));
  EXPECT_TRUE(doc["components"]["schemas"].contains("Problem"));
}

TEST(OpenApi, DocumentsExactlyTheRegisteredRoutes) {
  const auto doc = nlohmann::json::parse(OpenApiDocument());
  std::set<std::string> documented;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      documented.insert(Lower(method) + " " + path);
    }
  }
  std::set<std::string> registered;
  for (const Route& route : Routes()) {
    registered.insert(Lower(route.method) + " " + std::string(route.path));
  }
  for (const std::string& r : registered) {
    EXPECT_TRUE(documented.count(r)) << "route not in openapi.json: " << r;
  }
  for (const std::string& d : documented) {
    EXPECT_TRUE(registered.count(d)) << "openapi.json documents a route that does not exist: "
                                     << d;
  }
}

TEST(OpenApi, EveryPathParameterIsDeclared) {
  const auto doc = nlohmann::json::parse(OpenApiDocument());
  for (const Route& route : Routes()) {
    const std::string path(route.path);
    const std::size_t open = path.find('{');
    if (open == std::string::npos) continue;
    const std::string name = path.substr(open + 1, path.find('}') - open - 1);
    const auto& operation = doc["paths"][path][Lower(route.method)];
    bool declared = false;
    for (const auto& p : operation["parameters"]) {
      declared = declared || (p["in"] == "path" && p["name"] == name && p["required"] == true);
    }
    EXPECT_TRUE(declared) << path;
  }
}

TEST(OpenApi, EveryReferenceResolves) {
  const auto doc = nlohmann::json::parse(OpenApiDocument());
  std::vector<std::string> refs;
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& j) {
    if (j.is_object()) {
      for (const auto& [key, value] : j.items()) {
        if (key == "$ref" && value.is_string()) refs.push_back(value.get<std::string>());
        walk(value);
      }
    } else if (j.is_array()) {
      for (const auto& value : j) walk(value);
    }
  };
  walk(doc);
  ASSERT_FALSE(refs.empty());
  for (const std::string& ref : refs) {
    ASSERT_TRUE(ref.starts_with("#/")) << ref;
    EXPECT_TRUE(doc.contains(nlohmann::json::json_pointer(ref.substr(1)))) << ref;
  }
}

}  // namespace
}  // namespace tb::http
