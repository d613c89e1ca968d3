using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules.Advisors;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

/// <summary>Shared helpers of the schema rule tests: a history of migrations (one file each, in order), linted by one schema rule.</summary>
internal static class SchemaRuleTest
{
    /// <summary>The rule's findings on the whole history, in file order.</summary>
    public static IReadOnlyList<MigrationDiagnostic> Findings(ISchemaRule rule, params string[] migrations) =>
        Findings(rule, null, migrations);

    public static IReadOnlyList<MigrationDiagnostic> Findings(ISchemaRule rule, LintOptions? options, params string[] migrations)
    {
        using var workspace = new MigrationWorkspace();
        for (var i = 0; i < migrations.Length; i++)
        {
            workspace.Add($"2024010100{i:D4}_m{i}.sql", migrations[i]);
        }

        options ??= new LintOptions();
        options = options with { IncludedRules = options.IncludedRules.Append(rule.Descriptor.Id).ToList() };
        return workspace.Lint(new[] { rule }, options).Diagnostics.Where(d => d.Id == rule.Descriptor.Id).ToList();
    }

    /// <summary>"m1.sql:3": which file (by its index in the history) and line each finding is at.</summary>
    public static IEnumerable<string> Places(IEnumerable<MigrationDiagnostic> findings) =>
        findings.Select(d => $"{Path.GetFileNameWithoutExtension(d.FilePath).Split('_')[1]}:{d.Span.Start.Line}");
}
