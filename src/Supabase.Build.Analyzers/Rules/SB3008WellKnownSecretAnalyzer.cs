using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Supabase.Build.Analyzers.Detection;
using Supabase.Build.Analyzers.Infrastructure;

namespace Supabase.Build.Analyzers.Rules;

/// <summary>
/// SB3008 well-known-secret: other services' secrets whose format identifies them with high confidence: AWS access key
/// ids, Stripe live secret and restricted keys, GitHub tokens, Slack webhook URLs, OpenAI API keys, PEM private keys.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SB3008WellKnownSecretAnalyzer : StringSecretAnalyzer
{
    public const string Id = "SB3008";

    internal static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        title: "Secret of another service in source",
        messageFormat: "{0} ({1}) in source; {2}",
        RuleInfo.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Credentials of cloud, payment, code-hosting, chat and AI services have formats that identify them. Committed, they are found by scanners within minutes; shipped in a client, by anyone who unpacks the app.",
        helpLinkUri: RuleInfo.HelpLink(Id));

    private protected override DiagnosticDescriptor Rule => Descriptor;

    private protected override IReadOnlyList<Marker> Markers => WellKnownTokens.Markers;

    private protected override bool MayContain(string value) => WellKnownTokens.MayContain(value);

    private protected override void Find(string value, List<SecretFinding> findings) => WellKnownTokens.Find(value, findings);

    private protected override object[] MessageArguments(SecretFinding finding, ProjectKind kind) =>
        [WellKnownTokens.Describe(finding.Kind), finding.Display, Advice.ForSourceSecret(kind, WellKnownTokens.EnvironmentVariable(finding.Kind))];

    private protected override (string EnvironmentVariable, string ConfigurationKey)? FixTarget(SecretFinding finding, string value) =>
        (WellKnownTokens.EnvironmentVariable(finding.Kind), WellKnownTokens.ConfigurationKey(finding.Kind));
}
