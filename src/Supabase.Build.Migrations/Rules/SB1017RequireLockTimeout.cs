using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// A statement that needs an ACCESS EXCLUSIVE lock on an existing table (ALTER TABLE, CREATE POLICY, DROP TRIGGER,
/// TRUNCATE, ...) waits behind every running query on it, and while it waits every new query on the table waits
/// behind it: a fast migration becomes an outage. <c>SET lock_timeout</c> earlier in the file makes it give up
/// instead. Reported once per file, at the first such statement; CREATE TABLE and statements on tables created
/// earlier in the file are not (squawk's issue 673).
/// </summary>
public sealed class SB1017RequireLockTimeout : IMigrationRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB1017", "require-lock-timeout", DiagnosticSeverity.Warning,
        "SET lock_timeout before taking ACCESS EXCLUSIVE locks", SquawkName: "require-lock-timeout")
    {
        OtherSquawkNames = new[] { "require-timeout-settings" },
    };

    public void Check(StatementContext context)
    {
        if (context.Scope.LockTimeoutSet || context.Scope.UnprotectedLockSeen || Locks.AccessExclusiveOnExisting(context.Statement.Node, context.Scope) is not { } what)
        {
            return;
        }

        var first = Sql.FirstStatementStart(context);
        context.Report(
            $"{what} needs an ACCESS EXCLUSIVE lock and no lock_timeout is set in this migration: while it waits for running queries, every new query on the table waits behind it; start the migration with SET lock_timeout = '5s' (and retry on timeout)",
            new DiagnosticFix("SET lock_timeout at the start of the migration", Sql.Insert(context, first, "SET lock_timeout = '5s';\n")));
    }
}
