using Microsoft.Build.Framework;
using Supabase.Build.Migrations.Discovery;

namespace Supabase.Build.Tasks;

/// <summary>The migration set a task was handed: the files MSBuild globbed in the folder (so the build's item list is what is linted, pushed or modelled).</summary>
internal static class TaskMigrations
{
    /// <summary>
    /// The files of <paramref name="files"/> as a set of <paramref name="directory"/>; a folder that does not exist is
    /// discovered anyway, which reports it (SB0007).
    /// </summary>
    public static MigrationSet From(string directory, IEnumerable<ITaskItem> files)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        return Directory.Exists(folder)
            ? MigrationDiscovery.FromFiles(files.Select(f => f.GetMetadata("FullPath")), folder)
            : MigrationDiscovery.Discover(folder);
    }

    /// <summary>As <see cref="From"/>, or null when no folder was found or it does not exist (the task then works without one).</summary>
    public static MigrationSet? FromExisting(string? directory, IEnumerable<ITaskItem> files) =>
        !string.IsNullOrWhiteSpace(directory) && Directory.Exists(directory) ? From(directory, files) : null;
}
