#include "dedup/line_index.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.h"

namespace saring {
namespace {

// 5,000 records in runs of 1,024 (the least SortedRuns takes): hash h
// (0..999) is seen in documents h, h + 1000, ..., h + 4000; hash 7777 twice
// in one document only.
TEST(LineIndexTest, FirstSeenAcrossSpilledRuns) {
  testing::TempDir dir;
  LineIndex index(dir.Join("lines"), 1);
  for (uint64_t i = 0; i < 5000; ++i) index.Add(i % 1000, i);
  index.Add(7777, 42);
  index.Add(7777, 42);
  ASSERT_TRUE(index.Finish().ok());
  EXPECT_EQ(index.repeated_lines(), 1000u);
  EXPECT_FALSE(index.SeenBefore(5, 5));  // the first copy stays
  EXPECT_TRUE(index.SeenBefore(5, 1005));
  EXPECT_TRUE(index.SeenBefore(999, 4999));
  EXPECT_FALSE(index.SeenBefore(7777, 43));  // one document: not repeated
  EXPECT_FALSE(index.SeenBefore(123456, 9));  // never seen
  EXPECT_FALSE(std::filesystem::exists(dir.Join("lines")));  // runs removed
}

}  // namespace
}  // namespace saring
