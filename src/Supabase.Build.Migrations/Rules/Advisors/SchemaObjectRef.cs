using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>The kinds of schema object a finding names (the same words PostgreSQL's COMMENT ON uses).</summary>
public enum SchemaObjectKind
{
    Table,
    View,
    MaterializedView,
    ForeignTable,
    Function,
    Policy,
    Index,
    Extension,
    Constraint,
}

/// <summary>
/// The object a finding is about: its kind, a stable display name (<c>public.profiles</c>, a function's signature,
/// <c>"policy name" on public.profiles</c>) and, when a migration made it, where. Kind and name identify the object
/// across models, so a finding on a live database can be placed at the migration that created the same object.
/// </summary>
public sealed record SchemaObjectRef(SchemaObjectKind Kind, string Name, SchemaSource? Source)
{
    public static SchemaObjectRef Of(TableModel table) => new(
        table.Kind == TableKind.ForeignTable ? SchemaObjectKind.ForeignTable : SchemaObjectKind.Table, table.Name.ToString(), table.Source);

    public static SchemaObjectRef Of(ViewModel view) => new(
        view.IsMaterialized ? SchemaObjectKind.MaterializedView : SchemaObjectKind.View, view.Name.ToString(), view.Source);

    public static SchemaObjectRef Of(FunctionModel function) => new(SchemaObjectKind.Function, function.Signature, function.Source);

    public static SchemaObjectRef Of(PolicyModel policy) => new(SchemaObjectKind.Policy, PolicyName(policy), policy.Source);

    public static SchemaObjectRef Of(IndexModel index) => new(SchemaObjectKind.Index, index.Name.ToString(), index.Source);

    public static SchemaObjectRef Of(ExtensionModel extension) => new(SchemaObjectKind.Extension, SqlIdentifier.Quote(extension.Name), extension.Source);

    public static SchemaObjectRef Of(TableModel table, ConstraintModel constraint) =>
        new(SchemaObjectKind.Constraint, SqlIdentifier.Quote(constraint.Name) + " on " + table.Name, constraint.Source ?? table.Source);

    public static string PolicyName(PolicyModel policy) => SqlIdentifier.Quote(policy.Name) + " on " + policy.Table;

    /// <summary>"table public.profiles", "function public.f(integer)": for messages.</summary>
    public string Describe() => KindWord(Kind) + " " + Name;

    private static string KindWord(SchemaObjectKind kind) => kind switch
    {
        SchemaObjectKind.MaterializedView => "materialized view",
        SchemaObjectKind.ForeignTable => "foreign table",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
