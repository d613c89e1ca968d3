using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Supabase.Build.Analyzers.Detection;
using Supabase.Build.Analyzers.Infrastructure;

namespace Supabase.Build.Analyzers.Rules;

/// <summary>
/// SB3002 secret-api-key: a string holds a Supabase secret API key (<c>sb_secret_...</c>), which, like the service-role
/// key it replaces, bypasses Row Level Security. The publishable key (<c>sb_publishable_...</c>) is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SB3002SecretApiKeyAnalyzer : StringSecretAnalyzer
{
    public const string Id = "SB3002";

    internal static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        title: "Supabase secret API key in source",
        messageFormat: "Supabase secret API key ({0}) bypasses Row Level Security; {1}",
        RuleInfo.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An sb_secret_ key has the privileges of the service_role: it reads and writes every table whatever the Row Level Security policies say. It belongs on a server, read from configuration.",
        helpLinkUri: RuleInfo.HelpLink(Id));

    private protected override DiagnosticDescriptor Rule => Descriptor;

    private protected override IReadOnlyList<Marker> Markers => SupabaseApiKeys.SecretKeyMarkers;

    private protected override bool MayContain(string value) => SupabaseApiKeys.MayContainSecretKey(value);

    private protected override void Find(string value, List<SecretFinding> findings) => SupabaseApiKeys.FindSecretKeys(value, findings);

    private protected override object[] MessageArguments(SecretFinding finding, ProjectKind kind) =>
        [finding.Display, Advice.ForSourceSecret(kind, "SUPABASE_SECRET_KEY")];

    private protected override (string EnvironmentVariable, string ConfigurationKey)? FixTarget(SecretFinding finding, string value) =>
        ("SUPABASE_SECRET_KEY", "Supabase:SecretKey");
}
