using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Rules;

/// <summary>Shared helpers of the rule tests: one migration, or a history of several, linted by one rule.</summary>
internal static class RuleTest
{
    /// <summary>The findings of <paramref name="rule"/> (only) on one migration.</summary>
    public static IReadOnlyList<MigrationDiagnostic> Findings(IMigrationRule rule, string sql, LintOptions? options = null) =>
        History(rule, options, sql);

    /// <summary>The findings of <paramref name="rule"/> on the last of several migrations, applied in order.</summary>
    public static IReadOnlyList<MigrationDiagnostic> History(IMigrationRule rule, LintOptions? options, params string[] migrations)
    {
        using var workspace = new MigrationWorkspace();
        for (var i = 0; i < migrations.Length; i++)
        {
            workspace.Add($"2024010100000{i}_m{i}.sql", migrations[i]);
        }

        var last = $"2024010100000{migrations.Length - 1}_m{migrations.Length - 1}.sql";
        options ??= new LintOptions();
        options = options with { IncludedRules = options.IncludedRules.Append(rule.Descriptor.Id).ToList() };
        return workspace.Lint(new[] { rule }, options).Diagnostics
            .Where(d => d.Id == rule.Descriptor.Id && Path.GetFileName(d.FilePath) == last)
            .ToList();
    }

    /// <summary>The text of the migration after applying the findings' fixes (edits to the file itself only).</summary>
    public static string ApplyFix(IMigrationRule rule, string sql)
    {
        using var workspace = new MigrationWorkspace();
        var path = workspace.Add("20240101000000_m.sql", sql);
        var diagnostics = workspace.Lint(new[] { rule }, new LintOptions { IncludedRules = new[] { rule.Descriptor.Id } }).Diagnostics;
        FixApplier.Apply(diagnostics.Where(d => d.Id == rule.Descriptor.Id), _ => true);
        return File.ReadAllText(path);
    }

    /// <summary>Every file of the workspace after applying the fixes: name to text.</summary>
    public static IReadOnlyDictionary<string, string> ApplyFixes(IMigrationRule rule, string sql)
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_m.sql", sql);
        var diagnostics = workspace.Lint(new[] { rule }, new LintOptions { IncludedRules = new[] { rule.Descriptor.Id } }).Diagnostics;
        FixApplier.Apply(diagnostics.Where(d => d.Id == rule.Descriptor.Id), _ => true);
        return Directory.EnumerateFiles(workspace.Directory).ToDictionary(p => Path.GetFileName(p), File.ReadAllText);
    }
}
