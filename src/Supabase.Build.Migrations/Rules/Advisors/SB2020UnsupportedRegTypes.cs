using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2020: a column of a reg* type that stores an OID pg_upgrade cannot carry over (regproc, regoper, regconfig,
/// ...: the objects they name get new OIDs in the new cluster). pg_upgrade refuses such a database, so Supabase cannot
/// upgrade the project's PostgreSQL. regclass, regtype and regrole are fine (pg_upgrade keeps those OIDs). Arrays
/// and domains over the types count too, as pg_upgrade checks them as well. Tables and materialized views only: they
/// store data. splinter's twin is unsupported_reg_types.
/// </summary>
public sealed class SB2020UnsupportedRegTypes : ISchemaRule
{
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "regcollation", "regconfig", "regdictionary", "regnamespace", "regoper", "regoperator", "regproc", "regprocedure",
    };

    public RuleDescriptor Descriptor { get; } = new(
        "SB2020", "unsupported-reg-types", DiagnosticSeverity.Warning,
        "Store names or text instead of reg* types that pg_upgrade cannot keep");

    public void Check(SchemaRuleContext context)
    {
        var relations = context.ProjectTables.Select(t => (Target: SchemaObjectRef.Of(t), t.Name, t.Columns))
            .Concat(context.Schema.Views.Values.Where(v => v.IsMaterialized && !ExposedSchemas.IsPlatform(v.Name.Schema)).Select(v => (Target: SchemaObjectRef.Of(v), v.Name, v.Columns)));
        foreach (var (target, name, columns) in relations)
        {
            foreach (var column in columns)
            {
                if (UnsupportedType(context.Schema, column.Type, 0) is not { } type)
                {
                    continue;
                }

                var quoted = SqlIdentifier.Quote(column.Name);
                var fix = target.Kind == SchemaObjectKind.MaterializedView
                    ? "re-create it with the column cast to text"
                    : $"'alter table {name} alter column {quoted} type text using {quoted}::text;'";
                context.Report(
                    target,
                    $"column {quoted} of {target.Describe()} has the type {type}, whose values pg_upgrade cannot keep: the project's PostgreSQL cannot be upgraded while it exists; store the object's name as text (or use regclass, regtype or regrole): {fix}");
            }
        }
    }

    /// <summary>The unsupported reg* type a column's type is, or is an array or domain of; null when none.</summary>
    private static string? UnsupportedType(SchemaModel schema, TypeRef type, int depth)
    {
        var element = type.Element;
        if (element.IsBuiltIn && Unsupported.Contains(element.Name.Name))
        {
            return element.Name.Name;
        }

        return depth < 8 && schema.Domains.TryGetValue(element.Name, out var domain) ? UnsupportedType(schema, domain.BaseType, depth + 1) : null;
    }
}
