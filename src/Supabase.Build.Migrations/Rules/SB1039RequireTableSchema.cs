using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// Opt-in (LintOptions.IncludedRules / SupabaseLintInclude / --include): CREATE TABLE without a schema lands in
/// whatever schema is first on the search_path when the migration runs. Name it: public.t. Temporary tables live in
/// their own schema and are not flagged.
/// </summary>
public sealed class SB1039RequireTableSchema : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1039", "require-table-schema", DiagnosticSeverity.Warning,
        "Qualify new tables with their schema", SquawkName: "require-table-schema")
    {
        IsEnabledByDefault = false,
    };

    public void Check(StatementContext context)
    {
        var node = context.Statement.Node;
        var relation = node.Kind switch
        {
            "CreateStmt" => node.Child("relation"),
            "CreateTableAsStmt" => node.Child("into").Child("rel"),
            _ => default,
        };
        if (!relation.IsMissing && relation.GetString("schemaname") is null && relation.GetString("relpersistence") != "t")
        {
            var name = relation.GetString("relname")!;
            var fix = relation.Location is { } at ? new DiagnosticFix("qualify with public", Sql.Insert(context, at, "public.")) : null;
            context.Report(
                relation,
                $"table '{name}' has no schema, so it is created in whatever schema is first on the search_path when the migration runs; write public.{name} (or the schema it belongs in)",
                fix);
        }
    }
}
