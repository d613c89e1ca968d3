namespace Supabase.Build.Analyzers.Infrastructure;

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that the code fixes read.</summary>
internal static class DiagnosticProperties
{
    /// <summary><see cref="ProjectKind"/> of the compilation; no fix is offered in client projects.</summary>
    public const string ProjectKind = "ProjectKind";

    /// <summary>The environment variable the fix reads the secret from, e.g. <c>SUPABASE_SERVICE_ROLE_KEY</c>.</summary>
    public const string EnvironmentVariable = "EnvironmentVariable";

    /// <summary>The configuration key the fix reads the secret from, e.g. <c>Supabase:ServiceRoleKey</c>.</summary>
    public const string ConfigurationKey = "ConfigurationKey";

    /// <summary>"true" when the secret is the whole string value, so the whole expression can be replaced.</summary>
    public const string WholeValue = "WholeValue";
}
