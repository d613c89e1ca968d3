namespace Supabase.Build.Cli;

/// <summary>The <c>--format</c> values of <c>supabase-build lint</c>.</summary>
internal static class ReportFormat
{
    /// <summary><c>path(line,col): error SB1003: message</c>, one line per finding.</summary>
    public const string Text = "text";

    /// <summary>A JSON array of {file, line, column, endLine, endColumn, id, name, severity, message, helpLink}.</summary>
    public const string Json = "json";

    /// <summary>SARIF 2.1.0, for GitHub code scanning and SARIF viewers.</summary>
    public const string Sarif = "sarif";

    /// <summary>GitHub Actions workflow commands (<c>::error file=...</c>), which become annotations.</summary>
    public const string GitHub = "github";

    /// <summary>GitLab code quality JSON (artifacts:reports:codequality), shown in merge requests.</summary>
    public const string GitLab = "gitlab";

    public static readonly string[] All = { Text, Json, Sarif, GitHub, GitLab };
}
