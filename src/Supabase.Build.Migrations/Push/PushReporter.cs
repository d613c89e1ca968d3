using Supabase.Build.Migrations.Database;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Push;

/// <summary>
/// The one way out of the engine for a push's progress and findings: applies the project's NoWarn (to the checks that
/// may be turned off) and severity policy, keeps the diagnostics for the result, and removes the password from every
/// message before it leaves (messages are built without it; this is the second line of defence, for text that comes
/// from the server or a driver).
/// </summary>
internal sealed class PushReporter
{
    private readonly IProgress<PushEvent>? _progress;
    private readonly IReadOnlyCollection<string> _disabled;
    private readonly Func<MigrationDiagnostic, MigrationDiagnostic>? _policy;
    private readonly string? _secret;
    private readonly List<MigrationDiagnostic> _diagnostics = new();

    public PushReporter(IProgress<PushEvent>? progress, IReadOnlyCollection<string> disabledRules, Func<MigrationDiagnostic, MigrationDiagnostic>? policy, DatabaseTarget? target)
    {
        _progress = progress;
        _disabled = disabledRules;
        _policy = policy;
        var password = target?.Settings.Password;
        var settings = target?.Settings;

        // The well-known local default (postgres/postgres) is also the user name: masking it would mangle every
        // message that names the user, and it is no secret.
        if (!string.IsNullOrEmpty(password)
            && !string.Equals(password, settings!.Username, StringComparison.Ordinal)
            && !string.Equals(password, settings.Database, StringComparison.Ordinal))
        {
            _secret = password;
        }
    }

    public IReadOnlyList<MigrationDiagnostic> Diagnostics => _diagnostics;

    public bool HasErrors => _diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    public void Report(PushEventKind kind, string message) => _progress?.Report(new PushEvent(kind, Scrub(message)));

    /// <summary>Reports a diagnostic unless the project turned it off; returns what was reported (null when suppressed).</summary>
    public MigrationDiagnostic? Report(MigrationDiagnostic diagnostic)
    {
        if (IsDisabled(diagnostic.Rule))
        {
            return null;
        }

        var reported = _policy is null ? diagnostic : _policy(diagnostic);
        reported = reported with { Message = Scrub(reported.Message) };
        _diagnostics.Add(reported);
        _progress?.Report(new PushEvent(PushEventKind.Diagnostic, reported.Message, reported));
        return reported;
    }

    /// <summary>Lint findings: NoWarn was applied by the linter already; the policy applies here.</summary>
    public void ReportAll(IEnumerable<MigrationDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Report(diagnostic);
        }
    }

    public string Scrub(string text) =>
        _secret is null || text.Length == 0 ? text : text.Replace(_secret, "***", StringComparison.Ordinal);

    private bool IsDisabled(RuleDescriptor rule) =>
        (PushDiagnostics.Suppressible.Contains(rule) || !PushDiagnostics.All.Contains(rule)) && _disabled.Any(rule.IsNamedBy);
}
