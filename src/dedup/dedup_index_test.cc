#include "dedup/dedup_index.h"

#include <gtest/gtest.h>

#include <cmath>

#include <filesystem>

#include "test_util.h"

namespace saring {
namespace {

// Clusters `index` with `options`, failing the test on an error.
DedupDecisions Clustered(DedupIndex* index, const DedupClusterOptions& options = {}) {
  DedupDecisions d;
  Status s = index->Cluster(options, &d);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return d;
}

DedupKeys Key(uint64_t exact, std::vector<uint64_t> bands) {
  DedupKeys k;
  k.exact = exact;
  k.bands = std::move(bands);
  return k;
}

// Added out of order, as worker threads would: the keeper is still the
// first document in input order.
TEST(DedupIndexTest, KeeperIsFirstInInputOrderWhateverTheOrderOfAdds) {
  testing::TempDir dir;
  DedupIndex index(2, dir.Join("tmp"), 1 << 20);
  index.Add(DedupPosition(3, 0), Key(7, {100, 200}), "late-copy");
  index.Add(DedupPosition(1, 5), Key(9, {300, 201}), "near");  // no key in common with any
  index.Add(DedupPosition(0, 2), Key(7, {100, 200}), "first");
  index.Add(DedupPosition(2, 0), Key(5, {400, 500}), "alone");
  index.Add(DedupPosition(1, 6), Key(8, {100, 600}), "band0");
  DedupDecisions d = Clustered(&index);
  const DedupDecision* first = d.Find(DedupPosition(0, 2));
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->duplicate_of, -1);
  EXPECT_EQ(first->cluster_size, 3u);  // first, band0 (band 0 = 100), late-copy
  const DedupDecision* copy = d.Find(DedupPosition(3, 0));
  ASSERT_NE(copy, nullptr);
  EXPECT_TRUE(copy->exact);
  EXPECT_EQ(d.keeper_ids[copy->duplicate_of], "first");
  const DedupDecision* near = d.Find(DedupPosition(1, 6));
  EXPECT_FALSE(near->exact);
  EXPECT_EQ(d.keeper_ids[near->duplicate_of], "first");
  EXPECT_EQ(d.Find(DedupPosition(1, 5))->cluster_size, 1u);
  EXPECT_EQ(d.Find(DedupPosition(2, 0))->duplicate_of, -1);
  EXPECT_EQ(d.Find(DedupPosition(9, 9)), nullptr);
  EXPECT_EQ(d.clusters, 1u);
  EXPECT_EQ(d.exact_duplicates, 1u);
  EXPECT_EQ(d.near_duplicates, 1u);
}

// Candidates join transitively: a~b in band 0, b~c in band 1 make one
// cluster, kept as a.
TEST(DedupIndexTest, ClustersAreConnectedComponents) {
  testing::TempDir dir;
  DedupIndex index(2, dir.Join("tmp"), 1 << 20);
  index.Add(DedupPosition(0, 0), Key(1, {10, 20}), "a");
  index.Add(DedupPosition(0, 1), Key(2, {10, 21}), "b");
  index.Add(DedupPosition(0, 2), Key(3, {11, 21}), "c");
  index.Add(DedupPosition(0, 3), Key(4, {}), "no-words");  // only its exact key counts
  index.Add(DedupPosition(0, 4), Key(4, {}), "no-words-again");
  DedupDecisions d = Clustered(&index);
  EXPECT_EQ(d.Find(DedupPosition(0, 0))->cluster_size, 3u);
  EXPECT_EQ(d.keeper_ids[d.Find(DedupPosition(0, 2))->duplicate_of], "a");
  EXPECT_EQ(d.keeper_ids[d.Find(DedupPosition(0, 4))->duplicate_of], "no-words");
  EXPECT_EQ(d.clusters, 2u);
}

TEST(DedupIndexTest, KeeperLongestTakesTheLongestTextFirstOnATie) {
  testing::TempDir dir;
  DedupIndex index(1, dir.Join("tmp"), 1 << 20, 0, true);
  index.Add(DedupPosition(0, 0), Key(1, {10}), "short", 10);
  index.Add(DedupPosition(0, 1), Key(1, {10}), "long", 30);
  index.Add(DedupPosition(0, 2), Key(1, {10}), "long-too", 30);
  DedupClusterOptions o;
  o.keeper = "longest";
  DedupDecisions d = Clustered(&index, o);
  EXPECT_EQ(d.Find(DedupPosition(0, 1))->cluster_size, 3u);
  EXPECT_EQ(d.keeper_ids[d.Find(DedupPosition(0, 0))->duplicate_of], "long");
  EXPECT_EQ(d.keeper_ids[d.Find(DedupPosition(0, 2))->duplicate_of], "long");
}

TEST(DedupIndexTest, KeeperScoreTakesTheHighestScoreAndMissingRanksLast) {
  EXPECT_LT(DedupScoreRank(std::nan("")), DedupScoreRank(-1e30));
  EXPECT_LT(DedupScoreRank(-2.5), DedupScoreRank(-0.5));
  EXPECT_LT(DedupScoreRank(-0.5), DedupScoreRank(0.0));
  EXPECT_LT(DedupScoreRank(0.0), DedupScoreRank(0.25));
  EXPECT_LT(DedupScoreRank(0.25), DedupScoreRank(3.0));
  testing::TempDir dir;
  DedupIndex index(1, dir.Join("tmp"), 1 << 20, 0, true);
  index.Add(DedupPosition(0, 0), Key(1, {10}), "no-score", DedupScoreRank(std::nan("")));
  index.Add(DedupPosition(0, 1), Key(1, {10}), "negative", DedupScoreRank(-3));
  index.Add(DedupPosition(0, 2), Key(1, {10}), "best", DedupScoreRank(0.75));
  index.Add(DedupPosition(0, 3), Key(1, {10}), "best-too", DedupScoreRank(0.75));
  DedupClusterOptions o;
  o.keeper = "score";
  DedupDecisions d = Clustered(&index, o);
  EXPECT_EQ(d.Find(DedupPosition(0, 2))->cluster_size, 4u);
  EXPECT_EQ(d.keeper_ids[d.Find(DedupPosition(0, 0))->duplicate_of], "best");
  EXPECT_EQ(d.keeper_ids[d.Find(DedupPosition(0, 3))->duplicate_of], "best");
}

// b shares band 0 with a and band 1 with c. a and b agree on all 4
// signature entries, b and c on 1 of 4 (0.25 < 0.7): verified, c stays
// alone; unverified, the chain merges all three.
TEST(DedupIndexTest, VerificationStopsAChainOfWeakMatches) {
  auto build = [](DedupIndex* index) {
    index->Add(DedupPosition(0, 0), Key(1, {10, 20}), "a", 5, {1, 2, 3, 4});
    index->Add(DedupPosition(0, 1), Key(2, {10, 21}), "b", 5, {1, 2, 3, 4});
    index->Add(DedupPosition(0, 2), Key(3, {11, 21}), "c", 5, {1, 9, 9, 9});
  };
  testing::TempDir dir;
  DedupIndex verified(2, dir.Join("v"), 1 << 20, 4), unverified(2, dir.Join("u"), 1 << 20, 4);
  build(&verified);
  build(&unverified);
  DedupClusterOptions o;
  o.verify = true;
  DedupDecisions d = Clustered(&verified, o);
  EXPECT_EQ(d.Find(DedupPosition(0, 0))->cluster_size, 2u);
  EXPECT_EQ(d.Find(DedupPosition(0, 2))->duplicate_of, -1);
  d = Clustered(&unverified);
  EXPECT_EQ(d.Find(DedupPosition(0, 0))->cluster_size, 3u);
}

// A budget of 1,024 records (the least SortedRuns takes) for 3,000
// documents of 3 keys each: the keys go through several runs on disk, the
// ids (1.3 MB) through the id file, and the clusters and keepers' ids are
// those of an index that holds every key in memory.
TEST(DedupIndexTest, SpilledRunsGiveTheSameClusters) {
  testing::TempDir dir;
  DedupIndex small(2, dir.Join("small"), 1), large(2, dir.Join("large"), 1 << 28);
  for (uint32_t i = 0; i < 3000; ++i) {
    // Band 0: in every other block of ten documents, the n-th of the block
    // shares a key with the n-th of the other such blocks (ten buckets of
    // 150). Exact keys: document 7 repeats document 0's (0 and 7 are in
    // buckets 0 and 7, which merge: 9 clusters); the other multiples of 7
    // point at a key nobody has.
    const DedupKeys k = Key(i % 7 == 0 && i > 0 ? 1000000 + i - 7 : 1000000 + i,
                            {i / 10 % 2 == 0 ? 5000000 + i % 10 : 6000000 + i, 7000000 + i});
    // Ids of some 420 bytes: 1.3 MB of them, more than the id buffer holds.
    const std::string id = "doc-" + std::to_string(i) + (i == 0 ? "" : std::string(400 + i % 50, 'x'));
    small.Add(DedupPosition(i / 100, i % 100), k, id);
    large.Add(DedupPosition(i / 100, i % 100), k, id);
  }
  DedupDecisions a = Clustered(&small), b = Clustered(&large);
  EXPECT_GT(a.runs_spilled, 5u);
  EXPECT_EQ(b.runs_spilled, 0u);
  EXPECT_EQ(a.positions, b.positions);
  ASSERT_EQ(a.decisions.size(), b.decisions.size());
  for (size_t k = 0; k < a.decisions.size(); ++k) {
    EXPECT_EQ(a.decisions[k].cluster_size, b.decisions[k].cluster_size) << k;
    EXPECT_EQ(a.decisions[k].exact, b.decisions[k].exact) << k;
    const int32_t x = a.decisions[k].duplicate_of, y = b.decisions[k].duplicate_of;
    ASSERT_EQ(x < 0, y < 0) << k;
    if (x >= 0) {
      EXPECT_EQ(a.keeper_ids[x], b.keeper_ids[y]) << k;
    }
  }
  EXPECT_EQ(a.clusters, 9u);
  EXPECT_EQ(a.Find(DedupPosition(0, 7))->exact, true);
  EXPECT_EQ(a.keeper_ids[a.Find(DedupPosition(0, 7))->duplicate_of], "doc-0");
  EXPECT_FALSE(std::filesystem::exists(dir.Join("small/keys")));  // runs removed
}

}  // namespace
}  // namespace saring
