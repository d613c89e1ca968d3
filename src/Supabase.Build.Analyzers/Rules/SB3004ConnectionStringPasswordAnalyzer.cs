using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Supabase.Build.Analyzers.Detection;
using Supabase.Build.Analyzers.Infrastructure;

namespace Supabase.Build.Analyzers.Rules;

/// <summary>
/// SB3004 connection-string-password: a PostgreSQL connection string with an inline password, as a URI
/// (<c>postgresql://user:password@host/db</c>) or keywords (<c>Host=...;Password=...</c>), Supabase's pooler hosts
/// included. Databases on the developer's machine and placeholder passwords are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SB3004ConnectionStringPasswordAnalyzer : StringSecretAnalyzer
{
    public const string Id = "SB3004";

    internal static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        title: "Database password in a connection string",
        messageFormat: "Connection string to '{0}' has an inline password; {1}",
        RuleInfo.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A database password in source reaches everyone who can read the repository or, in a client project, the app. The postgres user of a Supabase database bypasses Row Level Security.",
        helpLinkUri: RuleInfo.HelpLink(Id));

    private protected override DiagnosticDescriptor Rule => Descriptor;

    private protected override IReadOnlyList<Marker> Markers => ConnectionStrings.Markers;

    private protected override bool MayContain(string value) => ConnectionStrings.MayContain(value);

    private protected override void Find(string value, List<SecretFinding> findings) => ConnectionStrings.Find(value, findings);

    private protected override object[] MessageArguments(SecretFinding finding, ProjectKind kind) =>
        [finding.Display, kind == ProjectKind.Client
            ? "this is a client project, so everyone who gets the app can read it: reach the data through the Supabase API with the user's session, or through your own server"
            : Advice.ForSourceSecret(kind, "SUPABASE_DB_URL")];

    /// <summary>A URI goes to SUPABASE_DB_URL (the Supabase CLI's name); Npgsql keywords to ASP.NET Core's connection string setting.</summary>
    private protected override (string EnvironmentVariable, string ConfigurationKey)? FixTarget(SecretFinding finding, string value) =>
        value.IndexOf("://", finding.Start, finding.Length, System.StringComparison.Ordinal) >= 0
            ? ("SUPABASE_DB_URL", "ConnectionStrings:Supabase")
            : ("ConnectionStrings__Supabase", "ConnectionStrings:Supabase");
}
