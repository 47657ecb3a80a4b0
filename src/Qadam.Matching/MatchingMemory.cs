using System.Runtime;

namespace Qadam.Matching;

/// <summary>
/// A national matching run allocates and drops arrays of hundreds of megabytes between its stages (the scored pairs, the
/// networks of successive pricing rounds, the plain solver's relabelled copy). The garbage collector sizes its next
/// collection by what survived the last, so without a push it kept the dropped arrays as well: 4.0 GB at the peak of a
/// 100,000-applicant run whose live data never exceeded 2 GiB (it finished under a 2 GiB heap limit). The job therefore
/// releases memory at its stage boundaries, where the garbage is largest and a full collection costs little next to the
/// stage (about a second against tens of seconds).
/// </summary>
public static class MatchingMemory
{
    /// <summary>Collects everything dropped so far, compacting the large-object heap and returning freed memory to the system.</summary>
    public static void Release()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>A run with this many allowed pairs releases memory between its stages.</summary>
    public const int LargeRunPairs = 1_000_000;

    /// <summary>Parts this large release memory before each network is built (smaller ones never hold enough to matter).</summary>
    internal const int LargePart = 20_000;
}
