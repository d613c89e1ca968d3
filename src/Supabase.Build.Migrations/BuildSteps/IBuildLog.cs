namespace Supabase.Build.Migrations.BuildSteps;

/// <summary>How important a build-log message is: MSBuild's three levels (high shows at minimal verbosity, low only at detailed).</summary>
public enum BuildMessageImportance
{
    High,
    Normal,
    Low,
}

/// <summary>
/// Where a build step (<see cref="LintStep"/>, <see cref="ModelsStep"/>, <see cref="PushSteps"/>) reports: the MSBuild
/// task's log when the step runs in MSBuild or its .NET task host, standard output and error when it runs in the
/// <c>supabase-build</c> CLI for a build out of process (the SDK's targets relay those lines back into the log). The
/// steps only ever talk to this, so both ways report the same diagnostics and messages.
/// </summary>
public interface IBuildLog
{
    /// <summary>A diagnostic, placed as <see cref="BuildDiagnostic.Place"/> places it.</summary>
    void Diagnostic(BuildDiagnostic diagnostic);

    void Message(BuildMessageImportance importance, string text);

    /// <summary>Whether an error was reported through this log.</summary>
    bool HasLoggedErrors { get; }
}
