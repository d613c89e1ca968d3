using System.Net;
using System.Net.Sockets;
using Supabase.Build.Migrations.Database;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Push;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;

namespace Supabase.Build.Migrations.Tests.Push;

/// <summary>Connection failures: one clear diagnostic, and the password nowhere.</summary>
[Collection(PushDatabaseGroup.Name)]
public sealed class ConnectionTests(ThrowawayPostgres postgres)
{
    private const string WrongPassword = "Wr0ng-Pa55word-9f3c";

    [Fact]
    public async Task A_wrong_password_is_one_SB0502_that_names_the_cause_and_never_the_password()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_a.sql", "create table public.a (id int);");
        var url = $"postgresql://{postgres.Username}:{WrongPassword}@{postgres.Host}:{postgres.Port}/{workspace.Database.Name}";
        var target = DatabaseTarget.Resolve(url, "SupabaseDbUrl");

        var (result, progress) = await PushAsync(workspace, target);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("SB0502", error.Id);
        Assert.Equal(
            $"could not connect to {postgres.Username}@{postgres.Host}:{postgres.Port}/{workspace.Database.Name} (from SupabaseDbUrl): "
            + $"password authentication failed for user \"{postgres.Username}\" [28P01]; check the user and password in SupabaseDbUrl",
            error.Message);
        Assert.DoesNotContain(WrongPassword, progress.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_port_is_one_SB0502_with_a_hint()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        workspace.Add("20240101000000_a.sql", "create table public.a (id int);");
        var port = ClosedPort();
        var target = DatabaseTarget.Resolve($"postgresql://postgres:{WrongPassword}@127.0.0.1:{port}/postgres", "SupabaseDbUrl");

        var (result, progress) = await PushAsync(workspace, target);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("SB0502", error.Id);
        Assert.StartsWith($"could not connect to postgres@127.0.0.1:{port}/postgres (from SupabaseDbUrl): connection refused", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, progress.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [SkippableFact]
    public async Task The_local_default_that_is_not_running_says_how_to_start_it()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        var target = DatabaseTarget.Resolve(null, "SupabaseDbUrl", _ => null);
        Skip.If(IsListening(54322), "something listens on 127.0.0.1:54322 (a local Supabase?)");

        var (result, _) = await PushAsync(workspace, target);

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("(from the local default): connection refused: no database is listening there. Start the local one (`supabase start`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_host_is_one_SB0502()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        var target = DatabaseTarget.Resolve($"postgresql://postgres:{WrongPassword}@no-such-host.invalid:5432/postgres", "SUPABASE_DB_URL");

        var (result, progress) = await PushAsync(workspace, target);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("SB0502", error.Id);
        Assert.Contains("(from SUPABASE_DB_URL): the host name could not be resolved", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, progress.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_text_that_happens_to_contain_the_password_is_masked()
    {
        using var workspace = await PushWorkspace.CreateAsync(postgres);
        const string Secret = "s3cret-in-sql-9d1e";
        var role = "sbleak_" + Guid.NewGuid().ToString("N")[..8];
        await workspace.ExecuteAsync($"create role {role} login superuser password '{Secret}'");
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(workspace.Database.ConnectionString) { Username = role, Password = Secret };
            workspace.Add("20240101000000_leak.sql", $"select '{Secret}'::int;");
            var target = DatabaseTarget.Resolve(builder.ConnectionString, "SupabaseDbUrl");

            var (result, progress) = await PushAsync(workspace, target);

            Assert.False(result.Succeeded);
            Assert.Contains(result.Diagnostics, d => d.Id == "SB0501" && d.Message.StartsWith("invalid input syntax for type integer: \"***\" [22P02]", StringComparison.Ordinal));
            Assert.DoesNotContain(Secret, progress.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains(Secret, StringComparison.Ordinal));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await workspace.ExecuteAsync($"drop owned by {role}; drop role {role}");
        }
    }

    private static async Task<(PushResult Result, RecordingProgress Progress)> PushAsync(PushWorkspace workspace, DatabaseTarget target)
    {
        var progress = new RecordingProgress();
        var result = await new MigrationPusher(MigrationWorkspace.Parser).PushAsync(
            MigrationDiscovery.Discover(workspace.Directory), new PushOptions { Target = target }, progress);
        return (result, progress);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
