using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Supabase.Build.Analyzers.Tests.Support;

/// <summary>Microsoft.CodeAnalysis.Testing runs of one analyzer, in a project of a given kind, on .NET 8 reference assemblies.</summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>An expected diagnostic of the analyzer's rule (its additional location, the expression a fix replaces, not compared).</summary>
    /// <remarks>Messages are checked where a test is about them, with <see cref="AnalyzerRunner"/>.</remarks>
    public static DiagnosticResult Diagnostic(DiagnosticSeverity severity) =>
        new DiagnosticResult(new TAnalyzer().SupportedDiagnostics[0].Id, severity).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    public static DiagnosticResult Diagnostic() => Diagnostic(new TAnalyzer().SupportedDiagnostics[0].DefaultSeverity);

    /// <summary>Analyses <paramref name="source"/> (markup: <c>{|#0:...|}</c>) and expects exactly <paramref name="expected"/>.</summary>
    public static Task AnalyzerAsync(string source, TestProject project, params DiagnosticResult[] expected) =>
        AnalyzerAsync(source, project, [], expected);

    public static async Task AnalyzerAsync(string source, TestProject project, (string Path, string Text, string? Kind)[] additionalFiles, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        Configure(test.TestState, project, additionalFiles);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    internal static void Configure(SolutionState state, TestProject project, (string Path, string Text, string? Kind)[] additionalFiles)
    {
        var sections = string.Concat(additionalFiles
            .Where(f => f.Kind is not null)
            .Select(f => $"\n[{f.Path}]\nbuild_metadata.AdditionalFiles.SupabaseSecretsFile = {f.Kind}\n"));
        state.AnalyzerConfigFiles.Add(("/.globalconfig", project.GlobalConfig(sections)));
        foreach (var (path, text, _) in additionalFiles)
        {
            state.AdditionalFiles.Add((path, text));
        }
    }
}

/// <summary>Microsoft.CodeAnalysis.Testing runs of an analyzer with the code fix.</summary>
public static class VerifyFix<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Applies the fix with <paramref name="equivalenceKey"/>; expects the diagnostics to be gone afterwards.</summary>
    public static async Task CodeFixAsync(string source, string fixedSource, TestProject project, string equivalenceKey, params DiagnosticResult[] expected)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        Verify<TAnalyzer>.Configure(test.TestState, project, []);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>Expects the diagnostics and no code fix for them.</summary>
    public static async Task NoCodeFixAsync(string source, TestProject project, params DiagnosticResult[] expected)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = source,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        Verify<TAnalyzer>.Configure(test.TestState, project, []);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
