using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Discovery;

public class MigrationDiscoveryTests
{
    [Fact]
    public void Orders_by_version_and_splits_version_from_name()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240102000000_second.sql", "select 1;");
        workspace.Add("20240101000000_first_one.sql", "select 1;");

        var set = MigrationDiscovery.Discover(workspace.Directory);

        Assert.Equal(new[] { ("20240101000000", "first_one"), ("20240102000000", "second") }, set.Files.Select(f => (f.Version, f.Name)));
        Assert.Empty(set.Diagnostics);
    }

    [Theory]
    [InlineData("init.sql")]
    [InlineData("v1_init.sql")]
    [InlineData("20240101.sql")]
    public void A_sql_file_the_cli_would_skip_is_skipped_with_SB0002(string fileName)
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add(fileName, "select 1;");
        workspace.Add("20240101000000_ok.sql", "select 1;");
        workspace.Add("notes.txt", "not sql");

        var set = MigrationDiscovery.Discover(workspace.Directory);

        Assert.Single(set.Files);
        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal(("SB0002", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        Assert.EndsWith(fileName, diagnostic.FilePath, StringComparison.Ordinal);
        Assert.Contains("<digits>_<name>.sql", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("20240102000000_b.SQL", ".SQL")]
    [InlineData("20240102000000_b.Sql", ".Sql")]
    public void A_migration_with_an_upper_case_extension_is_skipped_with_SB0002_that_says_to_rename_it(string fileName, string extension)
    {
        // The Supabase CLI applies only '.sql'; on Linux a case-sensitive glob would not even see this file.
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_a.sql", "select 1;");
        workspace.Add(fileName, "select 2;");

        var set = MigrationDiscovery.Discover(workspace.Directory);

        Assert.Equal("20240101000000", Assert.Single(set.Files).Version);
        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal(("SB0002", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        Assert.EndsWith(fileName, diagnostic.FilePath, StringComparison.Ordinal);
        Assert.Contains($"ends in '{extension}'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("rename it to '20240102000000_b.sql'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_version_is_an_SB0002_error_on_the_later_file()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_a.sql", "select 1;");
        workspace.Add("20240101000000_b.sql", "select 1;");

        var set = MigrationDiscovery.Discover(workspace.Directory);

        Assert.Equal("a", Assert.Single(set.Files).Name);
        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal(("SB0002", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.EndsWith("20240101000000_b.sql", diagnostic.FilePath, StringComparison.Ordinal);
        Assert.Contains("20240101000000_a.sql", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_directory_is_SB0007()
    {
        var set = MigrationDiscovery.Discover(Path.Combine(Path.GetTempPath(), "sb-missing-" + Guid.NewGuid().ToString("N")));

        Assert.Empty(set.Files);
        Assert.Equal("SB0007", Assert.Single(set.Diagnostics).Id);
    }

    [Fact]
    public void The_nearest_supabase_migrations_folder_is_found_from_a_nested_directory()
    {
        using var workspace = new MigrationWorkspace();
        var nested = Directory.CreateDirectory(Path.Combine(workspace.Root, "src", "App")).FullName;

        Assert.Equal(workspace.Directory, MigrationDirectoryLocator.FindFrom(nested));
    }
}
