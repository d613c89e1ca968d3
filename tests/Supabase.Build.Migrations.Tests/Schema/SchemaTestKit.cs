using Supabase.Build.Migrations.CodeGen;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;

namespace Supabase.Build.Migrations.Tests.Schema;

/// <summary>Replays migrations written as SQL strings (one file each, in order) through the real parser.</summary>
public static class SchemaTestKit
{
    public static SchemaHistory Replay(params string[] migrations)
    {
        using var workspace = new MigrationWorkspace();
        for (var i = 0; i < migrations.Length; i++)
        {
            workspace.Add($"2024010100{i:D4}_m{i}.sql", migrations[i]);
        }

        return new SchemaReplay(MigrationWorkspace.Parser).Replay(MigrationDiscovery.Discover(workspace.Directory));
    }

    public static SchemaModel Model(params string[] migrations) => Replay(migrations).Final;

    public static ObjectName Public(string name) => new("public", name);

    /// <summary>The repository's sample history (samples/supabase/migrations).</summary>
    public static string SampleMigrations => RepositoryLayout.PathOf("samples", "supabase", "migrations");

    public static GeneratedModels Generate(SchemaModel model, ModelGeneratorOptions? options = null) =>
        ModelGenerator.Generate(model, options ?? new ModelGeneratorOptions { Namespace = "Test.Models" });
}
