using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Schema;

/// <summary>The schema model's own diagnostics (SB0004, SB0005): information about what it could not know, never errors.</summary>
public static class SchemaDiagnostics
{
    public static readonly RuleDescriptor UnmodeledStatement = new(
        "SB0004", "unmodeled-statement", DiagnosticSeverity.Info, "The schema model cannot follow this statement");

    public static readonly RuleDescriptor ViewColumnTypeNotDerivable = new(
        "SB0005", "view-column-type-not-derivable", DiagnosticSeverity.Info, "A view column's type cannot be derived from the migrations");

    public static IReadOnlyList<RuleDescriptor> All { get; } = new[] { UnmodeledStatement, ViewColumnTypeNotDerivable };
}
