using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// CREATE INDEX without CONCURRENTLY holds a SHARE lock on the table for the whole build: every INSERT, UPDATE
/// and DELETE waits. A table created earlier in the same file is empty, so there it is fine.
/// </summary>
public sealed class SB1003RequireConcurrentIndexCreation : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1003", "require-concurrent-index-creation", DiagnosticSeverity.Error,
        "Create indexes CONCURRENTLY on existing tables", SquawkName: "require-concurrent-index-creation");

    public void Check(StatementContext context)
    {
        var statement = context.Statement.Node;
        if (!statement.Is("IndexStmt") || statement.GetBool("concurrent"))
        {
            return;
        }

        var table = statement.Child("relation");
        if (context.Scope.IsCreatedInThisFile(table) || context.Scope.IsTemporary(table))
        {
            return;
        }

        var fix = context.Scope.InTransactionBlock ? null : Sql.InsertAfter(context, "add CONCURRENTLY", " CONCURRENTLY", "index");
        context.Report(
            $"CREATE INDEX on '{table.GetString("relname")}' blocks writes to the table while the index builds; use CREATE INDEX CONCURRENTLY (outside a transaction)",
            fix);
    }
}
