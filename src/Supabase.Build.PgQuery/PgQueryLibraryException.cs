namespace Supabase.Build.PgQuery;

/// <summary>The native parser could not be found or loaded. <see cref="Tried"/> lists every place looked at.</summary>
public sealed class PgQueryLibraryException : Exception
{
    public PgQueryLibraryException(string message, IReadOnlyList<string> tried)
        : base(message) => Tried = tried;

    public IReadOnlyList<string> Tried { get; }

    /// <summary>How to get a parser on each platform; shown with diagnostic SB0003.</summary>
    public const string InstallHint =
        "the package bundles libpg_query 17 for linux-x64/arm64 (glibc 2.17+ and musl), win-x64/arm64 and osx-x64/arm64; on any other " +
        "platform build libpg_query 17-6.1.0 (pganalyze/libpg_query, 'make build_shared') or install it ('brew install libpg_query' on macOS), " +
        "and point the SupabasePgQueryLibrary property (SUPABASE_PGQUERY_LIBRARY variable) at the library file";
}
