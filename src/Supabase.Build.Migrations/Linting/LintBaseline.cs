using System.Text.Json;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Linting;

/// <summary>
/// Findings a project has accepted, so adopting the lint on years of applied migrations does not fail the build:
/// <c>supabase/lint-baseline.json</c>. It lists the migration files that existed when it was written (those are
/// taken as applied: <c>--fix</c> leaves them alone) and each accepted finding by its stable fingerprint (rule, file
/// name, statement text; never a line number), with its id, file and message for the reader. Findings whose
/// fingerprint is listed are not reported; everything in a newer file, or a new finding in an old one, still is.
/// </summary>
public sealed class LintBaseline
{
    /// <summary>The default location: beside the migrations folder, as <c>supabase/lint-baseline.json</c>.</summary>
    public const string DefaultFileName = "lint-baseline.json";

    private readonly HashSet<string> _fingerprints;
    private readonly HashSet<string> _files;

    public LintBaseline(IEnumerable<BaselineEntry> findings, IEnumerable<string> files)
    {
        Findings = findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal).ThenBy(f => f.Fingerprint, StringComparer.Ordinal).ToList();
        Files = files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        _fingerprints = new HashSet<string>(Findings.Select(f => f.Fingerprint), StringComparer.Ordinal);
        _files = new HashSet<string>(Files, StringComparer.Ordinal);
    }

    public IReadOnlyList<BaselineEntry> Findings { get; }

    /// <summary>File names (no folder) of the migrations that existed when the baseline was written.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The baseline path for a migrations folder: <c>&lt;folder&gt;/../lint-baseline.json</c>.</summary>
    public static string DefaultPathFor(string migrationsDirectory) =>
        Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(migrationsDirectory)))!, DefaultFileName);

    /// <summary>The baseline of a lint result: every finding in it (those with a fingerprint), and every file linted.</summary>
    public static LintBaseline From(IEnumerable<MigrationDiagnostic> diagnostics, IEnumerable<string> filePaths) =>
        new(
            diagnostics.Where(d => d.Fingerprint is not null)
                .Select(d => new BaselineEntry(d.Fingerprint!, d.Id, Path.GetFileName(d.FilePath), d.Message)),
            filePaths.Select(Path.GetFileName).OfType<string>());

    public bool Contains(MigrationDiagnostic diagnostic) =>
        diagnostic.Fingerprint is { } fingerprint && _fingerprints.Contains(fingerprint);

    /// <summary>True when the file (by name) existed when the baseline was written, i.e. it has been applied somewhere.</summary>
    public bool CoversFile(string path) => _files.Contains(Path.GetFileName(path));

    /// <exception cref="InvalidDataException">The file is not a baseline.</exception>
    public static LintBaseline Load(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("not a lint baseline: expected an object with a 'findings' array");
            }

            var entries = findings.EnumerateArray().Select(item => new BaselineEntry(
                Text(item, "fingerprint") ?? throw new InvalidDataException("not a lint baseline: a finding has no 'fingerprint'"),
                Text(item, "id") ?? string.Empty,
                Text(item, "file") ?? string.Empty,
                Text(item, "message") ?? string.Empty)).ToList();
            var files = root.TryGetProperty("files", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString()!).ToList()
                : new List<string>();
            return new LintBaseline(entries, files);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a lint baseline: {e.Message}", e);
        }
    }

    /// <summary>Writes the baseline (sorted, indented, the same bytes for the same findings).</summary>
    public void Save(string path, string toolVersion)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var stream = File.Create(full);
        Reporting.ReportConventions.WriteJson(stream, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 1);
            writer.WriteString("tool", $"Supabase.Build {toolVersion}");
            writer.WriteString("about", "Accepted findings of supabase-build lint: not reported again. Regenerate with dotnet msbuild -t:SupabaseLintBaseline or supabase-build lint --write-baseline.");
            writer.WriteStartArray("files");
            foreach (var file in Files)
            {
                writer.WriteStringValue(file);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("findings");
            foreach (var finding in Findings)
            {
                writer.WriteStartObject();
                writer.WriteString("fingerprint", finding.Fingerprint);
                writer.WriteString("id", finding.Id);
                writer.WriteString("file", finding.File);
                writer.WriteString("message", finding.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>One accepted finding: its fingerprint, and for the reader its id, file name and message.</summary>
public sealed record BaselineEntry(string Fingerprint, string Id, string File, string Message);
