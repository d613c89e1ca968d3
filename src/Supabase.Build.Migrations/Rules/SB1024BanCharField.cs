using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// char(n) pads every value with spaces to n characters, which comparisons, lengths and clients trip over; use text
/// (warning). varchar(n) is advice only (info): raising n later locks the table unless it only widens, and a CHECK
/// (length(col) &lt;= n) on text says the same and changes without a rewrite. squawk splits this into ban-char-field
/// and prefer-text-field; both names map here.
/// </summary>
public sealed class SB1024BanCharField : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1024", "ban-char-field", DiagnosticSeverity.Warning,
        "Use text instead of char(n) (and prefer text over varchar(n))", SquawkName: "ban-char-field")
    {
        OtherSquawkNames = new[] { "prefer-text-field" },
    };

    public void Check(StatementContext context)
    {
        foreach (var column in context.DefinedColumns)
        {
            if (!Sql.IsBuiltIn(column.TypeName) || column.TypeName.List("names").Count == 1)
            {
                continue; // "char" (quoted, one byte) and user types are not char(n)
            }

            switch (Sql.TypeName(column.TypeName))
            {
                case "bpchar":
                    context.Report(
                        column.TypeName,
                        $"column '{column.Name}' of '{column.Table}' is {Sql.Describe(column.TypeName).Replace("bpchar", "char", StringComparison.Ordinal)}, which pads every value with spaces (comparisons, length() and clients see them); use text, with a CHECK on its length if it must be bounded");
                    break;
                case "varchar" when Sql.TypeModifiers(column.TypeName).Count > 0:
                    context.Report(
                        context.Source.SpanOf(column.TypeName.Location ?? context.Statement.Location, 0),
                        $"column '{column.Name}' of '{column.Table}' is {Sql.Describe(column.TypeName)}: consider text with CHECK (length({column.Name}) <= {Sql.TypeModifiers(column.TypeName)[0]}), which can be changed later without locking the table",
                        severity: DiagnosticSeverity.Info);
                    break;
            }
        }
    }
}
