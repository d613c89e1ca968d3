using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules.Versions;

/// <summary>
/// One use of syntax that older PostgreSQL servers reject (or read differently): what it is, as the message names it
/// (<c>MERGE ... RETURNING</c>), the first major version that has it, the byte offset of the construct in the file
/// (null: report at the statement), what to write instead on an older server, and the rewrite when it is mechanical.
/// </summary>
internal readonly record struct NewerSyntaxUse(string What, int Since, int? At, string? Instead = null, DiagnosticFix? Fix = null);
