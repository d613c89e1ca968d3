namespace Supabase.Build.Cli;

/// <summary>What <c>supabase-build</c> exits with, so CI steps can tell findings from mistakes in the command line.</summary>
public static class ExitCodes
{
    /// <summary>No findings, or only warnings and info.</summary>
    public const int Success = 0;

    /// <summary>At least one error-severity finding (including SB0003, the parser could not be loaded).</summary>
    public const int ErrorsFound = 1;

    /// <summary>A bad option or argument, a path that does not exist, no migrations folder found, an unwritable output.</summary>
    public const int UsageError = 2;
}
