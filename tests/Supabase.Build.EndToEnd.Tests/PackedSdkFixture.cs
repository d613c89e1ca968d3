using System.Reflection;
using System.Xml.Linq;
using Supabase.Build.Testing;

namespace Supabase.Build.EndToEnd.Tests;

/// <summary>
/// Packs Supabase.Build.Sdk once per test run, with a version no NuGet cache has seen, into a feed in a temporary
/// folder outside the repository (so no Directory.Build.props of ours leaks into the consumers). Consumers live
/// beside the feed and share its NuGet.config (that feed, then the repository's nuget.org source) and a package
/// folder of their own (NUGET_PACKAGES), so the user's cache is neither used nor touched.
/// </summary>
public sealed class PackedSdkFixture : IDisposable
{
    public PackedSdkFixture()
    {
        WorkDirectory = Path.Combine(Path.GetTempPath(), "supabase-build-e2e-" + Guid.NewGuid().ToString("N")[..10]);
        FeedDirectory = Path.Combine(WorkDirectory, "feed");
        Directory.CreateDirectory(FeedDirectory);
        Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(WorkDirectory, "packages") };
        Version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{System.Environment.ProcessId}";

        try
        {
            WriteConsumerSettings();
            Pack();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The unique version of the packed SDK.</summary>
    public string Version { get; }

    public string WorkDirectory { get; }

    public string FeedDirectory { get; }

    /// <summary>Variables every build gets on top of a clean environment (NUGET_PACKAGES).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>A new consumer project folder (<c>name/App/App.csproj</c>, migrations in <c>name/supabase/migrations</c>).</summary>
    public ConsumerProject CreateConsumer(string name) => new(this, Path.Combine(WorkDirectory, name), Environment);

    /// <summary>A consumer with a package folder of its own, for a test that alters the installed SDK.</summary>
    public ConsumerProject CreateConsumerWithOwnPackages(string name, IReadOnlyDictionary<string, string>? variables = null)
    {
        var root = Path.Combine(WorkDirectory, name);
        var environment = new Dictionary<string, string>(variables ?? new Dictionary<string, string>())
        {
            ["NUGET_PACKAGES"] = Path.Combine(root, "packages"),
        };
        return new ConsumerProject(this, root, environment);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A build still holding a file: leave the folder to the OS's temp cleanup.
        }
    }

    private void Pack()
    {
        // Built already (this project references it); pack that build without building again.
        var configuration = typeof(PackedSdkFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Configuration").Value!;
        var pack = DotnetProcess.Run(
            RepositoryLayout.Root,
            Environment,
            "pack", RepositoryLayout.PathOf("src", "Supabase.Build.Sdk", "Supabase.Build.Sdk.csproj"),
            "--no-build", "-c", configuration, $"-p:Version={Version}", "-p:SupabasePackAllParsers=true", "-o", FeedDirectory, "-nodeReuse:false");
        if (pack.ExitCode != 0 || !File.Exists(Path.Combine(FeedDirectory, $"Supabase.Build.Sdk.{Version}.nupkg")))
        {
            throw new InvalidOperationException($"Packing Supabase.Build.Sdk failed:\n{pack}");
        }
    }

    private void WriteConsumerSettings()
    {
        // The repository's nuget.org source (the one this machine restores from), after the temporary feed.
        var nugetOrg = XDocument.Load(Path.Combine(RepositoryLayout.Root, "NuGet.config"))
            .Descendants("add")
            .First(e => (string?)e.Attribute("key") == "nuget.org")
            .Attribute("value")!.Value;
        new XDocument(
            new XElement(
                "configuration",
                new XElement(
                    "packageSources",
                    new XElement("clear"),
                    new XElement("add", new XAttribute("key", "e2e"), new XAttribute("value", FeedDirectory)),
                    new XElement("add", new XAttribute("key", "nuget.org"), new XAttribute("value", nugetOrg)))))
            .Save(Path.Combine(WorkDirectory, "NuGet.config"));

        // Nothing from folders above the temporary directory applies to the consumers.
        File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Packages.props"), "<Project />\n");
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndGroup : ICollectionFixture<PackedSdkFixture>
{
    public const string Name = "end-to-end";
}
