using System.Text;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;

namespace Supabase.Build.Migrations.Tests.Corpus;

/// <summary>
/// No input crashes the lint: corpus files mutated with a fixed seed (truncated at random points, bytes flipped,
/// dollar quotes left open, 5 MB files) are linted with every rule, and the run ends with diagnostics only. Every
/// SB0001 points at a real position of its file (a line that exists, a column within it).
/// </summary>
public class MutationRobustnessTests
{
    private const int Seed = 20241125;
    private const int FilesPerCorpus = 60;

    [SkippableFact]
    public void Mutated_corpus_files_give_diagnostics_never_exceptions()
    {
        var sources = new[] { "supabase-migrations", "pg-regress" }
            .Select(CorpusLocator.Find)
            .Where(root => root is not null)
            .SelectMany(root => Directory.EnumerateFiles(root!, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() is var all
                ? PickSome(all, FilesPerCorpus, new Random(Seed))
                : Enumerable.Empty<string>())
            .ToList();
        Skip.If(sources.Count == 0, "corpus not found (expected ../shared/corpus beside the repository, or SUPABASE_CORPUS)");

        var random = new Random(Seed);
        using var workspace = new MigrationWorkspace();
        var written = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var version = 20240101000000L;
        void Write(string kind, byte[] bytes)
        {
            var path = workspace.AddBytes($"{version++}_{kind}.sql", bytes);
            written[path] = bytes;
        }

        foreach (var source in sources)
        {
            var bytes = File.ReadAllBytes(source);
            Write("truncated", bytes.AsSpan(0, random.Next(bytes.Length + 1)).ToArray());
            Write("flipped", Flip(bytes, random, asciiOnly: false));
            Write("flipped_ascii", Flip(bytes, random, asciiOnly: true));
            Write("open_dollar_quote", Insert(bytes, random, random.Next(2) == 0 ? "$$" : "$body$"));
            Write("open_quote", Insert(bytes, random, random.Next(2) == 0 ? "'" : "\""));
            Write("open_comment", Insert(bytes, random, "/*"));
        }

        // Two 5 MB files: the corpus end to end, and the same behind a dollar quote that never closes.
        var big = FiveMegabytes(sources);
        Write("five_megabytes", big);
        Write("five_megabytes_open_dollar", Encoding.UTF8.GetBytes("select $x$ ").Concat(big).ToArray());

        var result = new MigrationLinter(MigrationWorkspace.Parser).Lint(MigrationDiscovery.Discover(workspace.Directory));

        Assert.Equal(written.Count, result.FileCount);
        foreach (var diagnostic in result.Diagnostics)
        {
            Assert.DoesNotContain("Exception", diagnostic.Message, StringComparison.Ordinal);
            if (diagnostic.Id == "SB0001")
            {
                AssertRealPosition(written[diagnostic.FilePath], diagnostic);
            }
        }

        Assert.Contains(result.Diagnostics, d => d.Id == "SB0001");
        Assert.Contains(result.Diagnostics, d => d.Id.StartsWith("SB1", StringComparison.Ordinal));
    }

    private static IEnumerable<string> PickSome(List<string> files, int count, Random random) =>
        Enumerable.Range(0, Math.Min(count, files.Count)).Select(_ => files[random.Next(files.Count)]).Distinct();

    private static byte[] Flip(byte[] bytes, Random random, bool asciiOnly)
    {
        var copy = bytes.ToArray();
        for (var i = 0; i < 1 + random.Next(8) && copy.Length > 0; i++)
        {
            var at = random.Next(copy.Length);
            copy[at] = asciiOnly ? (byte)random.Next(1, 128) : (byte)random.Next(256);
        }

        return copy;
    }

    private static byte[] Insert(byte[] bytes, Random random, string text)
    {
        // Between two characters (never inside a UTF-8 sequence), so only the SQL is broken, not the encoding.
        var at = random.Next(bytes.Length + 1);
        while (at < bytes.Length && (bytes[at] & 0xC0) == 0x80)
        {
            at++;
        }

        return bytes.Take(at).Concat(Encoding.UTF8.GetBytes(text)).Concat(bytes.Skip(at)).ToArray();
    }

    private static byte[] FiveMegabytes(List<string> sources)
    {
        using var buffer = new MemoryStream();
        for (var i = 0; buffer.Length < 5 * 1024 * 1024; i++)
        {
            var bytes = File.ReadAllBytes(sources[i % sources.Count]);
            buffer.Write(bytes);
            buffer.WriteByte((byte)'\n');
            buffer.Write(";\n"u8);
        }

        return buffer.ToArray();
    }

    /// <summary>The diagnostic's line exists in the file and its column is within that line (or just past its end).</summary>
    private static void AssertRealPosition(byte[] bytes, MigrationDiagnostic diagnostic)
    {
        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var lines = Encoding.UTF8.GetString(bytes, offset, bytes.Length - offset).Split('\n');
        var (line, column) = (diagnostic.Span.Start.Line, diagnostic.Span.Start.Column);
        Assert.True(line >= 1 && line <= lines.Length, $"{Path.GetFileName(diagnostic.FilePath)}: line {line} of {lines.Length}");
        Assert.True(column >= 1 && column <= lines[line - 1].Length + 1, $"{Path.GetFileName(diagnostic.FilePath)}: column {column} of a {lines[line - 1].Length}-character line {line}");
    }
}
