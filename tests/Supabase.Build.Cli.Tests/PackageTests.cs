using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;

namespace Supabase.Build.Cli.Tests;

/// <summary>The packed dotnet tool carries the parser for every runtime, or an installed tool could never lint there.</summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "sb-cli-pack-" + Guid.NewGuid().ToString("N"));

    [SkippableFact]
    public void The_tool_package_holds_the_entry_point_and_the_native_parser_for_every_runtime()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "the parsers are built on Linux (build/build-libpg-query.sh)");
        var project = Path.Combine(RepositoryRoot(), "src", "Supabase.Build.Cli", "Supabase.Build.Cli.csproj");
        var configuration = typeof(PackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

        // --no-build: the test build has just built the tool; packing only lays out what is there.
        var (exitCode, log) = Run("dotnet", "pack", project, "-c", configuration, "--no-build", "-o", _output, "-nodeReuse:false");

        Assert.True(exitCode == 0, log);
        var package = Assert.Single(Directory.GetFiles(_output, "Supabase.Build.Cli.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("tools/net8.0/any/supabase-build.dll", entries);
        Assert.Contains("tools/net8.0/any/DotnetToolSettings.xml", entries);
        Assert.Contains("tools/net8.0/any/System.CommandLine.dll", entries);
        foreach (var rid in PgQuery.PgQueryLibraryLocator.BundledRuntimes)
        {
            var file = PgQuery.PgQueryLibraryLocator.FileName(rid);
            var parser = zip.GetEntry($"tools/net8.0/any/runtimes/{rid}/native/{file}");
            Assert.True(parser is not null, $"no parser for {rid} in the tool package");
            Assert.True(parser!.Length > 1_000_000, $"{rid}/{file} is only {parser.Length} bytes");
        }

        using var settings = new StreamReader(zip.GetEntry("tools/net8.0/any/DotnetToolSettings.xml")!.Open());
        Assert.Contains("Name=\"supabase-build\"", settings.ReadToEnd(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Supabase.Build.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Supabase.Build.sln above {AppContext.BaseDirectory}");
    }

    private static (int ExitCode, string Log) Run(string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
