#include "notices/importers/json_stream_splitter.h"

#include <gtest/gtest.h>

#include <sstream>

namespace tb::notices::importers {
namespace {

std::vector<JsonStreamEvent> SplitAll(const std::string& text, std::size_t chunk) {
  std::istringstream in(text);
  JsonStreamSplitter::Options options;
  options.chunk_bytes = chunk;
  JsonStreamSplitter splitter(in, options);
  std::vector<JsonStreamEvent> events;
  JsonStreamEvent event;
  while (true) {
    auto more = splitter.Next(event);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    events.push_back(event);
  }
  return events;
}

// Strings with escaped quotes, braces and brackets inside, keys that look like "releases".
const std::string kPackage = R"({"uri":"x \"releases\": [","releases":[{"ocid":"a","t":"}]\\\"{"},
 {"ocid":"b","n":[1,{"x":"]"}]}, {"ocid":"c"}],"compiledRelease":{"ocid":"z"},"version":"1.1"})";

TEST(JsonStreamSplitter, SplitsReleasesAtEveryChunkSize) {
  for (std::size_t chunk : {1u, 2u, 3u, 5u, 7u, 13u, 64u, 1u << 20}) {
    const auto events = SplitAll(kPackage, chunk);
    ASSERT_EQ(events.size(), 4u) << "chunk " << chunk;
    EXPECT_EQ(events[0].json, R"({"ocid":"a","t":"}]\\\"{"})") << "chunk " << chunk;
    EXPECT_EQ(events[1].json, R"({"ocid":"b","n":[1,{"x":"]"}]})");
    EXPECT_EQ(events[2].json, R"({"ocid":"c"})");
    EXPECT_EQ(events[2].index, 2);
    EXPECT_EQ(events[0].key, "releases");
    EXPECT_EQ(events[3].kind, JsonStreamEvent::Kind::kMember);
    EXPECT_EQ(events[3].key, "compiledRelease");
    EXPECT_EQ(events[3].json, R"({"ocid":"z"})");
  }
}

TEST(JsonStreamSplitter, SingleDocumentsAndJsonLines) {
  const auto events = SplitAll("{\"ocid\":\"a\",\"s\":\"{\"}\n{\"ocid\":\"b\"}\n[{\"ocid\":\"c\"}]\n", 4);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, JsonStreamEvent::Kind::kDocument);
  EXPECT_EQ(events[0].json, "{\"ocid\":\"a\",\"s\":\"{\"}");
  EXPECT_EQ(events[1].line, 2);
  EXPECT_EQ(events[1].document, 1);
  EXPECT_EQ(events[2].kind, JsonStreamEvent::Kind::kElement);
  EXPECT_EQ(events[2].key, "");
  EXPECT_EQ(events[2].line, 3);
}

TEST(JsonStreamSplitter, MembersBeforeTheArrayAreHeldAndScalarsAreElements) {
  const auto events = SplitAll(R"({"compiledRelease":{"a":1},"records":[1, "two",null]})", 3);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].kind, JsonStreamEvent::Kind::kMember);
  EXPECT_EQ(events[1].json, "1");
  EXPECT_EQ(events[2].json, "\"two\"");
  EXPECT_EQ(events[3].json, "null");
}

TEST(JsonStreamSplitter, BrokenStructureIsAnError) {
  for (const std::string bad : {"{\"releases\":[{\"a\":1}", "{\"a\":\"unterminated}", "]", "42"}) {
    std::istringstream in(bad);
    JsonStreamSplitter splitter(in, {});
    JsonStreamEvent event;
    Status last;
    for (int i = 0; i < 10; ++i) {
      auto more = splitter.Next(event);
      if (!more.ok()) {
        last = more.status();
        break;
      }
      if (!*more) break;
    }
    EXPECT_EQ(last.code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(JsonStreamSplitter, ElementLargerThanTheLimitIsRefused) {
  std::istringstream in("{\"releases\":[{\"x\":\"" + std::string(5000, 'a') + "\"}]}");
  JsonStreamSplitter::Options options;
  options.max_value_bytes = 1000;
  JsonStreamSplitter splitter(in, options);
  JsonStreamEvent event;
  auto more = splitter.Next(event);
  ASSERT_FALSE(more.ok());
  EXPECT_EQ(more.status().code(), StatusCode::kResourceExhausted);
}

// Everything an event says, for comparing whole runs of the splitter.
std::string Describe(const std::vector<JsonStreamEvent>& events) {
  std::string out;
  for (const JsonStreamEvent& e : events) {
    out += std::to_string(static_cast<int>(e.kind)) + "|" + e.key + "|" + e.json + "|" +
           std::to_string(e.index) + "|" + std::to_string(e.line) + "|" +
           std::to_string(e.document) + "\n";
  }
  return out;
}

// Long plain runs (copied in one go) broken by escaped quotes and backslashes, nested
// containers, newlines inside captured values and between members, unwanted members after
// the array, and a JSON lines tail of single documents whose keys and strings have escapes.
const std::string kRuns = std::string(R"({"uri":"plain text \\ then \" more","tag":["a",{"b":"c\\"}],)") +
                          "\n \"releases\" : [\n  {\"ocid\":\"" + std::string(300, 'x') +
                          R"(\"quoted\\\"\\","n":[[1, 2],{"d":{"e":[true,false,null]}}],)" +
                          "\n   \"s\":\"{[}]\"}\n , {\"ocid\":\"b\\\\\"} ],\n\"extensions\":{\"x\":[\"]\"]}}\n" +
                          R"({"k\"ey":"v\\","o":{"p":"q\"r"}})" + "\n" +
                          R"({"ocid":"c","t":")" + std::string(200, 'y') + "\\\\" + "\"}\n";

TEST(JsonStreamSplitter, CopiedRunsGiveTheSameEventsAtEveryChunkSize) {
  const std::string one_byte = Describe(SplitAll(kRuns, 1));
  const auto events = SplitAll(kRuns, 1u << 20);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].json, "{\"ocid\":\"" + std::string(300, 'x') +
                                R"(\"quoted\\\"\\","n":[[1, 2],{"d":{"e":[true,false,null]}}],)" +
                                "\n   \"s\":\"{[}]\"}");
  EXPECT_EQ(events[1].json, "{\"ocid\":\"b\\\\\"}");
  EXPECT_EQ(events[1].index, 1);
  EXPECT_EQ(events[2].kind, JsonStreamEvent::Kind::kDocument);
  EXPECT_EQ(events[2].json, R"({"k\"ey":"v\\","o":{"p":"q\"r"}})");
  EXPECT_EQ(events[2].line, 7);
  EXPECT_EQ(events[3].json, R"({"ocid":"c","t":")" + std::string(200, 'y') + "\\\\\"}");
  EXPECT_EQ(events[3].line, 8);
  EXPECT_EQ(events[3].document, 2);
  EXPECT_EQ(Describe(events), one_byte);
  for (std::size_t chunk = 2; chunk <= kRuns.size() + 1; ++chunk) {
    EXPECT_EQ(Describe(SplitAll(kRuns, chunk)), one_byte) << "chunk " << chunk;
  }
}

TEST(JsonStreamSplitter, LineOfAnErrorIsCountedInsideCopiedRuns) {
  // The newlines sit inside a string and a nested container: both are copied runs.
  std::istringstream in("{\"releases\":[{\"a\":\"x\ny\",\"b\":[1,\n2]}]}\n]");
  JsonStreamSplitter splitter(in, {});
  JsonStreamEvent event;
  ASSERT_TRUE(*splitter.Next(event));
  auto more = splitter.Next(event);
  ASSERT_FALSE(more.ok());
  EXPECT_NE(more.status().message().find("line 4"), std::string::npos) << more.status().ToString();
  EXPECT_EQ(splitter.line(), 4);
}

TEST(JsonStreamSplitter, LimitIsEnforcedOnTheExactByteInsideARun) {
  // An element of exactly the limit passes; a longer string is refused, whatever the chunk.
  // (The closing bracket itself is never counted, as before the copied runs.)
  const std::string at_limit = "{\"x\":\"" + std::string(992, 'a') + "\"}";
  ASSERT_EQ(at_limit.size(), 1000u);
  for (std::size_t chunk : {1u, 7u, 4096u}) {
    for (std::size_t extra : {0u, 2u}) {
      const std::string element = "{\"x\":\"" + std::string(992 + extra, 'a') + "\"}";
      std::istringstream in("{\"releases\":[" + element + "]}");
      JsonStreamSplitter::Options options;
      options.max_value_bytes = 1000;
      options.chunk_bytes = chunk;
      JsonStreamSplitter splitter(in, options);
      JsonStreamEvent event;
      auto more = splitter.Next(event);
      if (extra == 0) {
        ASSERT_TRUE(more.ok()) << more.status().ToString();
        EXPECT_EQ(event.json, element);
      } else {
        ASSERT_FALSE(more.ok()) << "chunk " << chunk;
        EXPECT_EQ(more.status().code(), StatusCode::kResourceExhausted);
      }
    }
  }
}

}  // namespace
}  // namespace tb::notices::importers
