namespace Supabase.Build.Migrations.Diagnostics;

public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}
