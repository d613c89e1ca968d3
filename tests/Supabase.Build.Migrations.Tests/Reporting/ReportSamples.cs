using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Tests.Reporting;

/// <summary>Hand-made diagnostics for the report tests, with positions and texts that are easy to check.</summary>
internal static class ReportSamples
{
    public static readonly RuleDescriptor ConcurrentIndex = new(
        "SB1003", "require-concurrent-index-creation", DiagnosticSeverity.Error, "Create indexes CONCURRENTLY on existing tables", "require-concurrent-index-creation");

    public static readonly RuleDescriptor InfoRule = new("SB1999", "some-advice", DiagnosticSeverity.Info, "Some advice");

    public static string Root { get; } = OperatingSystem.IsWindows() ? @"C:\repo" : "/repo";

    public static string InRoot(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    public static MigrationDiagnostic Diagnostic(RuleDescriptor rule, string file, int line, int column, int endLine, int endColumn, string message, DiagnosticSeverity? severity = null) =>
        new(rule, severity ?? rule.DefaultSeverity, file, new SourceSpan(new SourcePosition(line, column), new SourcePosition(endLine, endColumn)), message);
}
