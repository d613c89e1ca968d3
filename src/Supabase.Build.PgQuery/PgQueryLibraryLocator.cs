using System.Runtime.InteropServices;

namespace Supabase.Build.PgQuery;

/// <summary>
/// Where libpg_query is looked for, in order: the copy bundled beside this assembly, then the configured path
/// (the SupabasePgQueryLibrary property, else the SUPABASE_PGQUERY_LIBRARY variable), then the system names.
/// </summary>
public static class PgQueryLibraryLocator
{
    public const string EnvironmentVariable = "SUPABASE_PGQUERY_LIBRARY";

    private static readonly string[] SystemNames =
    {
        "libpg_query.so.1504.0", "libpg_query.so", "libpg_query.dylib", "pg_query.dll",
    };

    /// <summary>The candidates, in the order they are tried. Absolute paths are files; bare names go to the OS loader.</summary>
    public static IReadOnlyList<string> Candidates(string? configuredPath)
    {
        var candidates = new List<string>();
        // Native AOT has no assembly location: the executable's folder is where the parser sits then.
        var assemblyLocation = typeof(PgQueryLibraryLocator).Assembly.Location;
        var assemblyDirectory = string.IsNullOrEmpty(assemblyLocation) ? AppContext.BaseDirectory : Path.GetDirectoryName(assemblyLocation);
        if (!string.IsNullOrEmpty(assemblyDirectory))
        {
            candidates.Add(Path.Combine(assemblyDirectory, "runtimes", RuntimeIdentifier(), "native", PlatformFileName()));
        }

        var configured = string.IsNullOrWhiteSpace(configuredPath)
            ? Environment.GetEnvironmentVariable(EnvironmentVariable)
            : configuredPath;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            candidates.Add(Path.GetFullPath(configured!));
        }

        candidates.AddRange(SystemNames);
        return candidates;
    }

    private static string PlatformFileName() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "pg_query.dll"
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "libpg_query.dylib"
        : "libpg_query.so";

    private static string RuntimeIdentifier()
    {
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
            : "linux";
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            _ => "x64",
        };
        return $"{os}-{arch}";
    }
}
