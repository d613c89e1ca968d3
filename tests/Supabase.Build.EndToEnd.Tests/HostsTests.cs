using System.Text.RegularExpressions;

namespace Supabase.Build.EndToEnd.Tests;

/// <summary>
/// The three ways the SDK runs its .NET tasks give the same build: in MSBuild (dotnet build), in MSBuild's .NET task
/// host (what Visual Studio 2026 does; forced here with _SupabaseUseNetTaskHost=true) and out of process through the
/// supabase-build CLI (what Visual Studio 2022 does; forced with SupabaseRunOutOfProcess=true). Same consumer, same
/// diagnostic lines (file, line, column, severity, code, message), same exit code, errors stop the compile, and a no-op
/// rebuild reports the same without linting again.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class HostsTests(PackedSdkFixture fixture)
{
    public static readonly TheoryData<string, string> Settings = new()
    {
        {
            // NoWarn, WarningsAsErrors, an opt-in rule, exposed schemas, Since, SARIF, and a baseline (written below).
            "policy",
            "    <NoWarn>$(NoWarn);SB1037</NoWarn>\n    <WarningsAsErrors>$(WarningsAsErrors);SB1004</WarningsAsErrors>\n"
            + "    <SupabaseLintInclude>SB1039</SupabaseLintInclude>\n    <SupabaseApiSchemas>public;api</SupabaseApiSchemas>\n"
            + "    <SupabaseLintSince>20240201000000</SupabaseLintSince>\n    <SupabaseLintErrorLog>artifacts/lint.sarif</SupabaseLintErrorLog>"
        },
        {
            "treat-warnings-as-errors",
            "    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n    <WarningsNotAsErrors>$(WarningsNotAsErrors);SB1037</WarningsNotAsErrors>"
        },
        {
            // An older server: the last migration's PostgreSQL 16 literal is SB1041, named by the property.
            "postgres-15",
            "    <SupabasePostgresVersion>15</SupabasePostgresVersion>"
        },
    };

    private static readonly (string Name, string[] Properties, string Evidence)[] Hosts =
    [
        ("in-process", [], "Using \"SupabaseLintMigrations\" task from assembly"),
        ("task host", ["-p:_SupabaseUseNetTaskHost=true"], "in an external task host with a runtime of \"NET\""),
        ("out of process", ["-p:SupabaseRunOutOfProcess=true"], "supabase-build.dll msbuild lint"),
    ];

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_host_reports_the_same_diagnostics_and_fails_the_same_way(string name, string properties)
    {
        var consumer = fixture.CreateConsumer("hosts-" + name).WithSdkElement(properties);
        consumer.AddMigration("20240101000000_create_accounts.sql", "create table if not exists public.accounts (id int primary key, email text);\nalter table public.accounts enable row level security;\n"
            + "create policy accounts_read on public.accounts for select to authenticated using (true);\n");
        consumer.AddMigration("20240201000000_index.sql", "-- look accounts up by email\n\n  create index if not exists accounts_email_idx on public.accounts (email);\n");
        consumer.AddMigration("20240301000000_settings.sql", "create table public.settings (key text primary key, value text);\nalter table public.settings enable row level security;\n");
        if (name == "policy")
        {
            // Today's findings accepted; the migration after it is held to every rule.
            Assert.True(consumer.MSBuild("-t:SupabaseLintBaseline").ExitCode == 0);
        }

        consumer.AddMigration("20240401000000_api.sql", "create schema if not exists api;\ncreate table if not exists api.orders (id bigint primary key);\ncreate table if not exists audit (id bigint primary key);\ngrant select on api.orders to anon;\n"
            + "insert into api.orders (id) values (1_000);\n");
        var sarif = Path.Combine(consumer.ProjectDirectory, "artifacts", "lint.sarif");

        var runs = new List<(string Host, Run First, Run NoOp, string? Sarif, string Events)>();
        var events = Path.Combine(consumer.Root, "events.txt");
        foreach (var (host, hostProperties, evidence) in Hosts)
        {
            Clean(consumer);
            var first = consumer.Build([.. hostProperties, "-v:d", DiagnosticEventLogger.Argument(events)]);
            var firstEvents = string.Join('\n', File.ReadAllLines(events).Order(StringComparer.Ordinal));
            Assert.Contains(evidence, first.Output, StringComparison.Ordinal);
            if (hostProperties.Length == 0)
            {
                Assert.DoesNotContain("external task host", first.Output, StringComparison.Ordinal);
                Assert.DoesNotContain("Task \"SupabaseCli\"", first.Output, StringComparison.Ordinal);
            }

            Assert.False(File.Exists(Path.Combine(consumer.ProjectDirectory, "bin", "Debug", "net10.0", "App.dll")), $"{host}: the compiler ran despite errors\n{first}");
            var noOp = consumer.Build([.. hostProperties, "-v:d"]);
            Assert.Contains("Skipping target \"_SupabaseLintMigrations\" because all output files are up-to-date", noOp.Output, StringComparison.Ordinal);
            runs.Add((host, Run.Of(first), Run.Of(noOp), File.Exists(sarif) ? File.ReadAllText(sarif) : null, firstEvents));
        }

        var expected = runs[0].First;
        Assert.NotEqual(0, expected.ExitCode);
        Assert.True(expected.Has("20240401000000_api.sql(3,1): error SB2001: table public.audit"), expected.ToString());
        if (name == "policy")
        {
            Assert.True(expected.Has("20240401000000_api.sql(2,1): error SB2001: table api.orders"), expected.ToString());
            // SB1003 and SB1004 are in the baseline, SB1037 is NoWarn, SB1025 (2024-01) is before Since; SB1039 is included.
            Assert.DoesNotContain(expected.Diagnostics, d => d.Contains("SB1003", StringComparison.Ordinal) || d.Contains("SB1037", StringComparison.Ordinal) || d.Contains("SB1025", StringComparison.Ordinal));
            Assert.True(expected.Has("20240401000000_api.sql(3,28): warning SB1039:"), expected.ToString());
            Assert.NotNull(runs[0].Sarif);
        }
        else
        {
            Assert.True(expected.Has("20240101000000_create_accounts.sql(1,48): message SB1025:"), expected.ToString());
            Assert.True(expected.Has("20240201000000_index.sql(3,3): error SB1003:"), expected.ToString());
            Assert.True(expected.Has("20240201000000_index.sql(3,3): warning SB1037:"), expected.ToString());
            var notRerunnable = name == "treat-warnings-as-errors" ? "error" : "warning";
            Assert.True(expected.Has($"20240301000000_settings.sql(1,1): {notRerunnable} SB1004:"), expected.ToString());
        }

        // 1_000 is PostgreSQL 16 syntax: reported only where the property says 15, and named by it, on every host.
        var newerSyntax = expected.Diagnostics.Where(d => d.Contains("SB1041", StringComparison.Ordinal)).ToList();
        if (name == "postgres-15")
        {
            var line = Assert.Single(newerSyntax);
            Assert.Contains("20240401000000_api.sql(5,37): error SB1041:", line, StringComparison.Ordinal);
            Assert.Contains("SupabasePostgresVersion says 15", line, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(newerSyntax);
        }

        // The events themselves: code, place and help link on errors and warnings, high importance on info.
        Assert.Contains("https://github.com/supabase-build/Supabase.Build/blob/main/docs/rules/SB2001.md: ", runs[0].Events, StringComparison.Ordinal);
        Assert.True(name == "policy" || runs[0].Events.Contains("message SB1025 ", StringComparison.Ordinal), runs[0].Events);
        foreach (var (host, first, noOp, sarifText, hostEvents) in runs)
        {
            Assert.Equal(runs[0].Events, hostEvents);
            Assert.True(expected.SameAs(first), $"{host} differs from in-process:\n{first}\nin-process:\n{expected}");
            Assert.True(expected.SameAs(noOp), $"{host}'s no-op build differs from in-process:\n{noOp}\nin-process:\n{expected}");
            Assert.Equal(runs[0].Sarif, sarifText);
        }
    }

    [Fact]
    public void The_baseline_target_writes_the_same_file_out_of_process()
    {
        var consumer = fixture.CreateConsumer("hosts-baseline").WithSdkElement("    <NoWarn>$(NoWarn);SB1037</NoWarn>");
        consumer.AddMigration("20240101000000_index.sql", "create table if not exists t (id bigint primary key, e text);\ncreate index t_e on t (e);\n");
        var baseline = Path.Combine(consumer.Root, "supabase", "lint-baseline.json");

        Assert.True(consumer.MSBuild("-t:SupabaseLintBaseline").ExitCode == 0);
        var inProcess = File.ReadAllText(baseline);
        File.Delete(baseline);
        var outOfProcess = consumer.MSBuild("-t:SupabaseLintBaseline", "-p:SupabaseRunOutOfProcess=true");

        Assert.True(outOfProcess.ExitCode == 0, outOfProcess.ToString());
        Assert.Contains("Supabase.Build: wrote 1 finding(s) (1 error(s)) of 1 migration file(s)", outOfProcess.Output, StringComparison.Ordinal);
        Assert.Equal(inProcess, File.ReadAllText(baseline));
    }

    [Fact]
    public void Design_time_builds_start_no_process()
    {
        var consumer = fixture.CreateConsumer("hosts-designtime").WithSdkElement("    <SupabaseGenerateModels>true</SupabaseGenerateModels>");
        consumer.AddMigration("20240101000000_index.sql", "create table if not exists t (id bigint primary key, e text);\ncreate index t_e on t (e);\n");

        var designTime = consumer.MSBuild("-t:Compile", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true", "-p:DesignTimeBuild=true", "-p:SupabaseRunOutOfProcess=true", "-v:d");

        Assert.True(designTime.ExitCode == 0, designTime.ToString());
        Assert.DoesNotContain("Task \"SupabaseCli\"", designTime.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SB1003", designTime.Output, StringComparison.Ordinal);
    }

    private static void Clean(ConsumerProject consumer)
    {
        foreach (var folder in new[] { "bin", Path.Combine("obj", "Debug"), "artifacts" })
        {
            var path = Path.Combine(consumer.ProjectDirectory, folder);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    /// <summary>What a build printed that must not depend on the host: its diagnostic lines, summary counts and exit code.</summary>
    private sealed record Run(int ExitCode, IReadOnlyList<string> Diagnostics, string Summary)
    {
        public static Run Of(CommandResult result)
        {
            var lines = result.Output.Split('\n').Select(l => NodePrefix().Replace(l.Trim(), string.Empty)).ToList();
            return new Run(
                result.ExitCode,
                lines.Where(l => Diagnostic().IsMatch(l)).Distinct().Order(StringComparer.Ordinal).ToList(),
                string.Join(" ", lines.Where(l => Count().IsMatch(l))));
        }

        public bool Has(string fragment) => Diagnostics.Any(d => d.Contains(fragment, StringComparison.Ordinal));

        public bool SameAs(Run other) =>
            ExitCode == other.ExitCode && Summary == other.Summary && Diagnostics.SequenceEqual(other.Diagnostics);

        public override string ToString() => $"exit code {ExitCode}, {Summary}\n  {string.Join("\n  ", Diagnostics)}";
    }

    [GeneratedRegex(@"^[0-9]+(:[0-9]+)?>")]
    private static partial Regex NodePrefix();

    // file(3,3): error SB1003: text [project] | project : error SB0003: text [project]
    [GeneratedRegex(@"^.+?(\([0-9]+,[0-9]+\))? ?: (error|warning|message) SB[0-9]{4}: .* \[.+\]$")]
    private static partial Regex Diagnostic();

    [GeneratedRegex(@"^[0-9]+ (Warning|Error)\(s\)$")]
    private static partial Regex Count();
}
