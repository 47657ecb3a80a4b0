namespace Qadam.Matching;

/// <summary>Union–find over 0..n−1 with path halving; a set's representative is its smallest member.</summary>
internal sealed class DisjointSets
{
    private readonly int[] parent;

    public DisjointSets(int n)
    {
        parent = new int[n];
        for (var i = 0; i < n; i++) parent[i] = i;
    }

    public int Find(int x)
    {
        while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
        return x;
    }

    public void Union(int a, int b)
    {
        int x = Find(a), y = Find(b);
        if (x != y) parent[Math.Max(x, y)] = Math.Min(x, y);
    }
}
