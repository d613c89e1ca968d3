using System.Diagnostics;
using System.Text;

namespace Supabase.Build.Cli.Tests.Support;

/// <summary>What one run of the real <c>supabase-build</c> process did.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs the real tool as a user does: <c>dotnet supabase-build.dll ...</c> (the copy the project reference puts
/// beside the tests, with its bundled parser under runtimes/), in a chosen working directory.
/// </summary>
public static class CliRun
{
    public static string ToolDirectory { get; } = AppContext.BaseDirectory;

    public static CliResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    public static CliResult Run(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        RunDll(Path.Combine(ToolDirectory, "supabase-build.dll"), workingDirectory, environment, args);

    public static CliResult RunDll(string dll, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The same answers whatever the machine's environment: no configured parser, not inside GitHub Actions.
        start.Environment.Remove("SUPABASE_PGQUERY_LIBRARY");
        start.Environment.Remove("GITHUB_WORKSPACE");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"supabase-build {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The dotnet host running these tests (DOTNET_HOST_PATH under dotnet test), else dotnet on PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }
}
