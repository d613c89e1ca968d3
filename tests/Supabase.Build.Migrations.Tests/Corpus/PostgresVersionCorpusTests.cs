using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;
using Xunit.Abstractions;

namespace Supabase.Build.Migrations.Tests.Corpus;

/// <summary>
/// SB1041 on the real histories, each with its own supabase/config.toml: a history on 17 (said, or by default) has
/// nothing newer than its server, so any finding there is a false positive. What the older histories get is printed
/// (file, line, message) for a reader to judge; a history that ran on its server should get none, so every one of
/// them is either a real mismatch between config.toml and the SQL or a bug.
/// </summary>
public sealed class PostgresVersionCorpusTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Histories_on_17_get_no_SB1041_and_the_older_ones_are_listed()
    {
        var corpus = CorpusLocator.Find("supabase-migrations");
        Skip.If(corpus is null, "../shared/corpus/supabase-migrations is absent (set SUPABASE_CORPUS)");

        var linter = new MigrationLinter(MigrationWorkspace.Parser, new IMigrationRule[] { new SB1041RequiresNewerPostgres() });
        var onSeventeen = 0;
        var older = new Dictionary<int, int>();
        foreach (var history in Directory.EnumerateDirectories(corpus!).Order(StringComparer.Ordinal))
        {
            var migrations = Path.Combine(history, "supabase", "migrations");
            if (!Directory.Exists(migrations))
            {
                continue;
            }

            var version = SupabaseConfig.Load(SupabaseConfig.PathBeside(migrations)).PostgresVersion;
            var findings = linter.Lint(MigrationDiscovery.Discover(migrations)).Diagnostics.Where(d => d.Id == "SB1041").ToList();
            output.WriteLine($"{Path.GetFileName(history)}: PostgreSQL {version.Major} ({version.Source}), {findings.Count} SB1041");
            foreach (var finding in findings)
            {
                output.WriteLine($"  {Path.GetRelativePath(history, finding.FilePath)}({finding.Span.Start.Line},{finding.Span.Start.Column}): {finding.Message}");
            }

            if (version.Major >= 17)
            {
                onSeventeen++;
                Assert.Empty(findings);
            }
            else
            {
                older[version.Major] = older.GetValueOrDefault(version.Major) + findings.Count;
            }
        }

        output.WriteLine($"{onSeventeen} histories on 17: no SB1041; older: {string.Join(", ", older.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value} SB1041"))}");
        Assert.True(onSeventeen >= 5, $"expected several histories on 17, found {onSeventeen}");
    }
}
