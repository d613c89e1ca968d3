using BenchmarkDotNet.Attributes;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Benchmarks;

/// <summary>
/// The engine's stages over every file of a corpus, single-threaded so the figures compare stage to stage:
/// the parser alone (libpg_query, its JSON read into the node tree), the scanner alone, and the whole lint (parse, scan, rules).
/// </summary>
[MemoryDiagnoser]
public class LintBenchmarks
{
    private PgParser _parser = null!;
    private byte[][] _files = Array.Empty<byte[]>();
    private MigrationSet _set = null!;
    private List<MigrationSet> _histories = new();

    [Params("supabase-migrations", "pg-regress")]
    public string Workload { get; set; } = "supabase-migrations";

    [GlobalSetup]
    public void Setup()
    {
        _parser = PgParser.Load();
        var paths = Corpus.Files(Workload);
        _files = paths.Select(File.ReadAllBytes).ToArray();
        _set = new MigrationSet(null, paths.Select(p => new MigrationFile(p, "0", Path.GetFileNameWithoutExtension(p))).ToList(), Array.Empty<MigrationDiagnostic>());
        // One history per folder, every file in it as the CLI takes files it is given (regression scripts have no
        // version in their names, which discovery would report instead of linting).
        _histories = paths.GroupBy(p => Path.GetDirectoryName(p)!, StringComparer.Ordinal)
            .Select(g => new MigrationSet(g.Key, g.Select(p => new MigrationFile(p, "0", Path.GetFileNameWithoutExtension(p))).ToList(), Array.Empty<MigrationDiagnostic>()))
            .ToList();
        var statements = new MigrationLinter(_parser, Array.Empty<IMigrationRule>()).Lint(_set).StatementCount;
        Console.WriteLine($"// {Workload}: {paths.Count} files, {statements} statements");
    }

    [Benchmark]
    public int Parse()
    {
        var statements = 0;
        foreach (var file in _files)
        {
            statements += _parser.Parse(file).Statements.Count;
        }

        return statements;
    }

    [Benchmark]
    public int Scan()
    {
        var tokens = 0;
        foreach (var file in _files)
        {
            tokens += _parser.Scan(file).Tokens.Count;
        }

        return tokens;
    }

    [Benchmark]
    public int LintWithoutRules() =>
        new MigrationLinter(_parser, Array.Empty<IMigrationRule>()).Lint(_set, new LintOptions { MaxDegreeOfParallelism = 1 }).Diagnostics.Count;

    [Benchmark(Baseline = true)]
    public int Lint() =>
        new MigrationLinter(_parser).Lint(_set, new LintOptions { MaxDegreeOfParallelism = 1 }).Diagnostics.Count;

    /// <summary>
    /// Every rule, files in parallel (one per core), one history per folder as the CLI lints them, the schema replay
    /// included where a rule asks for it: statements per second = the corpus's statement count / this time.
    /// </summary>
    [Benchmark]
    public int LintParallelByHistory()
    {
        var linter = new MigrationLinter(_parser);
        return _histories.Sum(set => linter.Lint(set).Diagnostics.Count);
    }
}
