namespace Supabase.Build.PgQuery.Tests;

public class PgQueryLibraryLocatorTests
{
    [Fact]
    public void Bundled_copy_comes_first_then_the_configured_path_then_system_names()
    {
        var candidates = PgQueryLibraryLocator.Candidates("/opt/custom/libpg_query.so");

        Assert.EndsWith(Path.Combine("runtimes", "linux-x64", "native", "libpg_query.so"), candidates[0], StringComparison.Ordinal);
        Assert.Equal("/opt/custom/libpg_query.so", candidates[1]);
        Assert.Equal(new[] { "libpg_query.so.1504.0", "libpg_query.so", "libpg_query.dylib", "pg_query.dll" }, candidates.Skip(2));
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
        Assert.Contains("apt-get install libpg-query1504.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("brew install libpg_query", error.Message, StringComparison.Ordinal);
        Assert.Contains("vcpkg install libpg-query", error.Message, StringComparison.Ordinal);
        Assert.Contains("SupabasePgQueryLibrary", error.Message, StringComparison.Ordinal);
    }
}
