namespace Supabase.Build.EndToEnd.Tests;

/// <summary>A user's project that takes the packed SDK: <c>App/App.csproj</c> beside <c>supabase/migrations/</c>.</summary>
public sealed class ConsumerProject
{
    private readonly PackedSdkFixture _fixture;
    private readonly IReadOnlyDictionary<string, string> _environment;

    public ConsumerProject(PackedSdkFixture fixture, string root, IReadOnlyDictionary<string, string> environment)
    {
        _fixture = fixture;
        _environment = environment;
        Root = root;
        ProjectDirectory = Path.Combine(root, "App");
        MigrationsDirectory = Path.Combine(root, "supabase", "migrations");
        Directory.CreateDirectory(ProjectDirectory);
    }

    public string Root { get; }

    public string ProjectDirectory { get; }

    public string ProjectPath => Path.Combine(ProjectDirectory, "App.csproj");

    public string MigrationsDirectory { get; }

    /// <summary>Where the SDK caches lint results (Debug, net10.0).</summary>
    /// <summary>This consumer's NuGet package folder.</summary>
    public string PackagesDirectory => _environment["NUGET_PACKAGES"];

    public string ResultsFile => Path.Combine(ProjectDirectory, "obj", "Debug", "net10.0", "supabase-lint.json");

    /// <summary>The primary form: <c>&lt;Sdk Name="Supabase.Build.Sdk" Version="..." /&gt;</c> in a Microsoft.NET.Sdk project.</summary>
    public ConsumerProject WithSdkElement(string properties = "") => WriteProject(
        $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <Sdk Name="Supabase.Build.Sdk" Version="{_fixture.Version}" />
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
        {properties}
          </PropertyGroup>
        </Project>
        """);

    /// <summary>The PackageReference form.</summary>
    public ConsumerProject WithPackageReference() => WriteProject(
        $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Supabase.Build.Sdk" Version="{_fixture.Version}" PrivateAssets="all" />
          </ItemGroup>
        </Project>
        """);

    public string AddMigration(string fileName, string sql)
    {
        Directory.CreateDirectory(MigrationsDirectory);
        var path = Path.Combine(MigrationsDirectory, fileName);
        File.WriteAllText(path, sql);
        return path;
    }

    /// <summary><c>dotnet build -nodeReuse:false</c> with the console logger, plus <paramref name="arguments"/>.</summary>
    public CommandResult Build(params string[] arguments) =>
        DotnetProcess.Run(ProjectDirectory, _environment, ["build", ProjectPath, "-nodeReuse:false", "-tl:off", .. arguments]);

    /// <summary><c>dotnet msbuild -restore</c> of the project, e.g. to run particular targets as an IDE does.</summary>
    public CommandResult MSBuild(params string[] arguments) =>
        DotnetProcess.Run(ProjectDirectory, _environment, ["msbuild", ProjectPath, "-restore", "-nodeReuse:false", "-tl:off", .. arguments]);

    private ConsumerProject WriteProject(string text)
    {
        File.WriteAllText(ProjectPath, text);
        return this;
    }
}
