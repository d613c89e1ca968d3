namespace Supabase.Build.Testing;

/// <summary>
/// Where things are in this repository, for tests. The root is the folder that holds
/// <c>Supabase.Build.sln</c>, found by walking up from the test assembly's folder
/// (<see cref="AppContext.BaseDirectory"/>, e.g. <c>tests/X/bin/Debug/net10.0/</c>).
/// </summary>
public static class RepositoryLayout
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "Supabase.Build.sln";

    private static readonly Lazy<string> LazyRoot = new(() => FindRoot(AppContext.BaseDirectory));

    /// <summary>The repository root (absolute path, no trailing separator).</summary>
    /// <exception cref="InvalidOperationException">No folder above the test assembly holds the solution file.</exception>
    public static string Root => LazyRoot.Value;

    /// <summary><c>build/</c>: scripts, and the Supabase bootstrap SQL.</summary>
    public static string BuildDirectory => Path.Combine(Root, "build");

    /// <summary><c>src/</c></summary>
    public static string SourceDirectory => Path.Combine(Root, "src");

    /// <summary><c>tests/</c></summary>
    public static string TestsDirectory => Path.Combine(Root, "tests");

    /// <summary><c>samples/</c></summary>
    public static string SamplesDirectory => Path.Combine(Root, "samples");

    /// <summary><c>nuget/</c>: the local feed that build/pack.sh fills.</summary>
    public static string NuGetFeedDirectory => Path.Combine(Root, "nuget");

    /// <summary><c>docs/rules/</c>: one page per diagnostic id.</summary>
    public static string RuleDocsDirectory => Path.Combine(Root, "docs", "rules");

    /// <summary><c>.tmp/</c>: gitignored scratch space (throwaway clusters, bench peers).</summary>
    public static string ScratchDirectory => Path.Combine(Root, ".tmp");

    /// <summary><c>build/supabase-bootstrap.sql</c>: roles, schemas and auth functions of a Supabase database.</summary>
    public static string SupabaseBootstrapSql => Path.Combine(BuildDirectory, "supabase-bootstrap.sql");

    /// <summary>A path under the repository root, from its parts (e.g. <c>PathOf("samples", "app")</c>).</summary>
    public static string PathOf(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return System.IO.Path.Combine([Root, .. parts]);
    }

    /// <summary>
    /// The nearest folder at or above <paramref name="startDirectory"/> that holds <see cref="SolutionFileName"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is none.</exception>
    public static string FindRoot(string startDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(startDirectory);
        for (var dir = new DirectoryInfo(Path.GetFullPath(startDirectory)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) is { Length: > 0 } trimmed
                    ? trimmed
                    : dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Could not find the repository root: no folder at or above '{startDirectory}' contains {SolutionFileName}.");
    }
}
