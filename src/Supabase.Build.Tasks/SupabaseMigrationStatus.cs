using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Supabase.Build.Migrations.BuildSteps;

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
        var result = _cancellation.Run(token => PushSteps.Status(
            new DatabaseRequest
            {
                MigrationsDirectory = MigrationsDirectory,
                MigrationFiles = TaskItems.Paths(MigrationFiles),
                DatabaseUrl = DatabaseUrl,
                ParserLibrary = ParserLibrary,
                ProjectFile = ProjectFile,
            },
            new TaskBuildLog(Log),
            token));
        Migrations = (result?.Entries ?? []).Select(e =>
        {
            var item = new TaskItem(e.Path ?? e.Version);
            item.SetMetadata("Version", e.Version);
            item.SetMetadata("Name", e.Name ?? string.Empty);
            item.SetMetadata("State", e.State.ToString());
            item.SetMetadata("Edited", e.Edited ? "true" : "false");
            return (ITaskItem)item;
        }).ToArray();
        return result is not null && !Log.HasLoggedErrors;
    }
}
