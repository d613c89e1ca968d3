using System.Globalization;
using Supabase.Build.Migrations.CodeGen;
using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;
using Xunit.Abstractions;

namespace Supabase.Build.Migrations.Tests.CodeGen;

/// <summary>Every real history of the corpus replays without an exception and its models compile warning-free.</summary>
public sealed class CorpusModelsTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Every_corpus_history_replays_and_its_models_compile_with_warnings_as_errors()
    {
        var corpus = CorpusLocator.Find("supabase-migrations");
        Skip.If(corpus is null, "../shared/corpus/supabase-migrations is absent (set SUPABASE_CORPUS)");

        var sources = new List<string>();
        int files = 0, statements = 0, types = 0, infos = 0;
        foreach (var (history, index) in Directory.EnumerateDirectories(corpus!).Order(StringComparer.Ordinal).Select((h, i) => (h, i)))
        {
            var migrations = Path.Combine(history, "supabase", "migrations");
            if (!Directory.Exists(migrations))
            {
                continue;
            }

            var set = MigrationDiscovery.Discover(migrations);
            var config = SupabaseConfig.Load(SupabaseConfig.PathBeside(migrations));
            var replay = new SchemaReplay(MigrationWorkspace.Parser).Replay(set, new SchemaReplayOptions { KeepStates = false });
            var models = ModelGenerator.Generate(replay.Final, new ModelGeneratorOptions
            {
                Namespace = "Corpus.History" + index.ToString(CultureInfo.InvariantCulture),
                Schemas = ModelSources.Schemas(null, config),
                NpgsqlAttributes = index % 2 == 0,
            });
            if (set.Files.Count < 500)
            {
                // The one very large history (1262 files, 9 MB of C#) is replayed and generated, not compiled: it would
                // triple the test's time for no new kind of code.
                sources.Add(models.Code);
            }

            files += set.Files.Count;
            statements += replay.StatementCount;
            types += models.TypeCount;
            infos += replay.Diagnostics.Count;
            output.WriteLine($"{Path.GetFileName(history)}: {set.Files.Count} files, {models.TypeCount} types, {replay.Diagnostics.Count} SB0004/SB0005");
        }

        output.WriteLine($"{sources.Count} histories compiled, {files} files, {statements} statements: {types} types, {infos} infos");
        GeneratedCode.Compile("Corpus", sources.ToArray());
        Assert.True(types > 4000, $"only {types} types generated");
    }
}
