namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// ALTER DEFAULT PRIVILEGES [IN SCHEMA s] GRANT ... ON TABLES/FUNCTIONS/SEQUENCES/TYPES TO ...: a grant every new
/// object of that kind receives (<see cref="Schema"/> null: in every schema). <see cref="IsRevoke"/> marks the one
/// revocation the model follows: EXECUTE on functions from PUBLIC, which stops new functions being executable by all.
/// </summary>
public sealed record DefaultPrivilege(string? Schema, string ObjectType, Grant Grant, bool IsRevoke = false);
