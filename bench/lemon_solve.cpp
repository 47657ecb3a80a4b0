// Reference solver for the matching benchmark: LEMON NetworkSimplex, two-phase as in
// shared/data/matching/README.md (max flow with Preflow, then min-cost flow of that value).
// Prints {"assigned":…,"cost":…,"seconds":…} with seconds = graph build excluded, solve only.
#include <lemon/smart_graph.h>
#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>
using namespace lemon;

static long next_int(FILE* f) {
  int c = fgetc(f);
  while (c == '#') { while (c != '\n' && c != EOF) c = fgetc(f); c = fgetc(f); }
  while (c == ' ' || c == '\n' || c == '\r' || c == '\t') c = fgetc(f);
  long v = 0; bool neg = false;
  if (c == '-') { neg = true; c = fgetc(f); }
  while (c >= '0' && c <= '9') { v = v * 10 + (c - '0'); c = fgetc(f); }
  return neg ? -v : v;
}

int main(int argc, char** argv) {
  if (argc < 2) { fprintf(stderr, "usage: lemon_solve INSTANCE.csap\n"); return 2; }
  FILE* f = fopen(argv[1], "r");
  if (!f) { perror(argv[1]); return 2; }
  char magic[8];
  int c; while ((c = fgetc(f)) == '#') { while (c != '\n' && c != EOF) c = fgetc(f); }
  ungetc(c, f);
  if (fscanf(f, "%4s", magic) != 1) return 2;
  next_int(f);  // version
  long n = next_int(f), m = next_int(f), e = next_int(f);
  SmartDigraph g;
  g.reserveNode(n + m + 2); g.reserveArc(n + m + e);
  SmartDigraph::Node s = g.addNode(), t = g.addNode();
  std::vector<SmartDigraph::Node> a(n), p(m);
  SmartDigraph::ArcMap<long> cap(g), cost(g);
  for (long i = 0; i < n; i++) { a[i] = g.addNode(); SmartDigraph::Arc x = g.addArc(s, a[i]); cap[x] = 1; cost[x] = 0; }
  for (long j = 0; j < m; j++) { p[j] = g.addNode(); }
  for (long j = 0; j < m; j++) { SmartDigraph::Arc x = g.addArc(p[j], t); cap[x] = next_int(f); cost[x] = 0; }
  for (long k = 0; k < e; k++) {
    long i = next_int(f), j = next_int(f), w = next_int(f);
    SmartDigraph::Arc x = g.addArc(a[i], p[j]); cap[x] = 1; cost[x] = w;
  }
  fclose(f);
  auto t0 = std::chrono::steady_clock::now();
  Preflow<SmartDigraph, SmartDigraph::ArcMap<long>> pf(g, cap, s, t);
  pf.runMinCut();
  long flow = pf.flowValue();
  NetworkSimplex<SmartDigraph, long, long> ns(g);
  ns.upperMap(cap).costMap(cost).stSupply(s, t, flow);
  if (ns.run() != NetworkSimplex<SmartDigraph, long, long>::OPTIMAL) { fprintf(stderr, "not optimal\n"); return 1; }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  printf("{\"assigned\":%ld,\"cost\":%ld,\"seconds\":%.4f}\n", flow, (long)ns.totalCost(), secs);
  return 0;
}
