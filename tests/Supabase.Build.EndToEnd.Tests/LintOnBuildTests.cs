using System.Runtime.InteropServices;
using System.Text.Json;

namespace Supabase.Build.EndToEnd.Tests;

/// <summary>
/// `dotnet build` of a consumer project that uses the packed SDK, as a user runs it. Each test builds its own
/// consumer; the collection runs them one after another around one pack.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class LintOnBuildTests(PackedSdkFixture fixture)
{
    private const string CreateTable = "create table if not exists public.accounts (id bigint primary key, email text);\nalter table public.accounts enable row level security;\n"
        + "create policy accounts_read on public.accounts for select to authenticated using (true);\n";

    // The statement starts on line 3, column 3: diagnostics must point exactly there.
    private const string UnsafeIndex = "-- look accounts up by email\n\n  create index if not exists accounts_email_idx on public.accounts (email);\n";

    private const string SafeIndex = "create index concurrently if not exists accounts_email_idx on public.accounts (email);\n";

    // SB1004 (a warning): CREATE TABLE without IF NOT EXISTS.
    private const string NotRerunnable = "create table public.settings (key text primary key, value text);\nalter table public.settings enable row level security;\n";

    [Fact]
    public void Unsafe_migration_fails_the_build_at_its_file_line_and_column_with_the_help_link()
    {
        var consumer = fixture.CreateConsumer("unsafe").WithSdkElement();
        consumer.AddMigration("20240101000000_create_accounts.sql", CreateTable);
        var unsafeFile = consumer.AddMigration("20240201000000_index_accounts_email.sql", UnsafeIndex);

        var build = consumer.Build();

        Assert.True(build.ExitCode != 0, build.ToString());
        Assert.Contains($"{unsafeFile}(3,3): error SB1003: CREATE INDEX on 'accounts'", build.Output, StringComparison.Ordinal);
        Assert.Contains("https://github.com/supabase-build/Supabase.Build/blob/main/docs/rules/SB1003.md", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Safe_migrations_build()
    {
        var consumer = fixture.CreateConsumer("safe").WithSdkElement();
        consumer.AddMigration("20240101000000_create_accounts.sql", CreateTable);
        consumer.AddMigration("20240201000000_index_accounts_email.sql", SafeIndex);

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain(" SB", build.Output, StringComparison.Ordinal);
        Assert.Equal("[]", File.ReadAllText(consumer.ResultsFile).Trim());
    }

    [Fact]
    public void Exposing_a_schema_in_config_toml_or_SupabaseApiSchemas_lints_again()
    {
        var consumer = fixture.CreateConsumer("api-schemas").WithSdkElement();
        var file = consumer.AddMigration("20240101000000_orders.sql", "create schema if not exists api;\ncreate table if not exists api.orders (id bigint primary key);\ngrant select on api.orders to anon;\n");
        var hole = $"{file}(2,1): error SB2001: table api.orders is in the exposed schema api";

        var first = consumer.Build();
        Assert.True(first.ExitCode == 0, first.ToString());

        File.WriteAllText(Path.Combine(consumer.Root, "supabase", "config.toml"), "[api]\nschemas = [\"public\", \"api\"]\n");
        var second = consumer.Build();
        Assert.True(second.ExitCode != 0, second.ToString());
        Assert.Contains(hole, second.Output, StringComparison.Ordinal);

        File.Delete(Path.Combine(consumer.Root, "supabase", "config.toml"));
        var third = consumer.Build("-p:SupabaseApiSchemas=api");
        Assert.True(third.ExitCode != 0, third.ToString());
        Assert.Contains(hole, third.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SupabasePostgresVersion_wins_over_config_toml_lints_again_when_changed_and_is_named_in_SB1041()
    {
        var consumer = fixture.CreateConsumer("postgres-version").WithSdkElement();
        var file = consumer.AddMigration("20240101000000_count.sql", "-- PostgreSQL 16 lets a subquery in FROM go without an alias\nselect count(*) from (select 1);\n");
        File.WriteAllText(Path.Combine(consumer.Root, "supabase", "config.toml"), "[db]\nmajor_version = 15\n");

        var fromConfig = consumer.Build();
        Assert.True(fromConfig.ExitCode != 0, fromConfig.ToString());
        Assert.Contains($"{file}(2,22): error SB1041: a subquery in FROM without an alias needs PostgreSQL 16; supabase/config.toml says major_version = 15", fromConfig.Output, StringComparison.Ordinal);

        var newer = consumer.Build("-p:SupabasePostgresVersion=16");
        Assert.True(newer.ExitCode == 0, newer.ToString());
        Assert.DoesNotContain("SB1041", newer.Output, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(consumer.Root, "supabase", "config.toml"), "[db]\nmajor_version = 17\n");
        var fromProperty = consumer.Build("-p:SupabasePostgresVersion=15");
        Assert.True(fromProperty.ExitCode != 0, fromProperty.ToString());
        Assert.Contains($"{file}(2,22): error SB1041: a subquery in FROM without an alias needs PostgreSQL 16; SupabasePostgresVersion says 15", fromProperty.Output, StringComparison.Ordinal);

        var invalid = consumer.Build("-p:SupabasePostgresVersion=15.4");
        Assert.True(invalid.ExitCode != 0, invalid.ToString());
        Assert.Contains($"{consumer.ProjectPath} : error SB0009: SupabasePostgresVersion '15.4' is not a PostgreSQL major version", invalid.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_build_reports_the_cached_warnings_without_linting_and_a_deleted_migration_lints_again()
    {
        var consumer = fixture.CreateConsumer("incremental").WithSdkElement();
        var file = consumer.AddMigration("20240101000000_create_settings.sql", NotRerunnable);
        var warning = $"{file}(1,1): warning SB1004:";

        var first = consumer.Build();
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains(warning, first.Output, StringComparison.Ordinal);
        var linted = File.GetLastWriteTimeUtc(consumer.ResultsFile);

        var second = consumer.Build("-v:d");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Skipping target \"_SupabaseLintMigrations\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);
        Assert.Contains(warning, second.Output, StringComparison.Ordinal);
        Assert.Equal(linted, File.GetLastWriteTimeUtc(consumer.ResultsFile));

        File.Delete(file);
        var third = consumer.Build();
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.DoesNotContain("SB1004", third.Output, StringComparison.Ordinal);
        Assert.Equal("[]", File.ReadAllText(consumer.ResultsFile).Trim());
    }

    [Fact]
    public void NoWarn_turns_a_rule_off()
    {
        var consumer = fixture.CreateConsumer("nowarn").WithSdkElement("    <NoWarn>$(NoWarn);SB1003</NoWarn>");
        consumer.AddMigration("20240101000000_create_accounts.sql", CreateTable);
        consumer.AddMigration("20240201000000_index_accounts_email.sql", UnsafeIndex);

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("SB1003", build.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MSBuildWarningsAsErrors", "SB1004")] // MSBuild's own switch, applied by MSBuild to the logged warning
    [InlineData("TreatWarningsAsErrors", "true")]
    public void Warnings_as_errors_fail_the_build(string property, string value)
    {
        var consumer = fixture.CreateConsumer("warnaserror-" + property).WithSdkElement($"    <{property}>{value}</{property}>");
        var file = consumer.AddMigration("20240101000000_create_settings.sql", NotRerunnable);

        var build = consumer.Build();

        Assert.True(build.ExitCode != 0, build.ToString());
        Assert.Contains($"{file}(1,1): error SB1004:", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageReference_form_lints_too()
    {
        var consumer = fixture.CreateConsumer("packagereference").WithPackageReference();
        consumer.AddMigration("20240101000000_create_accounts.sql", CreateTable);
        var unsafeFile = consumer.AddMigration("20240201000000_index_accounts_email.sql", UnsafeIndex);

        var build = consumer.Build();

        Assert.True(build.ExitCode != 0, build.ToString());
        Assert.Contains($"{unsafeFile}(3,3): error SB1003:", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SupabaseLintErrorLog_writes_SARIF()
    {
        var consumer = fixture.CreateConsumer("sarif").WithSdkElement();
        consumer.AddMigration("20240101000000_create_accounts.sql", CreateTable);
        consumer.AddMigration("20240201000000_index_accounts_email.sql", UnsafeIndex);

        var build = consumer.Build("-p:SupabaseLintErrorLog=artifacts/lint.sarif");

        Assert.True(build.ExitCode != 0, build.ToString());
        var sarifPath = Path.Combine(consumer.ProjectDirectory, "artifacts", "lint.sarif");
        Assert.True(File.Exists(sarifPath), build.ToString());
        using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        // Other rules may report on the same file (SB1037: no statement_timeout); the index is SB1003's.
        var result = Assert.Single(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "SB1003");
        Assert.Equal("error", result.GetProperty("level").GetString());
    }

    [Fact]
    public void Design_time_build_does_not_lint()
    {
        var consumer = fixture.CreateConsumer("designtime").WithSdkElement();
        consumer.AddMigration("20240101000000_create_accounts.sql", CreateTable);
        consumer.AddMigration("20240201000000_index_accounts_email.sql", UnsafeIndex);

        // What an IDE runs to learn the compiler's command line, without compiling.
        string[] compile = ["-t:Compile", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true"];
        var designTime = consumer.MSBuild([.. compile, "-p:DesignTimeBuild=true"]);

        Assert.True(designTime.ExitCode == 0, designTime.ToString());
        Assert.DoesNotContain("SB1003", designTime.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(consumer.ResultsFile));

        // The same targets outside a design-time build do lint: it was DesignTimeBuild that kept the lint out.
        var real = consumer.MSBuild(compile);
        Assert.True(real.ExitCode != 0, real.ToString());
        Assert.Contains("error SB1003:", real.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_without_a_supabase_folder_builds_quietly()
    {
        var consumer = fixture.CreateConsumer("nosupabase").WithSdkElement();

        var build = consumer.Build("-v:d");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("Supabase.Build: no supabase/migrations folder at or above", build.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(consumer.ResultsFile));
    }

    [SkippableFact]
    public void Missing_parser_is_one_SB0003_error_and_leaves_nothing_cached()
    {
        Skip.If(
            NativeLibrary.TryLoad("libpg_query.so.1706", out _) || NativeLibrary.TryLoad("libpg_query.so", out _),
            "this machine has a system libpg_query, which the SDK would load instead");
        var consumer = fixture.CreateConsumerWithOwnPackages("noparser", new Dictionary<string, string> { ["SUPABASE_PGQUERY_LIBRARY"] = string.Empty })
            .WithSdkElement();
        consumer.AddMigration("20240101000000_create_accounts.sql", CreateTable);
        Assert.True(consumer.MSBuild("-t:Restore").ExitCode == 0);

        // The installed SDK without its bundled parser, as on a platform it does not bundle one for.
        var installed = Path.Combine(consumer.PackagesDirectory, "supabase.build.sdk", fixture.Version, "tasks", "net8.0", "runtimes");
        Assert.True(Directory.Exists(installed), installed);
        Directory.Delete(installed, recursive: true);

        var build = consumer.Build();

        Assert.True(build.ExitCode != 0, build.ToString());
        var error = Assert.Single(build.Output.Split('\n').Where(l => l.Contains("error SB", StringComparison.Ordinal)).Distinct());
        Assert.StartsWith($"{consumer.ProjectPath} : error SB0003: the PostgreSQL parser libpg_query was not found", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", build.Output, StringComparison.Ordinal); // no stack trace
        Assert.False(File.Exists(consumer.ResultsFile));
    }

    [Fact]
    public void A_migration_with_an_upper_case_extension_is_an_SB0002_warning_on_every_OS()
    {
        // The Supabase CLI skips '.SQL'; Linux's case-sensitive glob alone would not even see the file.
        var consumer = fixture.CreateConsumer("uppercase").WithSdkElement();
        consumer.AddMigration("20240101000000_create_accounts.sql", CreateTable);
        consumer.AddMigration("20240102000000_more.SQL", "create index accounts_email_idx on public.accounts (email);\n");

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        var warning = Assert.Single(build.Output.Split('\n').Where(l => l.Contains("SB0002", StringComparison.Ordinal)).Distinct());
        Assert.Contains("20240102000000_more.SQL", warning, StringComparison.Ordinal);
        Assert.Contains("warning SB0002", warning, StringComparison.Ordinal);
        Assert.Contains("rename it to '20240102000000_more.sql'", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("SB1003", build.Output, StringComparison.Ordinal); // the skipped file is not linted
    }

    [Fact]
    public void Configured_migrations_directory_that_does_not_exist_is_SB0007_on_the_project()
    {
        var consumer = fixture.CreateConsumer("missingdir").WithSdkElement("    <SupabaseMigrationsDirectory>../db/migrations</SupabaseMigrationsDirectory>");

        var build = consumer.Build();

        Assert.True(build.ExitCode != 0, build.ToString());
        Assert.Contains($"{consumer.ProjectPath} : error SB0007:", build.Output, StringComparison.Ordinal);
    }
}
