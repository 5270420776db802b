#include "util/u64_table.h"

#include <gtest/gtest.h>

namespace saring {
namespace {

TEST(U64TableTest, FindsInsertedKeysKeepsFirstValueAndGrows) {
  U64Table t;
  EXPECT_EQ(t.Find(7), nullptr);  // never reset: empty
  t.Reset(4);
  t.Insert(7, 1);
  t.Insert(7, 2);       // the first value stays
  t.Insert(7 + 16, 3);  // same slot in a 16-slot table: probes on
  ASSERT_NE(t.Find(7), nullptr);
  EXPECT_EQ(*t.Find(7), 1u);
  EXPECT_EQ(*t.Find(23), 3u);
  EXPECT_EQ(t.Find(39), nullptr);
  for (uint64_t k = 100; k < 1100; ++k)
    t.Insert(k * 0x9E3779B97F4A7C15ull, static_cast<uint32_t>(k));
  for (uint64_t k = 100; k < 1100; ++k) {
    const uint32_t* v = t.Find(k * 0x9E3779B97F4A7C15ull);
    ASSERT_NE(v, nullptr) << k;
    EXPECT_EQ(*v, k);
  }
  EXPECT_EQ(*t.Find(7), 1u);  // kept through growth
  t.Reset(4);
  EXPECT_EQ(t.Find(7), nullptr);
  EXPECT_EQ(t.Find(100 * 0x9E3779B97F4A7C15ull), nullptr);
}

}  // namespace
}  // namespace saring
