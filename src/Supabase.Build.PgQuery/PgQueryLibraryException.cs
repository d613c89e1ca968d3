namespace Supabase.Build.PgQuery;

/// <summary>The native parser could not be found or loaded. <see cref="Tried"/> lists every place looked at.</summary>
public sealed class PgQueryLibraryException : Exception
{
    public PgQueryLibraryException(string message, IReadOnlyList<string> tried)
        : base(message) => Tried = tried;

    public IReadOnlyList<string> Tried { get; }

    /// <summary>How to get a parser on each platform; shown with diagnostic SB0003.</summary>
    public const string InstallHint =
        "install libpg_query for PostgreSQL 15: Debian/Ubuntu 'apt-get install libpg-query1504.0', macOS 'brew install libpg_query', " +
        "Windows 'vcpkg install libpg-query'; or point the SupabasePgQueryLibrary property (SUPABASE_PGQUERY_LIBRARY variable) at the library file";
}
