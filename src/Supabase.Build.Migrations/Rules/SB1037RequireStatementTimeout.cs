using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// A statement that reads every row of an existing table (an index build, a constraint validation, a type change,
/// a rewrite) runs as long as the table is big, holding its locks and the migration's transaction all that time;
/// <c>SET statement_timeout</c> earlier in the file bounds it. Reported once per file, at the first such statement;
/// CREATE TABLE and work on tables created in the same file are not (squawk's issue 673).
/// </summary>
public sealed class SB1037RequireStatementTimeout : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1037", "require-statement-timeout", DiagnosticSeverity.Warning,
        "SET statement_timeout before long-running statements", SquawkName: "require-statement-timeout")
    {
        OtherSquawkNames = new[] { "require-timeout-settings" },
    };

    public void Check(StatementContext context)
    {
        if (context.Scope.StatementTimeoutSet || context.Scope.UnprotectedSlowStatementSeen || Locks.SlowOnExisting(context.Statement.Node, context.Scope) is not { } what)
        {
            return;
        }

        context.Report(
            $"{what} reads every row of an existing table and no statement_timeout is set in this migration, so it runs (holding its locks) as long as the table takes; start the migration with SET statement_timeout = '5min' (or what your largest table needs)",
            new DiagnosticFix("SET statement_timeout at the start of the migration", Sql.Insert(context, Sql.FirstStatementStart(context), "SET statement_timeout = '5min';\n")));
    }
}
