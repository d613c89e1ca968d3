using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Supabase.Build.Analyzers.Detection;
using Supabase.Build.Analyzers.Infrastructure;

namespace Supabase.Build.Analyzers.Rules;

/// <summary>
/// SB3007 secret-in-shipped-file: a secret (service-role or secret key, personal access token, database password, JWT
/// signing secret, another service's key) in a file the project serves or ships, which the SDK passes as
/// AdditionalFiles: <c>wwwroot/**</c> (static files served to every visitor), <c>appsettings*.json</c>, <c>.env*</c>.
/// Reported at the file, line and column.
/// <list type="table">
/// <item><term>wwwroot</term><description>error (public in every kind of project)</description></item>
/// <item><term>appsettings*.json</term><description>error in client projects, warning elsewhere</description></item>
/// <item><term>.env*</term><description>error in client projects; in others only committed templates
/// (<c>.env.example</c>, <c>.sample</c>, <c>.template</c>, ...) are reported: a git-ignored <c>.env</c> is where a
/// server's secrets belong</description></item>
/// </list>
/// In test projects everything is info. Anon and publishable keys are public by design and never reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SB3007ShippedFileSecretAnalyzer : DiagnosticAnalyzer
{
    public const string Id = "SB3007";

    internal static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        title: "Secret in a file the project serves or ships",
        messageFormat: "{0} in a file that {1}; {2}",
        RuleInfo.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Files under wwwroot are downloaded by every visitor; a client app's appsettings.json and .env files travel inside the app; a server's appsettings.json is committed with the code. Secrets belong in user secrets, environment variables or a vault, on a server.",
        helpLinkUri: RuleInfo.HelpLink(Id));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var kind = ProjectKindDetector.Detect(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            start.RegisterAdditionalFileAction(file => AnalyzeFile(file, kind));
        });
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context, ProjectKind projectKind)
    {
        var file = context.AdditionalFile;
        context.Options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(ShippedFiles.KindMetadata, out var metadata);
        var fileKind = ShippedFiles.Classify(file.Path, metadata);
        if (fileKind == ShippedFileKind.None || Severity(fileKind, projectKind, file.Path) is not { } severity)
        {
            return;
        }

        var text = file.GetText(context.CancellationToken);
        if (text is null || text.Length == 0 || text.Length > ShippedFiles.MaximumLength)
        {
            return;
        }

        var content = text.ToString();
        var findings = new List<SecretFinding>();
        ShippedFiles.Find(content, file.Path, findings);
        var (reason, advice) = Explain(fileKind, projectKind);
        foreach (var finding in findings)
        {
            var span = new TextSpan(finding.Start, finding.Length);
            var location = Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptor,
                location,
                severity,
                additionalLocations: null,
                properties: null,
                ShippedFiles.Describe(finding),
                reason,
                advice));
        }
    }

    /// <summary>How loud a finding in this file is; null: not reported at all.</summary>
    private static DiagnosticSeverity? Severity(ShippedFileKind fileKind, ProjectKind projectKind, string path)
    {
        // A git-ignored .env is where a server's (or a test run's) secrets belong; its committed templates are not.
        if (fileKind == ShippedFileKind.DotEnv && projectKind != ProjectKind.Client && !ShippedFiles.IsTemplate(path))
        {
            return null;
        }

        if (projectKind == ProjectKind.Test)
        {
            return DiagnosticSeverity.Info;
        }

        return fileKind == ShippedFileKind.WebRoot || projectKind == ProjectKind.Client ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
    }

    private static (string Reason, string Advice) Explain(ShippedFileKind fileKind, ProjectKind projectKind) => fileKind switch
    {
        ShippedFileKind.WebRoot => (
            "is served to every visitor (wwwroot)",
            "remove it and keep the secret on a server; a client only needs the publishable or anon key"),
        _ when projectKind == ProjectKind.Client => (
            "ships with this client app",
            "remove it and keep the secret on a server (an API or a Supabase Edge Function); a client only needs the publishable or anon key"),
        ShippedFileKind.DotEnv => (
            "is a committed template",
            "leave a placeholder there and put the real value in the git-ignored .env"),
        _ => (
            "is committed with the project",
            "move it to user secrets (dotnet user-secrets) locally and to environment variables or a vault in production"),
    };
}
