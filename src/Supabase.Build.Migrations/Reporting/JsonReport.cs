using System.Text.Json;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Reporting;

/// <summary>
/// Diagnostics as a plain JSON array, one object per finding:
/// <c>{file, line, column, endLine, endColumn, id, name, severity, message, helpLink}</c> with severity
/// <c>error</c>, <c>warning</c> or <c>info</c>, then, when the finding has them, <c>fingerprint</c> (stable across
/// edits elsewhere in the file) and <c>fix</c>: <c>{description, edits: [{line, column, endLine, endColumn, newText,
/// file?}]}</c> (an edit with a <c>file</c> is appended to that file, which is created when missing). Scripts read it, and the MSBuild task caches a run in it:
/// <see cref="Read"/> gives back exactly the diagnostics <see cref="Write"/> was given.
/// </summary>
public static class JsonReport
{
    /// <summary>Writes the diagnostics in the given order as UTF-8 JSON; <paramref name="output"/> is left open.</summary>
    public static void Write(Stream output, IReadOnlyList<MigrationDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(diagnostics);

        ReportConventions.WriteJson(output, writer =>
        {
            // A report can hold thousands of findings: names, and the values findings repeat (a rule's id, name and
            // help link, a severity, the file of the findings before), are escaped once, not once per finding.
            var rules = new Dictionary<RuleDescriptor, (JsonEncodedText Id, JsonEncodedText Name, JsonEncodedText HelpLink)>(ReferenceEqualityComparer.Instance);
            var severities = new Dictionary<DiagnosticSeverity, JsonEncodedText>();
            (string? Path, JsonEncodedText Encoded) file = default;
            writer.WriteStartArray();
            foreach (var d in diagnostics)
            {
                if (!rules.TryGetValue(d.Rule, out var rule))
                {
                    rules[d.Rule] = rule = (Encoded(d.Id), Encoded(d.Name), Encoded(d.HelpLink));
                }

                if (!severities.TryGetValue(d.Severity, out var severity))
                {
                    severities[d.Severity] = severity = Encoded(ReportConventions.SeverityName(d.Severity));
                }

                if (!string.Equals(file.Path, d.FilePath, StringComparison.Ordinal))
                {
                    file = (d.FilePath, Encoded(d.FilePath));
                }

                writer.WriteStartObject();
                writer.WriteString(Names.File, file.Encoded);
                writer.WriteNumber(Names.Line, d.Span.Start.Line);
                writer.WriteNumber(Names.Column, d.Span.Start.Column);
                writer.WriteNumber(Names.EndLine, d.Span.End.Line);
                writer.WriteNumber(Names.EndColumn, d.Span.End.Column);
                writer.WriteString(Names.Id, rule.Id);
                writer.WriteString(Names.Name, rule.Name);
                writer.WriteString(Names.Severity, severity);
                writer.WriteString(Names.Message, d.Message);
                writer.WriteString(Names.HelpLink, rule.HelpLink);
                if (d.Fingerprint is not null)
                {
                    writer.WriteString(Names.Fingerprint, d.Fingerprint);
                }

                if (d.Fix is not null)
                {
                    WriteFix(writer, d.Fix);
                }

                writer.WriteEndObject();
                ReportConventions.FlushWhenFull(writer);
            }

            writer.WriteEndArray();
        });
    }

    private static JsonEncodedText Encoded(string value) => JsonEncodedText.Encode(value, ReportConventions.WriterOptions.Encoder);

    /// <summary>The property names of a finding, escaped once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText File = Encoded("file");
        public static readonly JsonEncodedText Line = Encoded("line");
        public static readonly JsonEncodedText Column = Encoded("column");
        public static readonly JsonEncodedText EndLine = Encoded("endLine");
        public static readonly JsonEncodedText EndColumn = Encoded("endColumn");
        public static readonly JsonEncodedText Id = Encoded("id");
        public static readonly JsonEncodedText Name = Encoded("name");
        public static readonly JsonEncodedText Severity = Encoded("severity");
        public static readonly JsonEncodedText Message = Encoded("message");
        public static readonly JsonEncodedText HelpLink = Encoded("helpLink");
        public static readonly JsonEncodedText Fingerprint = Encoded("fingerprint");
    }

    private static void WriteFix(Utf8JsonWriter writer, DiagnosticFix fix)
    {
        writer.WriteStartObject("fix");
        writer.WriteString("description", fix.Description);
        writer.WriteStartArray("edits");
        foreach (var edit in fix.Edits)
        {
            writer.WriteStartObject();
            writer.WriteNumber("line", edit.Span.Start.Line);
            writer.WriteNumber("column", edit.Span.Start.Column);
            writer.WriteNumber("endLine", edit.Span.End.Line);
            writer.WriteNumber("endColumn", edit.Span.End.Column);
            writer.WriteString("newText", edit.NewText);
            if (edit.FilePath is not null)
            {
                writer.WriteString("file", edit.FilePath);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads a report back. Each id is looked up in <paramref name="catalogue"/> (e.g. <c>MigrationLinter.Descriptors</c>);
    /// an id the catalogue lacks gets a descriptor made from the report's id, name and severity.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not a report written by <see cref="Write"/>.</exception>
    public static IReadOnlyList<MigrationDiagnostic> Read(Stream input, IEnumerable<RuleDescriptor> catalogue)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalogue);

        var rules = new Dictionary<string, RuleDescriptor>(StringComparer.Ordinal);
        foreach (var rule in catalogue)
        {
            rules.TryAdd(rule.Id, rule);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(input);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a diagnostics report: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("not a diagnostics report: the top level must be an array");
            }

            var diagnostics = new List<MigrationDiagnostic>(document.RootElement.GetArrayLength());
            foreach (var item in document.RootElement.EnumerateArray())
            {
                diagnostics.Add(ReadOne(item, rules));
            }

            return diagnostics;
        }
    }

    private static MigrationDiagnostic ReadOne(JsonElement item, Dictionary<string, RuleDescriptor> rules)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("not a diagnostics report: every entry must be an object");
        }

        var id = String(item, "id");
        var name = String(item, "name");
        var severityName = String(item, "severity");
        if (!ReportConventions.TryParseSeverity(severityName, out var severity))
        {
            throw new InvalidDataException($"not a diagnostics report: severity '{severityName}' is not error, warning or info");
        }

        if (!rules.TryGetValue(id, out var rule))
        {
            rule = new RuleDescriptor(id, name, severity, name);
            rules[id] = rule;
        }

        var span = new SourceSpan(
            new SourcePosition(Int(item, "line"), Int(item, "column")),
            new SourcePosition(Int(item, "endLine"), Int(item, "endColumn")));
        return new MigrationDiagnostic(rule, severity, String(item, "file"), span, String(item, "message"))
        {
            Fingerprint = item.TryGetProperty("fingerprint", out var fingerprint) && fingerprint.ValueKind == JsonValueKind.String ? fingerprint.GetString() : null,
            Fix = item.TryGetProperty("fix", out var fix) && fix.ValueKind == JsonValueKind.Object ? ReadFix(fix) : null,
        };
    }

    private static DiagnosticFix ReadFix(JsonElement fix)
    {
        if (!fix.TryGetProperty("edits", out var edits) || edits.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("not a diagnostics report: a fix has no 'edits' array");
        }

        var list = new List<TextEdit>();
        foreach (var edit in edits.EnumerateArray())
        {
            var span = new SourceSpan(new SourcePosition(Int(edit, "line"), Int(edit, "column")), new SourcePosition(Int(edit, "endLine"), Int(edit, "endColumn")));
            var file = edit.TryGetProperty("file", out var path) && path.ValueKind == JsonValueKind.String ? path.GetString() : null;
            list.Add(new TextEdit(span, String(edit, "newText"), file));
        }

        return new DiagnosticFix(String(fix, "description"), list);
    }

    private static string String(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"not a diagnostics report: an entry has no string '{property}'");

    private static int Int(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new InvalidDataException($"not a diagnostics report: an entry has no integer '{property}'");
}
