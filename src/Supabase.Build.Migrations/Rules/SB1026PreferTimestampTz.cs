using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// timestamp (without time zone) stores wall-clock values with no offset: the same instant written from two time
/// zones becomes two different values, and now() is silently converted to the session's local time. Use
/// timestamptz. For a new column the fix rewrites the type.
/// </summary>
public sealed class SB1026PreferTimestampTz : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1026", "prefer-timestamp-tz", DiagnosticSeverity.Warning,
        "Use timestamptz, not timestamp", SquawkName: "prefer-timestamp-tz")
    {
        OtherSquawkNames = new[] { "prefer-timestamptz" },
    };

    public void Check(StatementContext context)
    {
        foreach (var column in context.DefinedColumns)
        {
            var type = column.TypeName;
            if (!Sql.IsBuiltIn(type) || type.List("names").Count != 2 || Sql.TypeName(type) != "timestamp")
            {
                continue;
            }

            DiagnosticFix? fix = null;
            if (!column.IsRetype && ColumnDefinitions.TypeSpan(context, type) is { } span)
            {
                var precision = Sql.TypeModifiers(type) is [var p] ? $"({Sql.Number(p)})" : string.Empty;
                fix = new DiagnosticFix("use timestamptz", Sql.Replace(context, span.Start, span.End, "timestamptz" + precision));
            }

            context.Report(
                type,
                $"column '{column.Name}' of '{column.Table}' is timestamp without time zone, which drops the offset: one instant written from two time zones becomes two values; use timestamptz",
                fix);
        }
    }
}
