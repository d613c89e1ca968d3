namespace Supabase.Build.Cli;

/// <summary>
/// A lint is a short batch run that keeps every parse tree of a history until that history is reported, so a
/// collection in between mostly copies what is still in use, and its pause stops every core. The tool therefore asks
/// the runtime to collect nothing while the lint allocates up to a budget sized from the input; past the budget the
/// collector runs as usual. The price is memory: what the run allocates is not reused before the budget is spent, so
/// the peak is close to the total allocated (see the README's measured figures).
/// </summary>
internal static class CollectorBudget
{
    // About what a lint allocates per byte of SQL (measured: 20 on the migrations corpus, 38 on pg-regress), and a base
    // for the tool itself; at most a gigabyte, and a quarter of the memory the runtime may use.
    private const long BytesPerSqlByte = 40;
    private const long BaseBytes = 64L << 20;
    private const long MaxBytes = 1L << 30;

    /// <summary>Starts the no-collection budget for a lint of <paramref name="sqlBytes"/> bytes of SQL (once per process).</summary>
    public static void StartFor(long sqlBytes)
    {
        try
        {
            GC.TryStartNoGCRegion(BudgetFor(sqlBytes, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // More than this runtime grants at once, or a budget already running (lint --fix lints twice): collect as usual.
        }
    }

    /// <summary>The bytes a lint of <paramref name="sqlBytes"/> may allocate before the collector runs, given <paramref name="availableBytes"/>.</summary>
    internal static long BudgetFor(long sqlBytes, long availableBytes) =>
        Math.Min(BaseBytes + (sqlBytes * BytesPerSqlByte), Math.Min(MaxBytes, availableBytes / 4));
}
