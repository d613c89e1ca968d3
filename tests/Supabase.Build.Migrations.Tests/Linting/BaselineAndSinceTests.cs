using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Linting;

public class BaselineAndSinceTests
{
    [Fact]
    public void Baselined_findings_are_not_reported_and_new_ones_are()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_old.sql", "create index a_x on a (x);\ndrop table legacy;\n");
        var first = workspace.Lint();
        var baseline = LintBaseline.From(first.Diagnostics, MigrationDiscovery.Discover(workspace.Directory).Files.Select(f => f.Path));
        var path = Path.Combine(workspace.Root, "supabase", LintBaseline.DefaultFileName);
        baseline.Save(path, "0.0.0");

        workspace.Add("20240201000000_new.sql", "create index b_x on b (x);\n");
        var second = workspace.Lint(options: new LintOptions { Baseline = LintBaseline.Load(path) });

        Assert.Equal(first.Diagnostics.Count, second.BaselinedCount);
        Assert.All(second.Diagnostics, d => Assert.EndsWith("_new.sql", d.FilePath, StringComparison.Ordinal));
        Assert.Contains(second.Diagnostics, d => d.Id == "SB1003");
    }

    [Fact]
    public void Fingerprints_ignore_lines_added_above_and_whitespace_but_not_the_statement()
    {
        using var workspace = new MigrationWorkspace();
        var path = workspace.Add("20240101000000_a.sql", "create index a_x on a (x);\n");
        var before = workspace.Lint().Diagnostics.Single(d => d.Id == "SB1003").Fingerprint;

        File.WriteAllText(path, "-- a comment\nselect 1;\n\ncreate   index a_x\n  on a (x);\n");
        var moved = workspace.Lint().Diagnostics.Single(d => d.Id == "SB1003").Fingerprint;

        File.WriteAllText(path, "create index a_y on a (y);\n");
        var changed = workspace.Lint().Diagnostics.Single(d => d.Id == "SB1003").Fingerprint;

        Assert.NotNull(before);
        Assert.Equal(before, moved);
        Assert.NotEqual(before, changed);
    }

    [Fact]
    public void Identical_findings_in_one_file_get_distinct_fingerprints()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_a.sql", "create index on a (x);\ncreate index on a (x);\n");
        var fingerprints = workspace.Lint().Diagnostics.Where(d => d.Id == "SB1003").Select(d => d.Fingerprint).ToList();

        Assert.Equal(2, fingerprints.Distinct().Count());
    }

    [Fact]
    public void The_baseline_file_is_stable_sorted_json_listing_every_file()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_a.sql", "create index a_x on a (x);\n");
        workspace.Add("20240102000000_b.sql", "select 1;\n");
        var files = MigrationDiscovery.Discover(workspace.Directory).Files.Select(f => f.Path).ToList();
        var path = Path.Combine(workspace.Root, "baseline.json");

        LintBaseline.From(workspace.Lint().Diagnostics, files).Save(path, "1.2.3");
        var once = File.ReadAllText(path);
        LintBaseline.From(workspace.Lint().Diagnostics.Reverse(), files).Save(path, "1.2.3");

        Assert.Equal(once, File.ReadAllText(path));
        var loaded = LintBaseline.Load(path);
        Assert.Equal(new[] { "20240101000000_a.sql", "20240102000000_b.sql" }, loaded.Files);
        Assert.True(loaded.CoversFile(Path.Combine("/elsewhere", "20240102000000_b.sql")));
        Assert.Contains(loaded.Findings, f => f.Id == "SB1003" && f.File == "20240101000000_a.sql");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("{\"findings\": [{\"id\": \"SB1003\"}]}")]
    [InlineData("not json")]
    public void A_damaged_baseline_is_InvalidDataException(string json)
    {
        using var workspace = new MigrationWorkspace();
        var path = Path.Combine(workspace.Root, "baseline.json");
        File.WriteAllText(path, json);

        Assert.Throws<InvalidDataException>(() => LintBaseline.Load(path));
    }

    [Fact]
    public void Since_skips_the_safety_rules_on_older_files_but_not_their_syntax_errors()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20230101000000_old.sql", "create index a_x on a (x);\nselect from from;\n");
        workspace.Add("20240101000000_new.sql", "create index b_x on b (x);\n");

        var diagnostics = workspace.Lint(options: new LintOptions { Since = "20240101000000" }).Diagnostics;

        Assert.DoesNotContain(diagnostics, d => d.FilePath.EndsWith("_old.sql", StringComparison.Ordinal) && d.Id.StartsWith("SB1", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.FilePath.EndsWith("_old.sql", StringComparison.Ordinal) && d.Id == "SB0001");
        Assert.Contains(diagnostics, d => d.FilePath.EndsWith("_new.sql", StringComparison.Ordinal) && d.Id == "SB1003");
    }

    [Fact]
    public void Since_still_lets_the_history_of_older_files_count()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20230101000000_old.sql", "create table t (id bigint, name varchar(20));\n");
        workspace.Add("20240101000000_new.sql", "alter table t alter column name type text;\n");

        Assert.DoesNotContain(workspace.Lint(options: new LintOptions { Since = "20240101000000" }).Diagnostics, d => d.Id == "SB1013");
    }

    [Fact]
    public void The_postgres_version_comes_from_config_toml()
    {
        using var workspace = new MigrationWorkspace();
        File.WriteAllText(Path.Combine(workspace.Root, "supabase", "config.toml"), "[db]\nport = 54322\nmajor_version = 13\n");
        workspace.Add("20240101000000_a.sql", "alter table events detach partition events_2023;\n");

        Assert.Equal(13, Configuration.SupabaseConfig.LoadBeside(workspace.Directory, new List<Diagnostics.MigrationDiagnostic>()).MajorVersion);
        Assert.DoesNotContain(workspace.Lint().Diagnostics, d => d.Id == "SB1036");
    }
}
