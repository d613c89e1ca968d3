using System.Text.Encodings.Web;
using System.Text.Json;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Reporting;

/// <summary>What every report format agrees on: severity words, JSON writer settings, paths relative to a base.</summary>
internal static class ReportConventions
{
    /// <summary>Readable JSON (quotes and non-ASCII kept as they are) for files and terminals, never for HTML.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    public static bool TryParseSeverity(string? name, out DiagnosticSeverity severity)
    {
        switch (name)
        {
            case "error":
                severity = DiagnosticSeverity.Error;
                return true;
            case "warning":
                severity = DiagnosticSeverity.Warning;
                return true;
            case "info":
                severity = DiagnosticSeverity.Info;
                return true;
            default:
                severity = default;
                return false;
        }
    }

    /// <summary>
    /// <paramref name="path"/> relative to <paramref name="baseDirectory"/> with '/' separators, or null when it is
    /// not a file path or lies outside the base (then callers keep it absolute).
    /// </summary>
    public static string? RelativePath(string path, string baseDirectory)
    {
        if (!Path.IsPathRooted(path))
        {
            return null;
        }

        var relative = Path.GetRelativePath(Path.GetFullPath(baseDirectory), path);
        if (Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith("../", StringComparison.Ordinal))
        {
            return null;
        }

        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>
    /// Hands what the writer holds to its stream once it passes a chunk (call between findings): a report of many
    /// megabytes then streams out instead of growing one buffer as large as itself.
    /// </summary>
    public static void FlushWhenFull(Utf8JsonWriter writer)
    {
        if (writer.BytesPending >= 64 * 1024)
        {
            writer.Flush();
        }
    }

    /// <summary>Writes the JSON, then one newline so a terminal prompt starts on its own line.</summary>
    public static void WriteJson(Stream output, Action<Utf8JsonWriter> write)
    {
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            write(writer);
        }

        output.WriteByte((byte)'\n');
        output.Flush();
    }
}
