using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Discovery;

/// <summary>The migrations of one directory in apply order, and what was wrong with the files that are not in it.</summary>
public sealed record MigrationSet(string? Directory, IReadOnlyList<MigrationFile> Files, IReadOnlyList<MigrationDiagnostic> Diagnostics);
