using Supabase.Build.Analyzers.Tests.Support;

namespace Supabase.Build.Analyzers.Tests;

/// <summary>
/// Every SB3xxx analyzer over this repository's own C# (src/, tests/, samples/, build/) and the files the SDK would pass
/// as additional files (appsettings*.json, .env*, wwwroot/**): no finding (info included) and no analyzer exception
/// (AD0001). Sources under src/ and samples/ are analysed as a server project, tests/ as a test project, and then
/// everything once more as a client project, the strictest kind. (build/check-secrets.sh does the same with the
/// real compiler over the built solution.)
/// </summary>
public sealed class RepositorySelfCheckTests
{
    private static readonly string[] Roots = ["src", "tests", "samples", "build"];

    public static TheoryData<string> Projects
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var root in Roots.Select(r => Repository.PathOf(r)).Where(Directory.Exists))
            {
                foreach (var project in Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories).Where(p => !IsBuildOutput(p)).Order(StringComparer.Ordinal))
                {
                    data.Add(Path.GetRelativePath(Repository.Root, Path.GetDirectoryName(project)!));
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task No_finding_and_no_analyzer_exception_in_this_repository(string projectDirectory)
    {
        var directory = Repository.PathOf(projectDirectory);
        var sources = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(p => !IsBuildOutput(p))
            .Select(p => (p, File.ReadAllText(p)))
            .ToList();
        var additionalFiles = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(p => !IsBuildOutput(p) && IsAdditionalFile(directory, p))
            .Select(p => (p, File.ReadAllText(p), (string?)null))
            .ToList();
        var kind = projectDirectory.StartsWith("tests", StringComparison.Ordinal) ? TestProject.Tests : TestProject.Server;

        foreach (var project in new[] { kind, TestProject.BlazorWebAssembly })
        {
            var result = await AnalyzerRunner.RunAsync(sources, project, additionalFiles);

            Assert.Empty(result.Crashes);
            Assert.True(!result.Secrets.Any(), $"{project}: " + string.Join('\n', result.Secrets.Select(d => d.ToString())));
        }
    }

    private static bool IsAdditionalFile(string projectDirectory, string path)
    {
        var relative = Path.GetRelativePath(projectDirectory, path).Replace('\\', '/');
        var name = Path.GetFileName(path);
        return relative.StartsWith("wwwroot/", StringComparison.Ordinal)
            || (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            || name.StartsWith(".env", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsBuildOutput(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        return parts.Contains("bin") || parts.Contains("obj") || parts.Contains("node_modules");
    }
}
