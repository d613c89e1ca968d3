namespace Supabase.Build.PgQuery.Tests;

public class PgQueryLibraryLocatorTests
{
    [Fact]
    public void The_configured_path_comes_first_then_the_bundled_copy_then_system_names()
    {
        var candidates = PgQueryLibraryLocator.Candidates("/opt/custom/libpg_query.so");

        Assert.Equal("/opt/custom/libpg_query.so", candidates[0]);
        Assert.EndsWith(Path.Combine("runtimes", "linux-x64", "native", "libpg_query.so"), candidates[1], StringComparison.Ordinal);
        Assert.Equal(new[] { "libpg_query.so.1706", "libpg_query.so", "libpg_query.dylib", "pg_query.dll" }, candidates.Skip(2));
    }

    [Fact]
    public void Without_a_configured_path_the_bundled_copy_comes_first()
    {
        var candidates = PgQueryLibraryLocator.Candidates(null);

        Assert.EndsWith(Path.Combine("runtimes", "linux-x64", "native", "libpg_query.so"), candidates[0], StringComparison.Ordinal);
    }

    [Fact]
    public void This_runtime_is_one_the_packages_bundle_a_parser_for()
    {
        Assert.Contains(PgQueryLibraryLocator.RuntimeIdentifier(), PgQueryLibraryLocator.BundledRuntimes);
    }

    [Fact]
    public void The_bundled_library_is_PostgreSQL_17s_grammar()
    {
        // MERGE ... RETURNING is new in 17: the 15 and 16 grammars reject it.
        var parser = PgParser.Load();

        var result = parser.Parse("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING merge_action(), t.*");

        Assert.Null(result.Error);
    }

    [Fact]
    public void The_bundled_copy_loads()
    {
        var parser = PgParser.Load();

        Assert.EndsWith("libpg_query.so", parser.LibraryPath, StringComparison.Ordinal);
        Assert.Contains("runtimes", parser.LibraryPath, StringComparison.Ordinal);
    }
}

public class PgQueryLibraryMissingTests
{
    [Fact]
    public void Names_every_place_tried_and_how_to_install_when_nothing_loads()
    {
        var missingFile = Path.Combine(Path.GetTempPath(), "no-such-dir", "libpg_query.so");

        var error = Assert.Throws<PgQueryLibraryException>(() => PgParser.LoadFirst(new[] { missingFile, "libno_such_parser.so" }));

        Assert.Equal(new[] { $"{missingFile} (not found)", "libno_such_parser.so" }, error.Tried);
        Assert.Contains("libpg_query 17-6.1.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("brew install libpg_query", error.Message, StringComparison.Ordinal);
        Assert.Contains("SupabasePgQueryLibrary", error.Message, StringComparison.Ordinal);
    }
}
