using System.Globalization;
using Supabase.Build.Migrations.CodeGen;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;
using Xunit.Abstractions;

namespace Supabase.Build.Migrations.Tests.Schema;

/// <summary>PostgreSQL's own regression SQL (every kind of DDL, much of it meant to fail) replays without an exception.</summary>
public sealed class SchemaReplayRobustnessTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void The_pg_regress_suite_replays_as_one_history_without_an_exception_and_its_models_generate()
    {
        var corpus = CorpusLocator.Find("pg-regress");
        Skip.If(corpus is null, "../shared/corpus/pg-regress is absent (set SUPABASE_CORPUS)");

        var files = Directory.EnumerateFiles(corpus!, "*.sql", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select((path, i) => new MigrationFile(path, i.ToString("D5", CultureInfo.InvariantCulture), Path.GetFileNameWithoutExtension(path)))
            .ToList();
        var history = new SchemaReplay(MigrationWorkspace.Parser).Replay(new MigrationSet(corpus, files, Array.Empty<MigrationDiagnostic>()));
        var models = ModelGenerator.Generate(history.Final, new ModelGeneratorOptions { Namespace = "Regress", Schemas = history.Final.Schemas.Keys.ToList() });

        output.WriteLine($"{files.Count} files, {history.StatementCount} statements: {history.Final.Tables.Count} tables, {history.Final.Views.Count} views, "
            + $"{history.Final.Functions.Count} functions, {models.TypeCount} types, {history.Diagnostics.Count} SB0004/SB0005");
        foreach (var failed in history.Diagnostics.Where(d => d.Message.Contains("could not follow", StringComparison.Ordinal)))
        {
            output.WriteLine($"{Path.GetFileName(failed.FilePath)}({failed.Span.Start.Line}): {failed.Message}");
        }

        Assert.True(history.StatementCount > 10_000);
        Assert.DoesNotContain(history.Diagnostics, d => d.Message.Contains("could not follow", StringComparison.Ordinal));
        Assert.NotEmpty(models.Code);
    }
}
