using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Supabase.Build.Migrations.Tests.CodeGen;

/// <summary>
/// Compiles generated C# with Roslyn as a user's project would: nullable enabled, every warning an error, and the XML
/// doc comments checked as with GenerateDocumentationFile (CS1570-CS1574).
/// </summary>
public static class GeneratedCode
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll");
        return platform.Append(typeof(Npgsql.NpgsqlConnection).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    });

    /// <summary>Compiles the sources; fails the test with every diagnostic when there is any warning or error.</summary>
    public static Assembly Compile(string name, params string[] sources)
    {
        var compilation = CSharpCompilation.Create(
            name,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose), path: $"source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                warningLevel: 9999));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(result.Success && problems.Count == 0, string.Join("\n", problems.Select(p => p.ToString())) + "\n" + Numbered(sources[0]));
        stream.Position = 0;
        return new AssemblyLoadContext(name, isCollectible: true).LoadFromStream(stream);
    }

    private static string Numbered(string source) =>
        string.Join("\n", source.Split('\n').Select((line, i) => $"{i + 1,5}: {line}"));
}
