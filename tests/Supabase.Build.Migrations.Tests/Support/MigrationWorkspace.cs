using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Rules.Advisors;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Tests.Support;

/// <summary>A temporary supabase/migrations folder with real files, linted by the real engine.</summary>
public sealed class MigrationWorkspace : IDisposable
{
    private static readonly Lazy<PgParser> SharedParser = new(() => PgParser.Load());

    public MigrationWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "sb-tests-" + Guid.NewGuid().ToString("N"));
        Directory = Path.Combine(Root, "supabase", "migrations");
        System.IO.Directory.CreateDirectory(Directory);
    }

    public static PgParser Parser => SharedParser.Value;

    public string Root { get; }

    public string Directory { get; }

    public string Add(string fileName, string sql)
    {
        var path = Path.Combine(Directory, fileName);
        File.WriteAllText(path, sql);
        return path;
    }

    public string AddBytes(string fileName, byte[] bytes)
    {
        var path = Path.Combine(Directory, fileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public LintResult Lint(IReadOnlyList<IMigrationRule>? rules = null, LintOptions? options = null) =>
        new MigrationLinter(Parser, rules).Lint(MigrationDiscovery.Discover(Directory), options);

    /// <summary>Lints with the given schema rules only (no statement rules).</summary>
    public LintResult Lint(IReadOnlyList<ISchemaRule> schemaRules, LintOptions? options = null) =>
        new MigrationLinter(Parser, Array.Empty<IMigrationRule>(), schemaRules).Lint(MigrationDiscovery.Discover(Directory), options);

    /// <summary>Lints one migration with one rule (plus the tool's own diagnostics).</summary>
    public static IReadOnlyList<MigrationDiagnostic> LintOne(IMigrationRule rule, string sql)
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_test.sql", sql);
        return workspace.Lint(new[] { rule }).Diagnostics;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
