using System.Globalization;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Push;

/// <summary>Where one version stands between the local folder and the database.</summary>
public enum MigrationState
{
    /// <summary>Local and recorded in the database.</summary>
    Applied,

    /// <summary>Local, not applied, newer than everything applied: the next push applies it.</summary>
    Pending,

    /// <summary>Local, not applied, older than the newest applied version (SB0511; pushed with IncludeAll).</summary>
    OutOfOrder,

    /// <summary>Recorded in the database, no local file (SB0510).</summary>
    RemoteOnly,
}

/// <summary>One row of <c>SupabaseMigrationStatus</c> / <c>supabase-build status</c>, like a row of <c>supabase migration list</c>.</summary>
/// <param name="Version">The version digits.</param>
/// <param name="Name">The name from the file, else from the history row.</param>
/// <param name="Path">The local file, when there is one.</param>
/// <param name="State">Applied, pending, out of order or remote only.</param>
/// <param name="Edited">Applied, but the file differs from the statements recorded then (SB0512).</param>
public sealed record MigrationStatusEntry(string Version, string? Name, string? Path, MigrationState State, bool Edited)
{
    /// <summary>The version read as a UTC timestamp (yyyyMMddHHmmss), as the Supabase CLI shows it; null when it is not one.</summary>
    public DateTime? Timestamp =>
        DateTime.TryParseExact(Version, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
}

/// <summary>The outcome of comparing the local migrations with the history: every version's state, findings, what to apply.</summary>
internal sealed record Reconciliation(
    IReadOnlyList<MigrationStatusEntry> Entries,
    IReadOnlyList<MigrationDiagnostic> Diagnostics,
    IReadOnlyList<ParsedMigration> ToApply);

/// <summary>
/// Compares the local migrations with <c>supabase_migrations.schema_migrations</c> the way the Supabase CLI's
/// <c>db push</c> does: a version applied remotely but missing locally stops the push (SB0510), a pending version older
/// than the newest applied one stops it unless included on purpose (SB0511), and an applied file whose statements no
/// longer match what was recorded is a warning (SB0512). Versions compare as strings, as file names order them.
/// </summary>
internal static class HistoryReconciler
{
    public static Reconciliation Reconcile(
        IReadOnlyList<ParsedMigration> local,
        IReadOnlyList<HistoryRow> history,
        bool includeAll,
        string migrationsDirectory,
        string databaseDisplay,
        PgParser parser)
    {
        var remote = new Dictionary<string, HistoryRow>(StringComparer.Ordinal);
        foreach (var row in history)
        {
            remote[row.Version] = row;
        }

        var localVersions = new HashSet<string>(local.Select(m => m.File.Version), StringComparer.Ordinal);
        var newestApplied = history.Select(r => r.Version).Max(StringComparer.Ordinal);
        var diagnostics = new List<MigrationDiagnostic>();
        var entries = new List<MigrationStatusEntry>();
        var toApply = new List<ParsedMigration>();

        foreach (var row in history.Where(r => !localVersions.Contains(r.Version)))
        {
            diagnostics.Add(MigrationDiagnostic.ForFile(
                PushDiagnostics.RemoteMigrationMissing,
                migrationsDirectory,
                $"version {row.Version}{(string.IsNullOrEmpty(row.Name) ? string.Empty : $" ({row.Name})")} is applied to {databaseDisplay} but there is no {row.Version}_*.sql in the migrations folder; "
                + "fetch it (git pull, or `supabase migration fetch`) before pushing, or, if it was removed on purpose, delete its row from supabase_migrations.schema_migrations "
                + $"(`supabase migration repair --status reverted {row.Version}`)"));
            entries.Add(new MigrationStatusEntry(row.Version, row.Name, null, MigrationState.RemoteOnly, false));
        }

        foreach (var migration in local)
        {
            var file = migration.File;
            if (remote.TryGetValue(file.Version, out var row))
            {
                var editedAt = EditedAt(migration, row, parser);
                if (editedAt is { } at)
                {
                    diagnostics.Add(new MigrationDiagnostic(
                        PushDiagnostics.AppliedMigrationEdited,
                        PushDiagnostics.AppliedMigrationEdited.DefaultSeverity,
                        file.Path,
                        new SourceSpan(at, at),
                        $"{file.FileName} was applied to {databaseDisplay} with different statements than the file has now (first difference here); "
                        + "editing does not run it again: put the change in a new migration, and restore this file to what was applied"));
                }

                entries.Add(new MigrationStatusEntry(file.Version, file.Name, file.Path, MigrationState.Applied, editedAt is not null));
                continue;
            }

            if (newestApplied is not null && StringComparer.Ordinal.Compare(file.Version, newestApplied) < 0)
            {
                entries.Add(new MigrationStatusEntry(file.Version, file.Name, file.Path, MigrationState.OutOfOrder, false));
                if (includeAll)
                {
                    toApply.Add(migration);
                }
                else
                {
                    diagnostics.Add(MigrationDiagnostic.ForFile(
                        PushDiagnostics.OutOfOrderMigration,
                        file.Path,
                        $"{file.FileName} is not applied yet, but {databaseDisplay} already has the newer version {newestApplied}; "
                        + "give it a version after that one (rename it with a new timestamp), or push it anyway with SupabasePushIncludeAll=true (--include-all)"));
                }

                continue;
            }

            entries.Add(new MigrationStatusEntry(file.Version, file.Name, file.Path, MigrationState.Pending, false));
            toApply.Add(migration);
        }

        entries.Sort((a, b) => StringComparer.Ordinal.Compare(a.Version, b.Version));
        return new Reconciliation(entries, diagnostics, toApply);
    }

    private static SourcePosition? EditedAt(ParsedMigration migration, HistoryRow row, PgParser parser)
    {
        // Rows without statements (an old CLI) and files that no longer parse cannot be compared.
        if (row.Statements is null || migration.Source is null || migration.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        return RecordedStatements.FirstDifference(migration, row.Statements, parser);
    }
}
