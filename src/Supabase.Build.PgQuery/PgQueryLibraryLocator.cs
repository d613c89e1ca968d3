using System.Runtime.InteropServices;

namespace Supabase.Build.PgQuery;

/// <summary>
/// Where libpg_query 17 is looked for, in order: the configured path (the SupabasePgQueryLibrary property or the
/// --parser-library option, else the SUPABASE_PGQUERY_LIBRARY variable), then the copy bundled for this runtime
/// beside this assembly (runtimes/&lt;rid&gt;/native/), then the system names.
/// </summary>
public static class PgQueryLibraryLocator
{
    public const string EnvironmentVariable = "SUPABASE_PGQUERY_LIBRARY";

    /// <summary>libpg_query 17's names as distributions install it (Debian's soname is libpg_query.so.1706).</summary>
    internal static readonly string[] SystemNames =
    {
        "libpg_query.so.1706", "libpg_query.so", "libpg_query.dylib", "pg_query.dll",
    };

    /// <summary>The runtimes the packages bundle a parser for (build/build-libpg-query.sh --all).</summary>
    public static readonly IReadOnlyList<string> BundledRuntimes = new[]
    {
        "linux-x64", "linux-arm64", "linux-musl-x64", "linux-musl-arm64", "win-x64", "win-arm64", "osx-x64", "osx-arm64",
    };

    /// <summary>The candidates, in the order they are tried. Absolute paths are files; bare names go to the OS loader.</summary>
    public static IReadOnlyList<string> Candidates(string? configuredPath)
    {
        var candidates = new List<string>();
        var configured = string.IsNullOrWhiteSpace(configuredPath)
            ? Environment.GetEnvironmentVariable(EnvironmentVariable)
            : configuredPath;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            candidates.Add(Path.GetFullPath(configured!));
        }

        // Native AOT has no assembly location: the executable's folder is where the parser sits then.
        var assemblyLocation = typeof(PgQueryLibraryLocator).Assembly.Location;
        var assemblyDirectory = string.IsNullOrEmpty(assemblyLocation) ? AppContext.BaseDirectory : Path.GetDirectoryName(assemblyLocation);
        if (!string.IsNullOrEmpty(assemblyDirectory))
        {
            candidates.Add(BundledPath(assemblyDirectory!));
        }

        candidates.AddRange(SystemNames);
        return candidates;
    }

    /// <summary>Where the parser for this runtime sits under a folder that bundles them (runtimes/&lt;rid&gt;/native/).</summary>
    public static string BundledPath(string directory) =>
        Path.Combine(directory, "runtimes", RuntimeIdentifier(), "native", PlatformFileName());

    /// <summary>The library's file name on this OS.</summary>
    public static string PlatformFileName() => FileName(RuntimeIdentifier());

    /// <summary>The library's file name for a runtime (as build/build-libpg-query.sh names it).</summary>
    public static string FileName(string runtimeIdentifier) =>
        runtimeIdentifier.StartsWith("win-", StringComparison.Ordinal) ? "pg_query.dll"
        : runtimeIdentifier.StartsWith("osx-", StringComparison.Ordinal) ? "libpg_query.dylib"
        : "libpg_query.so";

    /// <summary>This process's runtime, in the names the bundled folders use (linux-musl-x64 on Alpine).</summary>
    public static string RuntimeIdentifier()
    {
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
            : IsMusl() ? "linux-musl"
            : "linux";
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            _ => "x64",
        };
        return $"{os}-{arch}";
    }

    // The runtime knows which C library it was built for; a portable build on Alpine says linux-musl-*.
    private static bool IsMusl() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
        && RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.OrdinalIgnoreCase);
}
