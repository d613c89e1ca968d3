using System.Globalization;
using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// The NOT VALID + VALIDATE remedy as edits: NOT VALID appended to the statement, and the VALIDATE (plus whatever
/// must follow it) in a new migration right after this one, because a migration is pushed as one transaction and a
/// VALIDATE in the same file would scan under the lock the ADD took. The new file is
/// <c>&lt;version + 1&gt;_validate_constraints.sql</c>; no fix is offered when that version is taken.
/// </summary>
internal static class ValidationFix
{
    /// <summary>Where edits to another file go: such edits are appended to that file (created when missing).</summary>
    public static readonly PgQuery.SourceSpan FileStart = new(new PgQuery.SourcePosition(1, 1), new PgQuery.SourcePosition(1, 1));

    public static DiagnosticFix? NotValidThenValidate(StatementContext context, string description, string followUp)
    {
        if (context.Scope.InTransactionBlock || NextMigrationPath(context) is not { } next)
        {
            return null;
        }

        var end = Sql.End(context);
        return new DiagnosticFix(
            description,
            Sql.Insert(context, end, " NOT VALID"),
            new TextEdit(FileStart, followUp + "\n", next));
    }

    /// <summary>The path of a new migration right after this one, or null when the version is not a number or is taken.</summary>
    public static string? NextMigrationPath(StatementContext context)
    {
        var file = context.Migration.File;
        if (string.IsNullOrEmpty(file.Version) || !file.Version.All(char.IsAsciiDigit) || file.Version.Length > 18)
        {
            return null;
        }

        var next = (long.Parse(file.Version, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture).PadLeft(file.Version.Length, '0');
        var directory = Path.GetDirectoryName(file.Path)!;
        var taken = context.History is { } history
            ? history.HasVersion(directory, next, "_validate_constraints.sql")
            : Directory.Exists(directory) && Directory.EnumerateFiles(directory, next + "_*.sql").Any(path => !path.EndsWith("_validate_constraints.sql", StringComparison.Ordinal));
        if (taken)
        {
            return null;
        }

        return Path.Combine(directory, next + "_validate_constraints.sql");
    }
}
