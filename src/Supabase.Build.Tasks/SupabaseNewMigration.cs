using Microsoft.Build.Framework;
using Supabase.Build.Migrations.Push;

namespace Supabase.Build.Tasks;

/// <summary>
/// <c>dotnet msbuild -t:SupabaseNewMigration -p:Name=add_profiles</c>: creates
/// <c>supabase/migrations/&lt;UTC yyyyMMddHHmmss&gt;_add_profiles.sql</c>, as <c>supabase migration new</c> does.
/// </summary>
public sealed class SupabaseNewMigration : Microsoft.Build.Utilities.Task
{
    /// <summary>The migration's name, the part after the timestamp.</summary>
    public string? Name { get; set; }

    /// <summary>The configured or found migrations folder; empty: found or created from <see cref="ProjectDirectory"/>.</summary>
    public string? MigrationsDirectory { get; set; }

    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    public string? ProjectFile { get; set; }

    [Output]
    public string CreatedFile { get; private set; } = string.Empty;

    public override bool Execute()
    {
        var directory = string.IsNullOrWhiteSpace(MigrationsDirectory)
            ? PushSettings.NewMigrationDirectory(ProjectDirectory)
            : Path.GetFullPath(MigrationsDirectory);
        var result = NewMigration.Create(directory, Name, DateTime.UtcNow);
        if (!result.Succeeded)
        {
            Log.LogError(
                null, PushDiagnostics.InvalidSetting.Id, null, PushDiagnostics.InvalidSetting.HelpLink, ProjectFile, 0, 0, 0, 0,
                $"{result.Error}; run dotnet msbuild -t:SupabaseNewMigration -p:Name=<name> ({PushDiagnostics.InvalidSetting.HelpLink})");
            return false;
        }

        CreatedFile = result.Path!;
        Log.LogMessage(MessageImportance.High, $"Supabase.Build: created {CreatedFile}");
        return true;
    }
}
