using Microsoft.CodeAnalysis;

namespace Supabase.Build.Analyzers.Infrastructure;

/// <summary>
/// The severity a finding is reported with, before .editorconfig, #pragma, NoWarn and WarningsAsErrors apply (the
/// compiler applies those to whatever is reported, so users keep full control).
/// </summary>
internal static class Severities
{
    /// <summary>A secret in C#: error where it ships to users, warning elsewhere, info in tests.</summary>
    public static DiagnosticSeverity ForSecret(ProjectKind kind) => kind switch
    {
        ProjectKind.Client => DiagnosticSeverity.Error,
        ProjectKind.Test => DiagnosticSeverity.Info,
        _ => DiagnosticSeverity.Warning,
    };
}
