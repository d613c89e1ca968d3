using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Supabase.Build.Analyzers.Tests.Support;

/// <summary>
/// Runs every SB3xxx analyzer over a compilation directly (no test framework): for checks on whole messages, and for
/// the self-check over this repository's sources. Analyzer exceptions (what the compiler reports as AD0001) are collected.
/// </summary>
public static class AnalyzerRunner
{
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } = typeof(global::Supabase.Build.Analyzers.Rules.SB3001ServiceRoleKeyAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>The running .NET's own assemblies: enough for the BCL-level semantics the analyzers use.</summary>
    public static ImmutableArray<MetadataReference> PlatformReferences { get; } = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToImmutableArray();

    public static async Task<RunResult> RunAsync(
        IEnumerable<(string Path, string Text)> sources,
        TestProject project,
        IEnumerable<(string Path, string Text, string? Kind)>? additionalFiles = null,
        CancellationToken cancellationToken = default)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Text), parseOptions, s.Path, cancellationToken)).ToList();
        var compilation = CSharpCompilation.Create(
            "Analyzed",
            trees,
            PlatformReferences,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var files = (additionalFiles ?? []).ToList();
        var globalOptions = project.Properties
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => "build_property." + p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var fileOptions = files.Where(f => f.Kind is not null)
            .ToDictionary(f => f.Path, f => new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["build_metadata.AdditionalFiles.SupabaseSecretsFile"] = f.Kind! });
        var options = new AnalyzerOptions(
            files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray(),
            new OptionsProvider(globalOptions, fileOptions));

        var exceptions = new ConcurrentBag<string>();
        var withAnalyzers = compilation.WithAnalyzers(
            AllAnalyzers,
            new CompilationWithAnalyzersOptions(
                options,
                onAnalyzerException: (exception, analyzer, _) => exceptions.Add($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        return new RunResult(diagnostics, [.. exceptions]);
    }

    public static Task<RunResult> RunAsync(string source, TestProject project, params (string Path, string Text, string? Kind)[] additionalFiles) =>
        RunAsync([("/0/Test0.cs", source)], project, additionalFiles);

    public sealed record RunResult(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> AnalyzerExceptions)
    {
        public IEnumerable<Diagnostic> Secrets => Diagnostics.Where(d => d.Id.StartsWith("SB3", StringComparison.Ordinal));

        /// <summary>AD0001 (an analyzer threw) and the exceptions behind it.</summary>
        public IEnumerable<string> Crashes => Diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()).Concat(AnalyzerExceptions);
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider(Dictionary<string, string> global, Dictionary<string, Dictionary<string, string>> files) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Options(files.TryGetValue(textFile.Path, out var options) ? options : []);
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
