using System.Text;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Linting;

/// <summary>
/// Applies the fixes of diagnostics to the files they are in (<c>supabase-build lint --fix</c>). Within a file,
/// edits are applied from the end backwards; an edit that overlaps one already taken is skipped (the next run
/// offers it again). An edit to another file is appended to that file, which is created when missing. Files the
/// caller rules out (already applied somewhere: in the baseline) are left alone, and so is every edit of their fixes.
/// Line endings are kept: a file with CRLF gets CRLF in the inserted text.
/// </summary>
public static class FixApplier
{
    /// <summary>What a run changed: files edited or created, and fixes applied or skipped.</summary>
    public sealed record Outcome(IReadOnlyList<string> ChangedFiles, int Applied, int Skipped);

    public static Outcome Apply(IEnumerable<MigrationDiagnostic> diagnostics, Func<string, bool> mayEdit)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(mayEdit);

        var withFixes = diagnostics.Where(d => d.Fix is not null && Path.IsPathRooted(d.FilePath) && File.Exists(d.FilePath)).ToList();
        var applied = 0;
        var skipped = 0;
        var changed = new List<string>();
        var appends = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        foreach (var file in withFixes.GroupBy(d => d.FilePath, StringComparer.Ordinal))
        {
            if (!mayEdit(file.Key))
            {
                skipped += file.Count();
                continue;
            }

            var text = File.ReadAllText(file.Key);
            var bom = text.Length > 0 && text[0] == '\uFEFF';
            var crlf = text.Contains("\r\n", StringComparison.Ordinal);
            var lineStarts = LineStarts(text);
            var taken = new List<(int Start, int End)>();
            var edits = new List<(int Start, int End, string Text, int Order)>();
            foreach (var diagnostic in file)
            {
                var own = diagnostic.Fix!.Edits.Where(e => e.FilePath is null)
                    .Select(e => (Start: Offset(lineStarts, text, e.Span.Start, bom), End: Offset(lineStarts, text, e.Span.End, bom), e.NewText)).ToList();
                if (own.Any(e => e.Start < 0 || e.End < e.Start || taken.Any(t => Overlaps(t, (e.Start, e.End)))))
                {
                    skipped++;
                    continue;
                }

                foreach (var edit in own)
                {
                    taken.Add((edit.Start, edit.End));
                    edits.Add((edit.Start, edit.End, crlf ? edit.NewText.Replace("\n", "\r\n", StringComparison.Ordinal) : edit.NewText, edits.Count));
                }

                foreach (var other in diagnostic.Fix.Edits.Where(e => e.FilePath is not null))
                {
                    if (!appends.TryGetValue(other.FilePath!, out var builder))
                    {
                        appends[other.FilePath!] = builder = new StringBuilder();
                    }

                    builder.Append(other.NewText);
                }

                applied++;
            }

            if (edits.Count == 0)
            {
                continue;
            }

            var result = new StringBuilder(text);
            foreach (var edit in edits.OrderByDescending(e => e.Start).ThenByDescending(e => e.End).ThenByDescending(e => e.Order))
            {
                result.Remove(edit.Start, edit.End - edit.Start).Insert(edit.Start, edit.Text);
            }

            File.WriteAllText(file.Key, result.ToString(), new UTF8Encoding(false));
            changed.Add(file.Key);
        }

        foreach (var (path, content) in appends)
        {
            var existing = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
            var separator = existing.Length > 0 && !existing.EndsWith('\n') ? "\n" : string.Empty;
            File.WriteAllText(path, existing + separator + content, new UTF8Encoding(false));
            changed.Add(path);
        }

        return new Outcome(changed, applied, skipped);
    }

    /// <summary>Two edits conflict when their ranges overlap, or one inserts inside (or at the start of) the other's replaced range.</summary>
    private static bool Overlaps((int Start, int End) a, (int Start, int End) b)
    {
        if (a.Start == a.End && b.Start == b.End)
        {
            return false; // two insertions at one point: both go in, in the order of their diagnostics
        }

        return a.Start < b.End && b.Start < a.End || (a.Start == a.End && a.Start == b.Start) || (b.Start == b.End && b.Start == a.Start);
    }

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    /// <summary>The char offset of a 1-based line and UTF-16 column (the BOM, which the positions do not count, skipped); -1 when outside the text.</summary>
    private static int Offset(List<int> lineStarts, string text, SourcePosition position, bool bom)
    {
        if (position.Line < 1 || position.Line > lineStarts.Count)
        {
            return -1;
        }

        var offset = lineStarts[position.Line - 1] + position.Column - 1 + (position.Line == 1 && bom ? 1 : 0);
        return offset <= text.Length ? offset : -1;
    }
}
