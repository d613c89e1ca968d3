namespace Supabase.Build.Testing;

/// <summary>
/// A database that <see cref="ThrowawayPostgres.CreateDatabaseAsync"/> made for one test; dropped when the fixture
/// is disposed. <see cref="ToString"/> never shows the password.
/// </summary>
/// <param name="Name">The database name (<c>sbtest_</c> and random hex).</param>
/// <param name="ConnectionString">Npgsql connection string, password included.</param>
/// <param name="DatabaseUrl"><c>postgresql://</c> URI form, password included (what <c>SUPABASE_DB_URL</c> takes).</param>
/// <param name="RedactedUrl">The URI with the password replaced by <c>***</c>.</param>
public sealed record ThrowawayDatabase(string Name, string ConnectionString, string DatabaseUrl, string RedactedUrl)
{
    /// <inheritdoc />
    public override string ToString() => RedactedUrl;
}
