using Microsoft.Build.Framework;
using Supabase.Build.Migrations.Discovery;

namespace Supabase.Build.Tasks;

/// <summary>
/// The nearest <c>supabase/migrations</c> folder at or above <see cref="StartDirectory"/>, as the Supabase CLI finds
/// its project (MSBuild's property functions only search upward for files, not folders). Empty when there is none.
/// </summary>
public sealed class SupabaseFindMigrationsDirectory : Microsoft.Build.Utilities.Task
{
    [Required]
    public string StartDirectory { get; set; } = string.Empty;

    [Output]
    public string MigrationsDirectory { get; private set; } = string.Empty;

    public override bool Execute()
    {
        MigrationsDirectory = MigrationDirectoryLocator.FindFrom(StartDirectory) ?? string.Empty;
        return true;
    }
}
