using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// A smallint key (primary key, identity, smallserial, foreign key) runs out at 32,767 values, and widening it later
/// rewrites this table and every table referencing it. Use bigint.
/// </summary>
public sealed class SB1029PreferBigintOverSmallint : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1029", "prefer-bigint-over-smallint", DiagnosticSeverity.Warning,
        "Do not use smallint for keys", SquawkName: "prefer-bigint-over-smallint");

    public void Check(StatementContext context)
    {
        foreach (var column in context.DefinedColumns.Where(c => c.IsKey))
        {
            var name = Sql.TypeName(column.TypeName);
            if ((Sql.IsBuiltIn(column.TypeName) && name == "int2") || (Sql.IsSerial(column.TypeName) && name is "smallserial" or "serial2"))
            {
                context.Report(
                    column.TypeName,
                    $"key column '{column.Name}' of '{column.Table}' is {(name == "int2" ? "smallint" : name)}, which runs out at 32,767 values and is costly to widen later; use bigint");
            }
        }
    }
}
