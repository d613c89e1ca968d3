namespace Supabase.Build.Migrations.Diagnostics;

/// <summary>
/// Descriptors of the SB0xxx diagnostics: the tool itself, not a migration-safety rule. SB0004/SB0005 belong to the
/// schema model, SB05xx to push.
/// </summary>
public static class ToolDiagnostics
{
    public static readonly RuleDescriptor SyntaxError = new(
        "SB0001", "syntax-error", DiagnosticSeverity.Error, "PostgreSQL rejects this SQL");

    /// <summary>Warning for a name the Supabase CLI skips; reported as an error for duplicate versions.</summary>
    public static readonly RuleDescriptor InvalidMigrationFile = new(
        "SB0002", "invalid-migration-file", DiagnosticSeverity.Warning, "Migration file names must be <digits>_<name>.sql with unique versions");

    public static readonly RuleDescriptor ParserNotFound = new(
        "SB0003", "parser-not-found", DiagnosticSeverity.Error, "The PostgreSQL parser libpg_query could not be loaded");

    public static readonly RuleDescriptor EmptyMigration = new(
        "SB0006", "empty-migration", DiagnosticSeverity.Warning, "The migration file has no statements");

    public static readonly RuleDescriptor MigrationsDirectoryNotFound = new(
        "SB0007", "migrations-directory-not-found", DiagnosticSeverity.Error, "The configured migrations directory does not exist");

    public static readonly RuleDescriptor InvalidEncoding = new(
        "SB0008", "invalid-encoding", DiagnosticSeverity.Error, "Migration files must be UTF-8 text");

    public static readonly RuleDescriptor InvalidConfig = new(
        "SB0009", "invalid-config", DiagnosticSeverity.Error, "supabase/config.toml must be valid TOML with the types the Supabase CLI expects");

    public static IReadOnlyList<RuleDescriptor> All { get; } = new[]
    {
        SyntaxError, InvalidMigrationFile, ParserNotFound, EmptyMigration, MigrationsDirectoryNotFound, InvalidEncoding, InvalidConfig,
    };
}
