using Microsoft.Build.Framework;
using Supabase.Build.Migrations.Advising;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Push;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Tasks;

/// <summary>
/// <c>dotnet msbuild -t:SupabaseAdvise</c>: the schema rules (SB2xxx) on a live database, each finding at the local
/// migration that made the object (else on the project, naming the object). Reads only.
/// </summary>
public sealed class SupabaseAdvise : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly TaskCancellation _cancellation = new();

    public string? MigrationsDirectory { get; set; }

    public ITaskItem[] MigrationFiles { get; set; } = [];

    public string? DatabaseUrl { get; set; }

    /// <summary>The schemas the API exposes (';'-separated); empty: supabase/config.toml, else public.</summary>
    public string? Schemas { get; set; }

    public string? NoWarn { get; set; }

    public string? WarningsAsErrors { get; set; }

    public string? WarningsNotAsErrors { get; set; }

    public bool TreatWarningsAsErrors { get; set; }

    public string? ParserLibrary { get; set; }

    public string? ProjectFile { get; set; }

    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        var errors = new List<MigrationDiagnostic>();
        var target = PushSettings.TryTarget(DatabaseUrl, "SupabaseDbUrl", ProjectFile ?? "SupabaseAdvise", errors);
        PgParser? parser = null;
        try
        {
            parser = PgParser.Load(string.IsNullOrWhiteSpace(ParserLibrary) ? null : ParserLibrary);
        }
        catch (PgQueryLibraryException e)
        {
            errors.Add(MigrationDiagnostic.ForFile(ToolDiagnostics.ParserNotFound, "libpg_query", e.Message));
        }

        if (errors.Count > 0 || target is null || parser is null)
        {
            errors.ForEach(e => DiagnosticLog.Log(Log, e, ProjectFile));
            return false;
        }

        var local = TaskMigrations.FromExisting(MigrationsDirectory, MigrationFiles);

        var policy = new SeverityPolicy(NoWarn, WarningsAsErrors, WarningsNotAsErrors, TreatWarningsAsErrors);
        var schemas = SeverityPolicy.Split(Schemas);
        var options = new AdviseOptions { ExposedSchemas = schemas.Length > 0 ? schemas : null, DisabledRules = policy.DisabledRules };
        AdviseResult result;
        try
        {
            result = _cancellation.Run(token => new LiveAdvisor(parser).AdviseAsync(target, local, options, token));
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            DiagnosticLog.Log(Log, policy.Apply(diagnostic), ProjectFile);
        }

        if (result.Succeeded)
        {
            Log.LogMessage(MessageImportance.High, $"Supabase.Build: advised {target.Display}: {result.Findings.Count} finding(s)");
        }

        return !Log.HasLoggedErrors;
    }
}
