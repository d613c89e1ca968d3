using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Push;

/// <summary>
/// Descriptors of the SB05xx diagnostics: pushing migrations to a database, reading its history and reconciling it
/// with the local files. Each has a page under docs/rules.
/// </summary>
public static class PushDiagnostics
{
    /// <summary>PostgreSQL rejected a statement of a migration (or seed): at the statement's place in the file.</summary>
    public static readonly RuleDescriptor StatementFailed = new(
        "SB0501", "migration-statement-failed", DiagnosticSeverity.Error, "PostgreSQL rejected a statement of a migration; nothing of that file was recorded");

    /// <summary>No connection: unreachable host, wrong password, missing database, TLS trouble.</summary>
    public static readonly RuleDescriptor ConnectionFailed = new(
        "SB0502", "database-connection-failed", DiagnosticSeverity.Error, "Could not connect to the database");

    /// <summary>Another push to the same database held the push lock for longer than the wait allowed.</summary>
    public static readonly RuleDescriptor LockWaitTimeout = new(
        "SB0503", "push-lock-wait-timeout", DiagnosticSeverity.Error, "Another push to the same database did not finish in time");

    /// <summary>A push setting (timeout, URL, seed path) that cannot be used.</summary>
    public static readonly RuleDescriptor InvalidSetting = new(
        "SB0504", "invalid-push-setting", DiagnosticSeverity.Error, "A push setting has a value that cannot be used");

    /// <summary>An INVALID index (left by an interrupted or failed CREATE INDEX CONCURRENTLY) is in the way.</summary>
    public static readonly RuleDescriptor InvalidIndex = new(
        "SB0505", "invalid-index-left-behind", DiagnosticSeverity.Error, "An INVALID index left by an interrupted concurrent index build is in the way");

    /// <summary>Reading, creating or writing the history tables failed (permissions, a lock held too long, a broken table).</summary>
    public static readonly RuleDescriptor HistoryFailed = new(
        "SB0506", "migration-history-failed", DiagnosticSeverity.Error, "The migration history in supabase_migrations could not be read or written");

    /// <summary>The database records a version that no local file has (the Supabase CLI refuses the same way).</summary>
    public static readonly RuleDescriptor RemoteMigrationMissing = new(
        "SB0510", "remote-migration-not-found-locally", DiagnosticSeverity.Error, "A migration version applied to the database has no local file");

    /// <summary>A pending local migration is older than the newest applied one.</summary>
    public static readonly RuleDescriptor OutOfOrderMigration = new(
        "SB0511", "out-of-order-migration", DiagnosticSeverity.Error, "A pending migration is older than the newest applied one");

    /// <summary>An applied migration's file no longer matches the statements recorded when it was applied.</summary>
    public static readonly RuleDescriptor AppliedMigrationEdited = new(
        "SB0512", "applied-migration-edited", DiagnosticSeverity.Warning, "An applied migration was edited after it was applied");

    /// <summary>The seed file changed after it was applied; seeds run once, as with the Supabase CLI.</summary>
    public static readonly RuleDescriptor SeedChanged = new(
        "SB0513", "seed-file-changed", DiagnosticSeverity.Warning, "The seed file changed after it was applied; it is not run again");

    /// <summary>
    /// The checks a project may turn off with NoWarn (or --no-warn). Failures (SB0501-SB0506) are facts about this
    /// push and cannot be turned off.
    /// </summary>
    public static IReadOnlyList<RuleDescriptor> Suppressible { get; } = new[]
    {
        RemoteMigrationMissing, OutOfOrderMigration, AppliedMigrationEdited, SeedChanged,
    };

    public static IReadOnlyList<RuleDescriptor> All { get; } = new[]
    {
        StatementFailed, ConnectionFailed, LockWaitTimeout, InvalidSetting, InvalidIndex, HistoryFailed,
        RemoteMigrationMissing, OutOfOrderMigration, AppliedMigrationEdited, SeedChanged,
    };
}
