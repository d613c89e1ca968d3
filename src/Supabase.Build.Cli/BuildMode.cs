using System.CommandLine;
using Supabase.Build.Migrations.BuildSteps;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Cli;

/// <summary>
/// The hidden <c>--msbuild-project FILE</c> option, on every command: the SDK's targets pass it when a build runs the
/// engine out of process (.NET Framework MSBuild older than 18, or SupabaseRunOutOfProcess=true). The command then runs
/// the same build step the MSBuild task runs (<see cref="LintStep"/>, <see cref="ModelsStep"/>, <see cref="PushSteps"/>),
/// with the task's inputs mapped from its options, and reports through <see cref="BuildModeLog"/>, which the SDK's
/// SupabaseCli task relays into the build log. Exit code: 0 when the step succeeded, 1 when it failed (its errors were
/// printed), 2 for a usage error.
/// </summary>
internal sealed class BuildMode
{
    /// <summary>Variable through which the targets hand over SupabaseDbUrl, so the URL never lands on a logged command line.</summary>
    public const string DatabaseUrlVariable = "SUPABASE_BUILD_DB_URL";

    public Option<string?> ProjectOption { get; } = new("--msbuild-project")
    {
        Description = "Run as the Supabase.Build MSBuild SDK's task would, for this project (used by the SDK's targets).",
        Hidden = true,
        Recursive = true,
    };

    /// <summary>The project the build runs for, or null outside a build.</summary>
    public string? Project(ParseResult parseResult) => parseResult.GetValue(ProjectOption);

    /// <summary>SupabaseDbUrl as the targets passed it (empty: SUPABASE_DB_URL, else the local default, as in the task).</summary>
    public static string? DatabaseUrl(string? option) =>
        !string.IsNullOrEmpty(option) ? option : Environment.GetEnvironmentVariable(DatabaseUrlVariable);

    /// <summary>The folder the build found (a full path), or null: the build already searched, so the CLI does not.</summary>
    public static string? Directory(string? argument, string workingDirectory) =>
        string.IsNullOrWhiteSpace(argument) ? null : Path.GetFullPath(argument, workingDirectory);

    public static int ExitCode(bool succeeded) => succeeded ? ExitCodes.Success : ExitCodes.ErrorsFound;

    /// <summary>The options of a build's warning settings (WarningsAsErrors, WarningsNotAsErrors, TreatWarningsAsErrors), hidden.</summary>
    public static Option<string?> WarningsAsErrors() => new("--warnings-as-errors") { Hidden = true };

    public static Option<string?> WarningsNotAsErrors() => new("--warnings-not-as-errors") { Hidden = true };

    public static Option<bool> TreatWarningsAsErrors() => new("--treat-warnings-as-errors") { Hidden = true };
}

/// <summary>
/// A build step's log as lines for the SDK's SupabaseCli task: every diagnostic as one canonical line
/// (<see cref="BuildDiagnostic.ToCanonicalLine"/>) and every high-importance message on standard output, in the order
/// they happen; normal and low-importance messages on standard error (logged at normal importance).
/// </summary>
internal sealed class BuildModeLog(TextWriter output, TextWriter error) : IBuildLog
{
    private readonly object _gate = new();

    public bool HasLoggedErrors { get; private set; }

    public void Diagnostic(BuildDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        lock (_gate)
        {
            HasLoggedErrors |= diagnostic.Severity == DiagnosticSeverity.Error;
            output.WriteLine(diagnostic.ToCanonicalLine());
            output.Flush();
        }
    }

    public void Message(BuildMessageImportance importance, string text)
    {
        lock (_gate)
        {
            var target = importance == BuildMessageImportance.High ? output : error;
            target.WriteLine(text.ReplaceLineEndings(" "));
            target.Flush();
        }
    }
}
