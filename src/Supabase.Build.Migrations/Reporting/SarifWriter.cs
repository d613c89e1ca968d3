using System.Text.Json;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Reporting;

/// <summary>
/// Writes diagnostics as one SARIF 2.1.0 run (what GitHub code scanning, Azure DevOps and IDE SARIF viewers read).
/// The rule table holds every rule of the catalogue plus any other rule a diagnostic names, ordered by id; results
/// keep the order they are given in. The same input always gives the same bytes.
/// </summary>
public static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string SarifVersion = "2.1.0";
    public const string ToolName = "Supabase.Build";
    public const string InformationUri = "https://github.com/supabase-build/Supabase.Build";

    /// <summary>The uriBaseId of artifact locations written relative to the base directory.</summary>
    public const string SourceRootId = "SRCROOT";

    /// <summary>The key of the findings' stable fingerprint in each result's partialFingerprints.</summary>
    public const string FingerprintKey = "supabaseBuildFingerprint/v1";

    /// <param name="output">Receives UTF-8 JSON; left open.</param>
    /// <param name="diagnostics">The results, in the order they are written.</param>
    /// <param name="rules">The rule catalogue (e.g. <c>MigrationLinter.Descriptors</c>).</param>
    /// <param name="toolVersion">The tool's version (SemVer), written as version and semanticVersion.</param>
    /// <param name="baseDirectory">
    /// When given, files under it are written relative to it with uriBaseId <c>SRCROOT</c> (declared in
    /// originalUriBaseIds); other files, and every file when it is null, as absolute <c>file://</c> URIs. A
    /// diagnostic whose file is not a path (SB0003 names the library) has no location.
    /// </param>
    public static void Write(Stream output, IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> rules, string toolVersion, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(toolVersion);

        var table = RuleTable(diagnostics, rules);
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < table.Count; i++)
        {
            ruleIndex[table[i].Id] = i;
        }

        ReportConventions.WriteJson(output, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", SchemaUri);
            writer.WriteString("version", SarifVersion);
            writer.WriteStartArray("runs");
            writer.WriteStartObject();

            writer.WriteStartObject("tool");
            writer.WriteStartObject("driver");
            writer.WriteString("name", ToolName);
            writer.WriteString("informationUri", InformationUri);
            writer.WriteString("semanticVersion", toolVersion);
            writer.WriteString("version", toolVersion);
            writer.WriteStartArray("rules");
            foreach (var rule in table)
            {
                WriteRule(writer, rule);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();

            if (baseDirectory is not null)
            {
                writer.WriteStartObject("originalUriBaseIds");
                writer.WriteStartObject(SourceRootId);
                writer.WriteString("uri", DirectoryUri(baseDirectory));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            // Columns count UTF-16 code units, as editors and the engine's SourceText do.
            writer.WriteString("columnKind", "utf16CodeUnits");

            writer.WriteStartArray("results");
            foreach (var diagnostic in diagnostics)
            {
                WriteResult(writer, diagnostic, ruleIndex[diagnostic.Id], baseDirectory);
                ReportConventions.FlushWhenFull(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>SARIF's level for a severity: error, warning, note.</summary>
    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    private static List<RuleDescriptor> RuleTable(IReadOnlyList<MigrationDiagnostic> diagnostics, IEnumerable<RuleDescriptor> rules)
    {
        var byId = new Dictionary<string, RuleDescriptor>(StringComparer.Ordinal);
        foreach (var rule in rules.Concat(diagnostics.Select(d => d.Rule)))
        {
            byId.TryAdd(rule.Id, rule);
        }

        return byId.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    private static void WriteRule(Utf8JsonWriter writer, RuleDescriptor rule)
    {
        writer.WriteStartObject();
        writer.WriteString("id", rule.Id);
        writer.WriteString("name", rule.Name);
        writer.WriteStartObject("shortDescription");
        writer.WriteString("text", rule.Title);
        writer.WriteEndObject();
        writer.WriteString("helpUri", rule.HelpLink);
        writer.WriteStartObject("defaultConfiguration");
        writer.WriteString("level", Level(rule.DefaultSeverity));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter writer, MigrationDiagnostic diagnostic, int ruleIndex, string? baseDirectory)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", diagnostic.Id);
        writer.WriteNumber("ruleIndex", ruleIndex);
        writer.WriteString("level", Level(diagnostic.Severity));
        writer.WriteStartObject("message");
        writer.WriteString("text", diagnostic.Message);
        writer.WriteEndObject();

        if (Path.IsPathRooted(diagnostic.FilePath))
        {
            writer.WriteStartArray("locations");
            writer.WriteStartObject();
            writer.WriteStartObject("physicalLocation");
            writer.WriteStartObject("artifactLocation");
            var relative = baseDirectory is null ? null : ReportConventions.RelativePath(diagnostic.FilePath, baseDirectory);
            if (relative is not null)
            {
                writer.WriteString("uri", EscapeRelative(relative));
                writer.WriteString("uriBaseId", SourceRootId);
            }
            else
            {
                writer.WriteString("uri", new Uri(Path.GetFullPath(diagnostic.FilePath)).AbsoluteUri);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("region");
            writer.WriteNumber("startLine", diagnostic.Span.Start.Line);
            writer.WriteNumber("startColumn", diagnostic.Span.Start.Column);
            writer.WriteNumber("endLine", diagnostic.Span.End.Line);
            writer.WriteNumber("endColumn", diagnostic.Span.End.Column);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        if (diagnostic.Fingerprint is not null)
        {
            // GitHub code scanning matches results across runs by these, instead of by line.
            writer.WriteStartObject("partialFingerprints");
            writer.WriteString(FingerprintKey, diagnostic.Fingerprint);
            writer.WriteEndObject();
        }

        if (diagnostic.Fix is not null && Path.IsPathRooted(diagnostic.FilePath))
        {
            WriteFix(writer, diagnostic, baseDirectory);
        }

        writer.WriteEndObject();
    }

    /// <summary>SARIF's fixes: one fix, with one artifactChange per file it edits (in the order the edits name them).</summary>
    private static void WriteFix(Utf8JsonWriter writer, MigrationDiagnostic diagnostic, string? baseDirectory)
    {
        var fix = diagnostic.Fix!;
        writer.WriteStartArray("fixes");
        writer.WriteStartObject();
        writer.WriteStartObject("description");
        writer.WriteString("text", fix.Description);
        writer.WriteEndObject();
        writer.WriteStartArray("artifactChanges");
        foreach (var file in fix.Edits.GroupBy(e => e.FilePath ?? diagnostic.FilePath))
        {
            writer.WriteStartObject();
            WriteArtifactLocation(writer, file.Key, baseDirectory);
            writer.WriteStartArray("replacements");
            foreach (var edit in file)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("deletedRegion");
                writer.WriteNumber("startLine", edit.Span.Start.Line);
                writer.WriteNumber("startColumn", edit.Span.Start.Column);
                writer.WriteNumber("endLine", edit.Span.End.Line);
                writer.WriteNumber("endColumn", edit.Span.End.Column);
                writer.WriteEndObject();
                writer.WriteStartObject("insertedContent");
                writer.WriteString("text", edit.NewText);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteArtifactLocation(Utf8JsonWriter writer, string path, string? baseDirectory)
    {
        writer.WriteStartObject("artifactLocation");
        var relative = baseDirectory is null ? null : ReportConventions.RelativePath(path, baseDirectory);
        if (relative is not null)
        {
            writer.WriteString("uri", EscapeRelative(relative));
            writer.WriteString("uriBaseId", SourceRootId);
        }
        else
        {
            writer.WriteString("uri", new Uri(Path.GetFullPath(path)).AbsoluteUri);
        }

        writer.WriteEndObject();
    }

    /// <summary>A relative URI reference: each '/'-separated segment percent-escaped.</summary>
    private static string EscapeRelative(string relativePath) =>
        string.Join("/", relativePath.Split('/').Select(Uri.EscapeDataString));

    /// <summary>An absolute directory URI; SARIF requires a trailing slash on a base URI.</summary>
    private static string DirectoryUri(string directory)
    {
        var uri = new Uri(Path.GetFullPath(directory)).AbsoluteUri;
        return uri.EndsWith('/') ? uri : uri + "/";
    }
}
