using Microsoft.Build.Framework;
using Supabase.Build.Migrations.BuildSteps;

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
        CreatedFile = PushSteps.NewMigration(Name, MigrationsDirectory, ProjectDirectory, ProjectFile, new TaskBuildLog(Log)) ?? string.Empty;
        return CreatedFile.Length > 0;
    }
}
