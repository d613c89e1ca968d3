using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Database;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Push;

/// <summary>How a push runs: where to, which checks, which timeouts. Adapters fill it from MSBuild properties or CLI options.</summary>
public sealed record PushOptions
{
    /// <summary>The default of <see cref="LockWait"/>: how long a push waits for another one to the same database.</summary>
    public static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(120);

    /// <summary>The default of <see cref="LockTimeout"/> (<c>SET lock_timeout</c> for the migration statements).</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(5);

    public required DatabaseTarget Target { get; init; }

    /// <summary>Lint the pending migrations first and stop on an error finding (SupabasePushSkipLint=false).</summary>
    public bool Lint { get; init; } = true;

    /// <summary>
    /// Rule ids or names that are not run (lint) or reported (the suppressible push checks, see
    /// <see cref="PushDiagnostics.Suppressible"/>): MSBuild's NoWarn, the CLI's --no-warn.
    /// </summary>
    public IReadOnlyCollection<string> DisabledRules { get; init; } = Array.Empty<string>();

    /// <summary>The server's major version for the lint (SupabasePostgresVersion, --postgres-version); null: supabase/config.toml, else 17.</summary>
    public PostgresVersion? PostgresVersion { get; init; }

    /// <summary>The adapter's severity policy (WarningsAsErrors and the like), applied to every diagnostic before it counts.</summary>
    public Func<MigrationDiagnostic, MigrationDiagnostic>? DiagnosticPolicy { get; init; }

    /// <summary>How long to wait for another push to the same database to finish (the session advisory lock).</summary>
    public TimeSpan LockWait { get; init; } = DefaultLockWait;

    /// <summary><c>lock_timeout</c> for the migration statements; null: none.</summary>
    public TimeSpan? LockTimeout { get; init; } = DefaultLockTimeout;

    /// <summary><c>statement_timeout</c> for the migration statements; null (the default): none.</summary>
    public TimeSpan? StatementTimeout { get; init; }

    /// <summary>Also apply pending migrations older than the newest applied one (instead of SB0511).</summary>
    public bool IncludeAll { get; init; }

    /// <summary>Report what would run and change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Seed files to run after the migrations, once each (tracked in supabase_migrations.seed_files).</summary>
    public IReadOnlyList<string> SeedFiles { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The folder the recorded seed paths are relative to (the one holding <c>supabase/</c>), so the Supabase CLI and
    /// this tool record <c>supabase/seed.sql</c> alike. Null: the parent of the migrations folder's parent.
    /// </summary>
    public string? ProjectRoot { get; init; }
}
