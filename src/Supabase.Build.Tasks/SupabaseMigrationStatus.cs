using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Push;

namespace Supabase.Build.Tasks;

/// <summary>
/// <c>dotnet msbuild -t:SupabaseMigrationStatus</c>: the local migrations next to the ones applied to the database,
/// like <c>supabase migration list</c>. Changes nothing.
/// </summary>
public sealed class SupabaseMigrationStatus : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly TaskCancellation _cancellation = new();

    public string? MigrationsDirectory { get; set; }

    public ITaskItem[] MigrationFiles { get; set; } = [];

    public string? DatabaseUrl { get; set; }

    public string? ParserLibrary { get; set; }

    public string? ProjectFile { get; set; }

    /// <summary>Every version, with State (Applied, Pending, OutOfOrder, RemoteOnly), Name, Edited and, when local, FullPath.</summary>
    [Output]
    public ITaskItem[] Migrations { get; private set; } = [];

    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        var location = ProjectFile ?? "SupabaseMigrationStatus";
        var errors = new List<MigrationDiagnostic>();
        var target = PushSettings.TryTarget(DatabaseUrl, "SupabaseDbUrl", location, errors);
        var pusher = MigrationPusher.TryCreate(string.IsNullOrWhiteSpace(ParserLibrary) ? null : ParserLibrary, out var parserNotFound);
        if (parserNotFound is not null)
        {
            errors.Add(parserNotFound);
        }

        if (errors.Count > 0 || target is null || pusher is null)
        {
            errors.ForEach(e => DiagnosticLog.Log(Log, e, ProjectFile));
            return false;
        }

        MigrationSet set;
        if (string.IsNullOrWhiteSpace(MigrationsDirectory))
        {
            Log.LogMessage(MessageImportance.High, "Supabase.Build: no supabase/migrations folder at or above the project; showing what the database has applied");
            set = new MigrationSet(null, Array.Empty<MigrationFile>(), Array.Empty<MigrationDiagnostic>());
        }
        else
        {
            set = TaskMigrations.From(MigrationsDirectory, MigrationFiles);
        }

        MigrationStatusResult result;
        try
        {
            result = _cancellation.Run(token => pusher.StatusAsync(set, target, new PushLog(Log, ProjectFile), token));
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        if (result.Succeeded)
        {
            foreach (var line in StatusTable.Lines(result))
            {
                Log.LogMessage(MessageImportance.High, line);
            }
        }

        Migrations = result.Entries.Select(e =>
        {
            var item = new TaskItem(e.Path ?? e.Version);
            item.SetMetadata("Version", e.Version);
            item.SetMetadata("Name", e.Name ?? string.Empty);
            item.SetMetadata("State", e.State.ToString());
            item.SetMetadata("Edited", e.Edited ? "true" : "false");
            return (ITaskItem)item;
        }).ToArray();
        return result.Succeeded && !Log.HasLoggedErrors;
    }
}
