using System.Globalization;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;
using static Supabase.Build.Migrations.Tests.Schema.SchemaTestKit;

namespace Supabase.Build.Migrations.Tests.Schema;

/// <summary>
/// The model's references (who points at a relation or type), kept up to date by the replay's changes instead of
/// walking the whole model on each DROP and RENAME, always equal what a fresh walk of the model finds.
/// </summary>
public class SchemaReferencesTests
{
    // One statement a file, so the model before each is at hand. The early DROP makes the references; every change
    // after it keeps them.
    private static readonly string[] History =
    {
        "create table scratch (id int);",
        "drop table scratch;",
        "create table a (id int primary key);",
        "create table b (id int primary key, a_id int references a(id));",
        "create index b_a on b(a_id);",
        "create type mood as enum ('calm');",
        "create table c (id int unique, m mood, b_id int references b(id));",
        "alter table c add constraint c_self foreign key (id) references c(id);",
        "create view v as select id, a_id from b;",
        "create view w as select id from v;",
        "alter table b rename column a_id to a_ref;",
        "alter table b rename to b2;",
        "create schema s;",
        "alter table c set schema s;",
        "alter table a rename to a2;",
        "alter table s.c drop column b_id;",
        "drop type mood cascade;",
        "alter index b_a rename to b_a2;",
        "alter table a2 add constraint a2_u unique (id);",
        "alter table a2 drop constraint a2_u;",
        "drop view w;",
        "drop table b2 cascade;",
        "drop schema s cascade;",
        "create table d (id int, a_id int references a2(id));",
    };

    [Fact]
    public void After_every_statement_the_kept_references_equal_a_fresh_walk_of_the_model()
    {
        var (history, paths) = ReplayHistory();
        var models = paths.Select(path => history.StateBefore(path, 0)).Append(history.Final).ToList();

        Assert.All(models.Skip(2), model => Assert.NotNull(model.KnownReferences)); // kept, not made anew, since the first DROP
        Assert.All(models, model => Assert.True(model.KnownReferences is null || model.KnownReferences.SameAs(SchemaReferences.Of(model))));
    }

    [Fact]
    public void Dependents_are_found_by_what_points_at_them()
    {
        var (history, paths) = ReplayHistory();
        var beforeRename = history.StateBefore(paths[10], 0).References;
        var final = history.Final.References;

        Assert.Equal(new[] { Public("b_a"), Public("b_pkey") }, beforeRename.IndexesOn(Public("b")));
        Assert.Equal(new[] { Public("b"), Public("c") }, beforeRename.TablesReferencing(Public("a")).Concat(beforeRename.TablesReferencing(Public("b"))));
        Assert.Equal(new[] { Public("c") }, beforeRename.TablesReferencing(Public("c")));
        Assert.Equal(new[] { Public("w") }, beforeRename.ViewsReading(Public("v")));
        Assert.Equal(new[] { Public("c") }, beforeRename.TablesUsingType(Public("mood")));
        Assert.Empty(beforeRename.TablesUsingType(new ObjectName("pg_catalog", "int4"))); // built-in types are left out
        Assert.Equal(new[] { Public("d") }, final.TablesReferencing(Public("a2")));
        Assert.Empty(final.IndexesOn(Public("b2")));
        Assert.Empty(final.ViewsReading(Public("v")));
    }

    [SkippableTheory]
    [InlineData("supabase-migrations")]
    [InlineData("pg-regress")]
    public void Every_corpus_history_ends_with_references_equal_to_a_fresh_walk(string name)
    {
        var corpus = CorpusLocator.Find(name);
        Skip.If(corpus is null, $"../shared/corpus/{name} is absent (set SUPABASE_CORPUS)");

        var replay = new SchemaReplay(MigrationWorkspace.Parser);
        var checkedModels = 0;
        foreach (var folder in Directory.EnumerateFiles(corpus!, "*.sql", SearchOption.AllDirectories).GroupBy(Path.GetDirectoryName).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var files = folder.Order(StringComparer.Ordinal)
                .Select((path, i) => new MigrationFile(path, i.ToString("D5", CultureInfo.InvariantCulture), Path.GetFileNameWithoutExtension(path)))
                .ToList();
            var final = replay.Replay(new MigrationSet(folder.Key!, files, Array.Empty<MigrationDiagnostic>()), new SchemaReplayOptions { KeepStates = false }).Final;
            if (final.KnownReferences is { } kept)
            {
                Assert.True(kept.SameAs(SchemaReferences.Of(final)), $"the references kept over {folder.Key} differ from the model's");
                checkedModels++;
            }
        }

        Assert.True(checkedModels > 0, "no history dropped or renamed anything");
    }

    private static (SchemaHistory History, List<string> Paths) ReplayHistory()
    {
        using var workspace = new MigrationWorkspace();
        var paths = History.Select((sql, i) => workspace.Add($"2024010100{i:D4}_m{i}.sql", sql)).ToList();
        return (new SchemaReplay(MigrationWorkspace.Parser).Replay(MigrationDiscovery.Discover(workspace.Directory)), paths);
    }
}
