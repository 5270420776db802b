#include "dedup/dedup_index.h"

#include <gtest/gtest.h>

namespace saring {
namespace {

DedupKeys Key(uint64_t exact, std::vector<uint64_t> bands) {
  DedupKeys k;
  k.exact = exact;
  k.bands = std::move(bands);
  return k;
}

// Added out of order, as worker threads would: the keeper is still the
// first document in input order.
TEST(DedupIndexTest, KeeperIsFirstInInputOrderWhateverTheOrderOfAdds) {
  DedupIndex index(2);
  index.Add(DedupPosition(3, 0), Key(7, {100, 200}), "late-copy");
  index.Add(DedupPosition(1, 5), Key(9, {300, 201}), "near");  // no key in common with any
  index.Add(DedupPosition(0, 2), Key(7, {100, 200}), "first");
  index.Add(DedupPosition(2, 0), Key(5, {400, 500}), "alone");
  index.Add(DedupPosition(1, 6), Key(8, {100, 600}), "band0");
  DedupDecisions d;
  index.Cluster(&d);
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
  DedupIndex index(2);
  index.Add(DedupPosition(0, 0), Key(1, {10, 20}), "a");
  index.Add(DedupPosition(0, 1), Key(2, {10, 21}), "b");
  index.Add(DedupPosition(0, 2), Key(3, {11, 21}), "c");
  index.Add(DedupPosition(0, 3), Key(4, {}), "no-words");  // only its exact key counts
  index.Add(DedupPosition(0, 4), Key(4, {}), "no-words-again");
  DedupDecisions d;
  index.Cluster(&d);
  EXPECT_EQ(d.Find(DedupPosition(0, 0))->cluster_size, 3u);
  EXPECT_EQ(d.keeper_ids[d.Find(DedupPosition(0, 2))->duplicate_of], "a");
  EXPECT_EQ(d.keeper_ids[d.Find(DedupPosition(0, 4))->duplicate_of], "no-words");
  EXPECT_EQ(d.clusters, 2u);
}

TEST(DedupIndexTest, KeeperLongestTakesTheLongestTextFirstOnATie) {
  DedupIndex index(1);
  index.Add(DedupPosition(0, 0), Key(1, {10}), "short", 10);
  index.Add(DedupPosition(0, 1), Key(1, {10}), "long", 30);
  index.Add(DedupPosition(0, 2), Key(1, {10}), "long-too", 30);
  DedupClusterOptions o;
  o.keeper = "longest";
  DedupDecisions d;
  index.Cluster(o, &d);
  EXPECT_EQ(d.Find(DedupPosition(0, 1))->cluster_size, 3u);
  EXPECT_EQ(d.keeper_ids[d.Find(DedupPosition(0, 0))->duplicate_of], "long");
  EXPECT_EQ(d.keeper_ids[d.Find(DedupPosition(0, 2))->duplicate_of], "long");
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
  DedupIndex verified(2, 4), unverified(2, 4);
  build(&verified);
  build(&unverified);
  DedupClusterOptions o;
  o.verify = true;
  DedupDecisions d;
  verified.Cluster(o, &d);
  EXPECT_EQ(d.Find(DedupPosition(0, 0))->cluster_size, 2u);
  EXPECT_EQ(d.Find(DedupPosition(0, 2))->duplicate_of, -1);
  unverified.Cluster(&d);
  EXPECT_EQ(d.Find(DedupPosition(0, 0))->cluster_size, 3u);
}

}  // namespace
}  // namespace saring
