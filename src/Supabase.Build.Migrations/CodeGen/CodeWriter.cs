using System.Text;

namespace Supabase.Build.Migrations.CodeGen;

/// <summary>Indented C# text with \n line ends (the same bytes on every OS), and XML doc comments.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    public IDisposable Block(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return new Closer(this);
    }

    /// <summary>A summary (and optional remarks) as /// lines; every line of free text escaped for XML.</summary>
    public void Doc(string summary, string? remarks = null)
    {
        Line("/// <summary>");
        foreach (var line in summary.Split('\n'))
        {
            Line("/// " + line.TrimEnd('\r'));
        }

        Line("/// </summary>");
        if (!string.IsNullOrWhiteSpace(remarks))
        {
            Line("/// <remarks>");
            foreach (var line in remarks.Split('\n'))
            {
                Line("/// " + line.TrimEnd('\r'));
            }

            Line("/// </remarks>");
        }
    }

    public static string Xml(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>SQL text shown in a doc comment: <c>escaped</c>.</summary>
    public static string Code(string text) => "<c>" + Xml(text) + "</c>";

    public override string ToString() => _text.ToString();

    private sealed class Closer : IDisposable
    {
        private readonly CodeWriter _writer;

        public Closer(CodeWriter writer) => _writer = writer;

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line("}");
        }
    }
}
