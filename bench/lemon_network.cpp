// Reference for the constrained matching benchmark: LEMON 1.3.1 NetworkSimplex on the network Qadam's solver uses
// (source → [region's women node] → applicant → position → [employer] → sink, plus a free return arc sink → source),
// written by `Qadam.Bench constrained … NET_PREFIX`. Costs fold the lexicographic objective (placed, quota reached,
// cost) into one by tier weights, so the min-cost circulation is that optimum.
// Input: "nodes arcs" then one arc per line "u v capacity cost kind" (kind 1 = applicant–position pair, 2 = a region's
// quota arc, 3 = the return arc). Prints {"assigned":…,"quota":…,"cost":…,"seconds":…}, solve only.
#include <lemon/smart_graph.h>
#include <lemon/network_simplex.h>
#include <chrono>
#include <cstdio>
#include <vector>
using namespace lemon;

int main(int argc, char** argv) {
  if (argc < 2) { fprintf(stderr, "usage: lemon_network NETWORK.net\n"); return 2; }
  FILE* f = fopen(argv[1], "r");
  if (!f) { perror(argv[1]); return 2; }
  long n, a;
  if (fscanf(f, "%ld %ld", &n, &a) != 2) return 2;
  SmartDigraph g;
  g.reserveNode(n); g.reserveArc(a);
  std::vector<SmartDigraph::Node> node(n);
  for (long i = 0; i < n; i++) node[i] = g.addNode();
  SmartDigraph::ArcMap<long long> cap(g), cost(g);
  SmartDigraph::ArcMap<int> kind(g);
  std::vector<long long> pure(a);
  for (long k = 0; k < a; k++) {
    long u, v, c, k2; long long w;
    if (fscanf(f, "%ld %ld %ld %lld %ld", &u, &v, &c, &w, &k2) != 5) { fprintf(stderr, "bad arc %ld\n", k); return 2; }
    SmartDigraph::Arc x = g.addArc(node[u], node[v]); cap[x] = c; cost[x] = w; kind[x] = (int)k2;
  }
  fclose(f);
  auto t0 = std::chrono::steady_clock::now();
  NetworkSimplex<SmartDigraph, long long, long long> ns(g);
  ns.upperMap(cap).costMap(cost);
  if (ns.run() != NetworkSimplex<SmartDigraph, long long, long long>::OPTIMAL) { fprintf(stderr, "not optimal\n"); return 1; }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  long long assigned = 0, quota = 0;
  for (SmartDigraph::ArcIt x(g); x != INVALID; ++x) {
    if (kind[x] == 3) assigned += ns.flow(x);
    if (kind[x] == 2) quota += ns.flow(x);
  }
  printf("{\"assigned\":%lld,\"quota\":%lld,\"total\":%lld,\"seconds\":%.4f}\n", assigned, quota, (long long)ns.totalCost(), secs);
  return 0;
}
