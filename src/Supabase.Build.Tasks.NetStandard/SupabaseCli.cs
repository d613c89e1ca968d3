using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Supabase.Build.Tasks;

/// <summary>
/// Runs the <c>supabase-build</c> CLI that ships in the package (<c>dotnet exec supabase-build.dll COMMAND @response-file</c>)
/// for a build that runs the engine out of process (.NET Framework MSBuild older than 18, or SupabaseRunOutOfProcess),
/// and relays what it prints into the build log as the .NET tasks would have logged it.
/// <para>
/// It is MSBuild's Exec, narrowed: the CLI (given <c>--msbuild-project</c>) prints every diagnostic as one canonical line,
/// <c>file(3,1): error SB1003: message (help link)</c>, which is logged through <see cref="BuildEventLog"/> with its code,
/// place and help link (Exec parses the line but drops the link and treats <c>info</c> as plain text); high-importance
/// messages come on standard output and the others on standard error, logged at high and normal importance. When the
/// CLI reported errors the task fails without the extra "exited with code 1" error Exec adds (MSB3073), so a build
/// lists exactly the findings an in-process build lists; a CLI that fails without saying why still gets that error.
/// </para>
/// </summary>
public sealed class SupabaseCli : ToolTask
{
    // file(3,1): error SB1003: text | file : error SB0003: text | error: text
    private static readonly Regex Positioned = new(
        @"^(?<file>.+)\((?<line>[0-9]+),(?<column>[0-9]+)\): (?<severity>error|warning|info)(?: (?<code>SB[0-9]{4}))?: (?<text>.*)$",
        RegexOptions.CultureInvariant);

    private static readonly Regex Unpositioned = new(
        @"^(?:(?<file>.+?) : )?(?<severity>error|warning|info)(?: (?<code>SB[0-9]{4}))?: (?<text>.*)$",
        RegexOptions.CultureInvariant);

    private static readonly Regex TrailingHelpLink = new(@" \((?<link>https?://[^\s()]+)\)$", RegexOptions.CultureInvariant);

    /// <summary>The dotnet host that runs the CLI (DOTNET_HOST_PATH, else dotnet from the SDK's folder or the PATH).</summary>
    [Required]
    public string Dotnet { get; set; } = string.Empty;

    /// <summary>The project being built: diagnostics about no file are placed on it, and the CLI runs in its folder.</summary>
    [Required]
    public string Project { get; set; } = string.Empty;

    /// <summary>supabase-build.dll; empty: the one in the package, tasks/net8.0/ beside this assembly's tasks/netstandard2.0/.</summary>
    public string? CliAssembly { get; set; }

    /// <summary>The command, e.g. <c>msbuild lint</c> or <c>gen</c> (words separated by spaces).</summary>
    [Required]
    public string Command { get; set; } = string.Empty;

    /// <summary>
    /// One argument each, <c>--option=value</c> (sent in a response file, so neither a shell nor a length limit applies).
    /// An option with an empty value (<c>--since=</c>: the property is empty) is left out, so the CLI's default applies.
    /// </summary>
    public string[] Arguments { get; set; } = [];

    /// <summary><c>NAME=value</c> variables for the CLI that are never logged (the database URL of SupabaseDbUrl).</summary>
    public string[] SecretEnvironment { get; set; } = [];

    /// <summary>Keep what the CLI prints on standard output (other than diagnostics) in <see cref="Output"/> instead of logging it.</summary>
    public bool CaptureOutput { get; set; }

    /// <summary>The standard output lines, with <see cref="CaptureOutput"/>.</summary>
    [Output]
    public string[] Output => _output.ToArray();

    private readonly List<string> _output = [];

    protected override string ToolName => "dotnet";

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.Normal;

    // The CLI writes UTF-8 whatever the console's code page.
    protected override Encoding StandardOutputEncoding => new UTF8Encoding(false);

    protected override Encoding StandardErrorEncoding => new UTF8Encoding(false);

    protected override Encoding ResponseFileEncoding => new UTF8Encoding(false);

    protected override string GenerateFullPathToTool() => Dotnet;

    protected override string GetWorkingDirectory() => Path.GetDirectoryName(Path.GetFullPath(Project));

    protected override string GenerateCommandLineCommands()
    {
        var cli = string.IsNullOrEmpty(CliAssembly)
            ? Path.Combine(Path.GetDirectoryName(typeof(SupabaseCli).Assembly.Location), "..", "net8.0", "supabase-build.dll")
            : CliAssembly;
        var builder = new CommandLineBuilder();
        builder.AppendSwitch("exec");
        builder.AppendFileNameIfNotNull(Path.GetFullPath(cli));
        foreach (var word in Command.Split([' '], StringSplitOptions.RemoveEmptyEntries))
        {
            builder.AppendSwitch(word);
        }

        return builder.ToString();
    }

    /// <summary>One quoted argument per line (the CLI's response files split lines at spaces outside quotes), then the project.</summary>
    protected override string GenerateResponseFileCommands()
    {
        var text = new StringBuilder();
        foreach (var argument in Arguments)
        {
            if (!(argument.StartsWith("--", StringComparison.Ordinal) && argument.EndsWith("=", StringComparison.Ordinal)))
            {
                text.Append('"').Append(argument).Append('"').Append('\n');
            }
        }

        text.Append("\"--msbuild-project=").Append(Path.GetFullPath(Project)).Append("\"\n");
        return text.ToString();
    }

    protected override ProcessStartInfo GetProcessStartInfo(string pathToTool, string commandLineCommands, string responseFileSwitch)
    {
        var start = base.GetProcessStartInfo(pathToTool, commandLineCommands, responseFileSwitch);
        foreach (var variable in SecretEnvironment)
        {
            var equals = variable.IndexOf('=');
            if (equals > 0)
            {
                start.EnvironmentVariables[variable.Substring(0, equals)] = variable.Substring(equals + 1);
            }
        }

        return start;
    }

    /// <summary>The command line (with the response file's arguments, no secrets among them) at low importance: the tasks log nothing of the kind.</summary>
    protected override void LogToolCommand(string message) => Log.LogCommandLine(MessageImportance.Low, message);

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        var match = Positioned.Match(singleLine);
        if (!match.Success)
        {
            match = Unpositioned.Match(singleLine);
        }

        if (!match.Success)
        {
            // Standard output is logged at high importance, standard error at normal (StandardOutputLoggingImportance).
            if (CaptureOutput && messageImportance == MessageImportance.High)
            {
                _output.Add(singleLine);
            }
            else
            {
                base.LogEventsFromTextOutput(singleLine, messageImportance);
            }

            return;
        }

        var text = match.Groups["text"].Value;
        var code = match.Groups["code"].Value;
        var link = code.Length > 0 ? TrailingHelpLink.Match(text) : Match.Empty;
        BuildEventLog.Log(
            Log,
            match.Groups["severity"].Value,
            code,
            link.Success ? link.Groups["link"].Value : null,
            match.Groups["file"].Value,
            Number(match.Groups["line"]),
            Number(match.Groups["column"]),
            text);
    }

    /// <summary>Fails quietly when the CLI reported its errors (they are the build's errors); otherwise ToolTask says the CLI failed.</summary>
    protected override bool HandleTaskExecutionErrors() => !Log.HasLoggedErrors && base.HandleTaskExecutionErrors();

    private static int Number(Group group) =>
        group.Success ? int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
}
