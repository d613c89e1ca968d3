using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// An expression of the schema (a default, a CHECK, a policy's USING / WITH CHECK, an index predicate) as a parse
/// tree, so rules inspect its AST and never its text. <see cref="Text"/> is the SQL text when known (always for a
/// live database, from pg_get_expr; from the migration's source offline when it can be cut out exactly).
/// </summary>
public sealed record SqlExpression(PgNode Node, string? Text = null)
{
    /// <summary>True for the constant <c>true</c> (as in <c>USING (true)</c>).</summary>
    public bool IsTrueConstant => Node.Is("A_Const") && Node.Child("boolval").GetBool("boolval")
        || Node.Is("TypeCast") && Node.Child("arg").Is("A_Const") && Node.Child("arg").Child("boolval").GetBool("boolval");

    public override string ToString() => Text ?? Node.Kind;
}
