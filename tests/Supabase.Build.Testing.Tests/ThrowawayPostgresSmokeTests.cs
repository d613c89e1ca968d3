using Npgsql;
using Supabase.Build.Migrations.Database;

namespace Supabase.Build.Testing.Tests;

public sealed class ThrowawayPostgresSmokeTests(ThrowawayPostgres postgres) : IClassFixture<ThrowawayPostgres>
{
    private const string UserId = "8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e";

    [Fact]
    public async Task Server_is_PostgreSQL_15_or_later()
    {
        await using var connection = await postgres.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select current_setting('server_version_num')::int", connection);
        var version = (int)(await command.ExecuteScalarAsync())!;
        Assert.True(version >= 150000, $"server_version_num is {version}");
    }

    [Fact]
    public async Task Bootstrap_creates_the_Supabase_roles()
    {
        await using var connection = await postgres.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "select rolname, rolcanlogin, rolbypassrls from pg_roles where rolname in ('anon', 'authenticated', 'service_role') order by rolname",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var roles = new List<(string Name, bool CanLogin, bool BypassRls)>();
        while (await reader.ReadAsync())
        {
            roles.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2)));
        }

        Assert.Equal(
            [("anon", false, false), ("authenticated", false, false), ("service_role", false, true)],
            roles);
    }

    [Fact]
    public async Task Bootstrap_creates_the_auth_storage_and_extensions_schemas_and_auth_users()
    {
        await using var connection = await postgres.OpenConnectionAsync();
        await using (var schemas = new NpgsqlCommand(
            "select count(*) from pg_namespace where nspname in ('auth', 'storage', 'extensions')", connection))
        {
            Assert.Equal(3L, await schemas.ExecuteScalarAsync());
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand(
            "insert into auth.users (email, raw_user_meta_data) values ('a@example.com', '{\"name\": \"A\"}') returning id, created_at is not null",
            connection,
            transaction);
        await using var reader = await insert.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.NotEqual(Guid.Empty, reader.GetGuid(0));
        Assert.True(reader.GetBoolean(1));
    }

    [Fact]
    public async Task Auth_uid_reads_the_sub_claim_of_the_request()
    {
        await using var connection = await postgres.OpenConnectionAsync();

        await using (var outside = new NpgsqlCommand("select auth.uid() is null and auth.role() is null and auth.jwt() is null", connection))
        {
            Assert.Equal(true, await outside.ExecuteScalarAsync());
        }

        // The per-claim setting (older PostgREST).
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var command = new NpgsqlCommand(
                $"set local role authenticated; set local request.jwt.claim.sub = '{UserId}'; select auth.uid()",
                connection,
                transaction);
            Assert.Equal(Guid.Parse(UserId), await command.ExecuteScalarAsync());
            await transaction.RollbackAsync();
        }

        // The whole claims object (current PostgREST), as the anon role calling through RLS would.
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var command = new NpgsqlCommand(
                "set local role anon; "
                + "select set_config('request.jwt.claims', @claims, true); "
                + "select auth.uid(), auth.role(), auth.jwt() ->> 'email', auth.email()",
                connection,
                transaction);
            command.Parameters.AddWithValue("claims", $$"""{"sub": "{{UserId}}", "role": "authenticated", "email": "a@example.com"}""");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.NextResultAsync(); // past set_config's row; SET has no result set
            Assert.True(await reader.ReadAsync());
            Assert.Equal(Guid.Parse(UserId), reader.GetGuid(0));
            Assert.Equal("authenticated", reader.GetString(1));
            Assert.Equal("a@example.com", reader.GetString(2));
            Assert.Equal("a@example.com", reader.GetString(3));
        }

        // Claims are transaction-local: gone after the transaction.
        await using (var after = new NpgsqlCommand("select auth.uid() is null", connection))
        {
            Assert.Equal(true, await after.ExecuteScalarAsync());
        }
    }

    [SkippableFact]
    public async Task Wrong_password_is_rejected_with_28P01()
    {
        var wrong = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Password = "not-the-password", Pooling = false };
        await using var connection = new NpgsqlConnection(wrong.ConnectionString);
        var exception = await Record.ExceptionAsync(() => connection.OpenAsync());
        Skip.If(
            exception is null && postgres.IsExternal,
            "The server of SUPABASE_TEST_DB_URL accepts any password (trust authentication).");

        var postgresException = Assert.IsType<PostgresException>(exception);
        Assert.Equal(PostgresErrorCodes.InvalidPassword, postgresException.SqlState);
        Assert.Equal("28P01", postgresException.SqlState);
        Assert.DoesNotContain("not-the-password", postgresException.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_url_reaches_the_same_database_and_descriptions_hide_the_password()
    {
        var fromUrl = PostgresUrl.Parse(postgres.DatabaseUrl);
        Assert.Equal(postgres.Database, fromUrl.Database);
        Assert.Equal(postgres.Port, fromUrl.Port);
        await using var connection = new NpgsqlConnection(fromUrl.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select current_database()", connection);
        Assert.Equal(postgres.Database, await command.ExecuteScalarAsync());

        var password = new NpgsqlConnectionStringBuilder(postgres.ConnectionString).Password!;
        Assert.False(string.IsNullOrEmpty(password));
        Assert.DoesNotContain(":" + password + "@", postgres.RedactedUrl, StringComparison.Ordinal);
        Assert.DoesNotContain(":" + password + "@", postgres.ToString(), StringComparison.Ordinal);
        Assert.Contains(":***@", postgres.RedactedUrl, StringComparison.Ordinal);
        if (!postgres.IsExternal)
        {
            Assert.StartsWith("postgresql://postgres:postgres@127.0.0.1:", postgres.DatabaseUrl, StringComparison.Ordinal);
            Assert.Equal("127.0.0.1", postgres.Host);
        }
    }

    [Fact]
    public async Task CreateDatabaseAsync_gives_fresh_isolated_databases()
    {
        var first = await postgres.CreateDatabaseAsync();
        var bare = await postgres.CreateDatabaseAsync(applyBootstrap: false);
        Assert.NotEqual(first.Name, bare.Name);
        Assert.NotEqual(postgres.Database, first.Name);
        Assert.DoesNotContain(":postgres@", first.ToString(), StringComparison.Ordinal);

        await using (var connection = new NpgsqlConnection(first.ConnectionString))
        {
            await connection.OpenAsync();
            await using (var create = new NpgsqlCommand("create table public.only_here (id int)", connection))
            {
                await create.ExecuteNonQueryAsync();
            }

            await using var command = new NpgsqlCommand(
                "select current_database(), to_regprocedure('auth.uid()') is not null", connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(first.Name, reader.GetString(0));
            Assert.True(reader.GetBoolean(1));
        }

        await using (var connection = new NpgsqlConnection(PostgresUrl.Parse(bare.DatabaseUrl).ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select to_regclass('public.only_here') is null, to_regnamespace('auth') is null", connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.True(reader.GetBoolean(0));
            Assert.True(reader.GetBoolean(1));
        }
    }

    [Fact]
    public async Task Bootstrap_can_be_applied_again()
    {
        var database = await postgres.CreateDatabaseAsync();
        await ThrowawayPostgres.ApplyBootstrapAsync(database.ConnectionString);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from pg_proc where pronamespace = 'auth'::regnamespace and proname in ('uid', 'role', 'jwt')", connection);
        Assert.Equal(3L, await command.ExecuteScalarAsync());
    }
}
