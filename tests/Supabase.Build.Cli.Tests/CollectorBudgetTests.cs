namespace Supabase.Build.Cli.Tests;

/// <summary>The no-collection budget of a lint grows with its input and stays within a cap and the memory at hand.</summary>
public class CollectorBudgetTests
{
    private const long MiB = 1L << 20;
    private const long Plenty = 64L << 30;

    [Fact]
    public void A_small_project_gets_the_base_and_forty_bytes_per_byte_of_SQL() =>
        Assert.Equal((64 * MiB) + (40 * MiB), CollectorBudget.BudgetFor(MiB, Plenty));

    [Fact]
    public void A_huge_project_is_capped_at_a_gigabyte() =>
        Assert.Equal(1024 * MiB, CollectorBudget.BudgetFor(500 * MiB, Plenty));

    [Fact]
    public void A_small_machine_gives_at_most_a_quarter_of_its_memory() =>
        Assert.Equal(128 * MiB, CollectorBudget.BudgetFor(100 * MiB, 512 * MiB));
}
