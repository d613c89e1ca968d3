using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Supabase.Build.Analyzers.Detection;
using Supabase.Build.Analyzers.Infrastructure;

namespace Supabase.Build.Analyzers.Rules;

/// <summary>
/// SB3009 legacy-anon-key (info): a string holds the legacy anon JWT (<c>"role": "anon"</c>). It is not a secret, but
/// Supabase's publishable key (<c>sb_publishable_...</c>) replaces it: it can be rotated on its own, without the JWT
/// secret that also signs user sessions.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SB3009LegacyAnonKeyAnalyzer : StringSecretAnalyzer
{
    public const string Id = "SB3009";

    internal static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        title: "Legacy Supabase anon key",
        messageFormat: "Legacy Supabase anon key ({0}); use the publishable key (sb_publishable_...) from the project's API settings, which can be rotated without signing every user out",
        RuleInfo.Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "The anon JWT is safe to ship with Row Level Security on, but it is tied to the project's JWT secret: rotating it means rotating the secret that signs user sessions. The publishable key does the same job and rotates on its own.",
        helpLinkUri: RuleInfo.HelpLink(Id));

    private protected override DiagnosticDescriptor Rule => Descriptor;

    private protected override IReadOnlyList<Marker> Markers => SupabaseJwt.Markers;

    private protected override DiagnosticSeverity Severity(ProjectKind kind) => DiagnosticSeverity.Info;

    private protected override bool MayContain(string value) => SupabaseJwt.MayContain(value);

    private protected override void Find(string value, List<SecretFinding> findings) =>
        SupabaseJwt.Find(value, SupabaseJwt.AnonRole, SecretKind.AnonJwt, findings);

    private protected override object[] MessageArguments(SecretFinding finding, ProjectKind kind) => [finding.Display];

    private protected override (string EnvironmentVariable, string ConfigurationKey)? FixTarget(SecretFinding finding, string value) => null;
}
