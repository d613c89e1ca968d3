using System.CommandLine;

namespace Supabase.Build.Cli;

/// <summary>The options lint and advise share: one definition each, so their help and parsing cannot drift apart.</summary>
internal static class SharedOptions
{
    public static Option<string> Format()
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = "Report format: text (path(line,col): error ID: message), json, sarif (SARIF 2.1.0), github (Actions annotations) or gitlab (code quality JSON).",
            DefaultValueFactory = _ => ReportFormat.Text,
            HelpName = "text|json|sarif|github|gitlab",
        };
        option.AcceptOnlyFromAmong(ReportFormat.All);
        return option;
    }

    public static Option<string?> Output() => new("--output", "-o")
    {
        Description = "Write the report to this file instead of standard output.",
        HelpName = "file",
    };

    public static Option<string[]> NoWarn() => new("--no-warn")
    {
        Description = "Rule ids or names not to run or report, separated by commas or given more than once (e.g. SB1003,SB0002).",
        HelpName = "ids",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> Schemas() => new("--schemas")
    {
        Description = "The schemas the Supabase API exposes, for the SB2xxx rules. Default: [api] schemas of supabase/config.toml beside the migrations, else public.",
        HelpName = "names",
        AllowMultipleArgumentsPerToken = false,
    };
}
