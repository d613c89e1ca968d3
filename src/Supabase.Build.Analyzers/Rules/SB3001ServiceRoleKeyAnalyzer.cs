using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Supabase.Build.Analyzers.Detection;
using Supabase.Build.Analyzers.Infrastructure;

namespace Supabase.Build.Analyzers.Rules;

/// <summary>
/// SB3001 service-role-key: a string holds a JWT whose payload has <c>"role": "service_role"</c>, the legacy Supabase
/// service-role key, which bypasses Row Level Security. Error in client projects, warning elsewhere, info in tests.
/// The anon key and JWTs of other roles are not reported (the anon key is SB3009).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SB3001ServiceRoleKeyAnalyzer : StringSecretAnalyzer
{
    public const string Id = "SB3001";

    internal static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        title: "Supabase service-role key in source",
        messageFormat: "Supabase service-role key ({0}) bypasses Row Level Security; {1}",
        RuleInfo.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A JWT with the service_role claim gives full access to the database, ignoring every Row Level Security policy. In a client project (Blazor WebAssembly, MAUI, desktop) it ships to every user; in a server project it ends up in the repository and its history.",
        helpLinkUri: RuleInfo.HelpLink(Id));

    private protected override DiagnosticDescriptor Rule => Descriptor;

    private protected override IReadOnlyList<Marker> Markers => SupabaseJwt.Markers;

    private protected override bool MayContain(string value) => SupabaseJwt.MayContain(value);

    private protected override void Find(string value, List<SecretFinding> findings) =>
        SupabaseJwt.Find(value, SupabaseJwt.ServiceRole, SecretKind.ServiceRoleJwt, findings);

    private protected override object[] MessageArguments(SecretFinding finding, ProjectKind kind) =>
        [finding.Display, Advice.ForSourceSecret(kind, "SUPABASE_SERVICE_ROLE_KEY")];

    private protected override (string EnvironmentVariable, string ConfigurationKey)? FixTarget(SecretFinding finding, string value) =>
        ("SUPABASE_SERVICE_ROLE_KEY", "Supabase:ServiceRoleKey");
}
