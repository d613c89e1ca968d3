using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Supabase.Build.Analyzers.Detection;
using Supabase.Build.Analyzers.Infrastructure;

namespace Supabase.Build.Analyzers.Rules;

/// <summary>
/// SB3003 personal-access-token: a string holds a Supabase personal access token (<c>sbp_...</c>), which acts for its
/// user on the Management API: every project and organization the user can reach.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SB3003PersonalAccessTokenAnalyzer : StringSecretAnalyzer
{
    public const string Id = "SB3003";

    internal static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        title: "Supabase personal access token in source",
        messageFormat: "Supabase personal access token ({0}) controls every project of its account through the Management API; {1}",
        RuleInfo.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A personal access token can create and delete projects, read their keys and change their settings through the Supabase Management API. Keep it in the CI secret store or the SUPABASE_ACCESS_TOKEN environment variable the Supabase CLI reads.",
        helpLinkUri: RuleInfo.HelpLink(Id));

    private protected override DiagnosticDescriptor Rule => Descriptor;

    private protected override IReadOnlyList<Marker> Markers => SupabaseApiKeys.PersonalAccessTokenMarkers;

    private protected override bool MayContain(string value) => SupabaseApiKeys.MayContainPersonalAccessToken(value);

    private protected override void Find(string value, List<SecretFinding> findings) => SupabaseApiKeys.FindPersonalAccessTokens(value, findings);

    private protected override object[] MessageArguments(SecretFinding finding, ProjectKind kind) =>
        [finding.Display, Advice.ForSourceSecret(kind, "SUPABASE_ACCESS_TOKEN")];

    private protected override (string EnvironmentVariable, string ConfigurationKey)? FixTarget(SecretFinding finding, string value) =>
        ("SUPABASE_ACCESS_TOKEN", "Supabase:AccessToken");
}
