using System.Runtime.InteropServices;
using System.Text.Json;
using Supabase.Build.Cli.Tests.Support;

namespace Supabase.Build.Cli.Tests;

/// <summary>A copy of the tool without its bundled parser, on a machine without a system copy: SB0003, exit 1.</summary>
public sealed class ParserMissingTests : IDisposable
{
    private static readonly string[] SystemNames = { "libpg_query.so.1706", "libpg_query.so", "libpg_query.dylib", "pg_query.dll" };

    private readonly string _toolCopy = Path.Combine(Path.GetTempPath(), "sb-cli-noparser-" + Guid.NewGuid().ToString("N"));

    public ParserMissingTests()
    {
        foreach (var file in Directory.EnumerateFiles(CliRun.ToolDirectory))
        {
            File.Copy(file, Path.Combine(_toolCopy, Path.GetFileName(file)).EnsureDirectory());
        }
    }

    [SkippableFact]
    public void Without_the_parser_SB0003_names_every_place_looked_and_the_run_exits_1()
    {
        Skip.If(SystemNames.Any(CanLoad), "a system copy of libpg_query is installed, so the parser cannot be missing here");
        using var project = new TempProject();
        project.Add("20240101000000_a.sql", LintCommandTests.IndexExisting);
        var missing = Path.Combine(project.Root, "nowhere", "libpg_query.so");

        var text = CliRun.RunDll(Path.Combine(_toolCopy, "supabase-build.dll"), project.Root, null, "lint", "--parser-library", missing);
        var json = CliRun.RunDll(Path.Combine(_toolCopy, "supabase-build.dll"), project.Root, null, "lint", "--parser-library", missing, "--format", "json");

        Assert.Equal(1, text.ExitCode);
        var line = LintCommandTests.Lines(text.StandardOutput).Single();
        Assert.StartsWith("libpg_query(1,1): error SB0003: the PostgreSQL parser libpg_query was not found", line, StringComparison.Ordinal);
        Assert.Contains($"{missing} (not found)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text.StandardError, StringComparison.Ordinal);
        Assert.Equal("0 files, 0 statements: 1 error, 0 warnings", text.StandardError.TrimEnd());

        Assert.Equal(1, json.ExitCode);
        using var report = JsonDocument.Parse(json.StandardOutput);
        var item = Assert.Single(report.RootElement.EnumerateArray());
        Assert.Equal(("SB0003", "parser-not-found", "error"), (item.GetProperty("id").GetString(), item.GetProperty("name").GetString(), item.GetProperty("severity").GetString()));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_toolCopy, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static bool CanLoad(string name)
    {
        if (!NativeLibrary.TryLoad(name, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }
}

internal static class PathExtensions
{
    public static string EnsureDirectory(this string filePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(filePath)!);
        return filePath;
    }
}
