using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Parsing;

namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// The outcome of replaying a migration history: the final model, the model as it was before each statement (for
/// rules that ask "did this table already exist, and where was it created?"), and what could not be modelled
/// (SB0004, SB0005). States are shared snapshots of an immutable model, so keeping them all is cheap.
/// </summary>
public sealed class SchemaHistory
{
    private readonly Dictionary<(string File, int Statement), SchemaModel> _before;

    internal SchemaHistory(SchemaModel initial, SchemaModel final, Dictionary<(string, int), SchemaModel> before, IReadOnlyList<MigrationDiagnostic> diagnostics, int statementCount)
    {
        Initial = initial;
        Final = final;
        _before = before;
        Diagnostics = diagnostics;
        StatementCount = statementCount;
    }

    /// <summary>The model before the first migration (the Supabase baseline, or empty).</summary>
    public SchemaModel Initial { get; }

    /// <summary>The model after the last migration.</summary>
    public SchemaModel Final { get; }

    /// <summary>SB0004 and SB0005 infos, in file and position order.</summary>
    public IReadOnlyList<MigrationDiagnostic> Diagnostics { get; }

    public int StatementCount { get; }

    /// <summary>
    /// The model just before <paramref name="statement"/> of <paramref name="migration"/> ran (its file's earlier
    /// statements and every earlier file applied). Falls back to <see cref="Final"/> for a statement the replay never saw.
    /// </summary>
    public SchemaModel StateBefore(ParsedMigration migration, MigrationStatement statement) =>
        StateBefore(migration.File.Path, statement.Index);

    public SchemaModel StateBefore(string filePath, int statementIndex) =>
        _before.TryGetValue((filePath, statementIndex), out var state) ? state : Final;
}
