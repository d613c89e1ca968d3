using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;

namespace Supabase.Build.Migrations.Tests.Corpus;

/// <summary>
/// Every real-world migration history and every PostgreSQL regression script lints without an unhandled exception,
/// and every diagnostic points inside its file. The corpus lives in ../shared/corpus beside the repository (or
/// SUPABASE_CORPUS); it is read in place, never copied.
/// </summary>
public class CorpusRobustnessTests
{
    [SkippableTheory]
    [InlineData("supabase-migrations")]
    [InlineData("pg-regress")]
    public void Every_file_lints_without_an_exception(string corpus)
    {
        var root = CorpusLocator.Find(corpus);
        Skip.If(root is null, $"corpus '{corpus}' not found (expected ../shared/corpus/{corpus} beside the repository, or SUPABASE_CORPUS)");

        var files = Directory.EnumerateFiles(root!, "*.sql", SearchOption.AllDirectories).ToList();
        var linter = new MigrationLinter(MigrationWorkspace.Parser);

        // Each file on its own, as a single migration: the files' names are whatever their projects used.
        var result = linter.Lint(new MigrationSet(root, files.Select(f => new MigrationFile(f, "0", Path.GetFileNameWithoutExtension(f))).ToList(), Array.Empty<Diagnostics.MigrationDiagnostic>()));

        Assert.True(files.Count > 20, $"expected a real corpus, found {files.Count} files");
        Assert.Equal(files.Count, result.FileCount);
        Assert.True(result.StatementCount > files.Count, "statements were parsed");
        foreach (var diagnostic in result.Diagnostics)
        {
            Assert.True(diagnostic.Span.Start.Line >= 1 && diagnostic.Span.Start.Column >= 1, $"{diagnostic.FilePath}: {diagnostic.Id} at {diagnostic.Span}");
            Assert.DoesNotContain("Exception", diagnostic.Message, StringComparison.Ordinal);
        }
    }
}
