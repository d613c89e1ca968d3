using System.CommandLine;
using System.Reflection;

namespace Supabase.Build.Cli;

/// <summary>The <c>supabase-build</c> command tree, and how parse errors and exit codes are handled.</summary>
public static class CliApplication
{
    public const string CommandName = "supabase-build";

    private static readonly string[] HelpArguments = { "--help" };

    /// <summary>The tool's version, as <c>--version</c> prints it and SARIF records it.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>Runs one command line. Reports go to <paramref name="output"/>, messages to <paramref name="error"/>.</summary>
    /// <returns><see cref="ExitCodes"/>: 0 clean or only warnings, 1 an error was found, 2 a usage error.</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, string workingDirectory)
    {
        var buildMode = new BuildMode();
        var root = new RootCommand("Lints Supabase SQL migrations with the real PostgreSQL parser (libpg_query).")
        {
            new LintCommand(workingDirectory),
            new PushCommand(workingDirectory, buildMode),
            new StatusCommand(workingDirectory, buildMode),
            new NewCommand(workingDirectory, buildMode),
            new GenCommand(workingDirectory, buildMode),
            new AdviseCommand(workingDirectory, buildMode),
            new MSBuildCommand(workingDirectory, buildMode),
        };
        root.Options.Add(buildMode.ProjectOption);

        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        if (parseResult.Errors.Count > 0)
        {
            // No subcommand at all: the help is the most useful answer, and still a usage error.
            if (args.Count == 0)
            {
                root.Parse(HelpArguments).Invoke(new InvocationConfiguration { Output = error, Error = error });
                return ExitCodes.UsageError;
            }

            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine($"{CommandName}: {parseError.Message}");
            }

            var command = parseResult.CommandResult.Command;
            var helpFor = command == root ? CommandName : $"{CommandName} {command.Name}";
            error.WriteLine($"Run '{helpFor} --help' for usage.");
            return ExitCodes.UsageError;
        }

        return parseResult.Invoke(configuration);
    }

    private static string ReadVersion()
    {
        var informational = typeof(CliApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(CliApplication).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
