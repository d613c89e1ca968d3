using System.Net.Sockets;
using System.Security.Authentication;
using Npgsql;
using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Database;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Introspection;
using Supabase.Build.Migrations.Push;
using Supabase.Build.Migrations.Rules.Advisors;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Advising;

/// <summary>
/// The schema rules on a live database: its catalog read into the same <see cref="SchemaModel"/> the migrations
/// replay into, checked by the same rules, and each finding placed at the local migration that made the object when
/// there is one (else it names the object and the database). Reads only; changes nothing.
/// </summary>
public sealed class LiveAdvisor
{
    private readonly PgParser _parser;

    public LiveAdvisor(PgParser parser) => _parser = parser;

    /// <param name="target">The database (its password never reaches a message).</param>
    /// <param name="local">The local migrations, to place findings at files and lines; null or empty for none.</param>
    public async Task<AdviseResult> AdviseAsync(DatabaseTarget target, MigrationSet? local, AdviseOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new List<MigrationDiagnostic>();
        var exposed = new ExposedSchemas(options.ExposedSchemas ?? SupabaseConfig.LoadBeside(local?.Directory, diagnostics).ApiSchemas);

        SchemaModel live;
        try
        {
            live = await ReadAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or AuthenticationException or IOException)
        {
            diagnostics.Add(MigrationDiagnostic.ForFile(
                PushDiagnostics.ConnectionFailed, target.Display, $"could not read the schema of {target.Display} (from {target.Source}): {PushSession.DescribeConnectionFailure(e, target)}"));
            return new AdviseResult(diagnostics, Array.Empty<SchemaFinding>(), Succeeded: false);
        }

        var sources = local is { Files.Count: > 0 } ? new SchemaSourceIndex(new SchemaReplay(_parser).Replay(local).Final) : null;
        var findings = new SchemaAdvisor()
            .Advise(live, exposed, rule => !options.DisabledRules.Any(rule.IsNamedBy))
            .Select(f => sources is null ? f : f with { Target = sources.Locate(f.Target) })
            .ToList();
        diagnostics.AddRange(findings.Select(f => ToDiagnostic(f, target)));
        return new AdviseResult(diagnostics, findings, Succeeded: true);
    }

    /// <summary>At the migration that made the object, or, for an object no local migration made, at the database.</summary>
    private static MigrationDiagnostic ToDiagnostic(SchemaFinding finding, DatabaseTarget target) =>
        finding.Target.Source is { } source
            ? new MigrationDiagnostic(finding.Rule, finding.Severity, source.FilePath, source.Span, $"{finding.Message} (live in {target.Display})")
            : MigrationDiagnostic.ForFile(finding.Rule, target.Display, $"{finding.Message} (live in {target.Display}; no local migration creates it)", finding.Severity);

    private async Task<SchemaModel> ReadAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false };
        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = "supabase-build advise";
        }

        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await new CatalogIntrospector(_parser).ReadAsync(connection, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>What a live advise found: every diagnostic (findings placed at files where possible, and any SB0009 / SB0502), and the findings themselves.</summary>
public sealed record AdviseResult(IReadOnlyList<MigrationDiagnostic> Diagnostics, IReadOnlyList<SchemaFinding> Findings, bool Succeeded);
