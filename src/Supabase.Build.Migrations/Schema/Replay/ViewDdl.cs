using System.Collections.Immutable;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>CREATE [OR REPLACE] VIEW and CREATE MATERIALIZED VIEW: columns derived from the query (SB0005 where a type cannot be).</summary>
internal static class ViewDdl
{
    public static void Create(ReplayContext context, PgNode statement)
    {
        var name = context.NameToCreate(statement.Child("view"));
        if (!statement.GetBool("replace") && context.Model.HasRelation(name))
        {
            return;
        }

        var options = statement.List("options")
            .Where(o => o.GetString("defname") is not null)
            .ToImmutableDictionary(o => o.GetString("defname")!, OptionValue);
        Add(context, name, statement.Child("query"), ReplayContext.Strings(statement.List("aliases")), isMaterialized: false, options);
    }

    public static void CreateMaterialized(ReplayContext context, PgNode statement)
    {
        var into = statement.Child("into");
        var name = context.NameToCreate(into.Child("rel"));
        if (context.Model.HasRelation(name))
        {
            return;
        }

        Add(context, name, statement.Child("query"), ReplayContext.Strings(into.List("colNames")), isMaterialized: true, ImmutableDictionary<string, string>.Empty);
    }

    private static void Add(ReplayContext context, ObjectName name, PgNode query, IReadOnlyList<string> aliases, bool isMaterialized, ImmutableDictionary<string, string> options)
    {
        var derived = ViewColumns.Derive(context, query, aliases);
        var existing = context.Model.View(name);
        var columns = derived.Columns
            .Select(c => c with { Comment = existing?.Columns.Find(e => e.Name == c.Name)?.Comment })
            .ToImmutableList();
        var view = new ViewModel(
            name,
            columns,
            isMaterialized,
            query,
            derived.ReadsFrom,
            options,
            existing?.Grants,
            existing?.Comment,
            context.Source);
        context.Model = context.Model.SetView(name, view);
        if (existing is null)
        {
            Grants.ApplyDefaults(context, name, "TABLE");
        }

        foreach (var column in columns.Where(c => !c.Type.IsResolved))
        {
            context.Report(
                SchemaDiagnostics.ViewColumnTypeNotDerivable,
                $"the type of column '{column.Name}' of {(isMaterialized ? "materialized view" : "view")} {name} cannot be derived from the migrations; it is generated as string offline (add a cast, e.g. ::text, or generate from the database to get the exact type)");
        }
    }

    /// <summary>A reloption's value as text (<c>true</c> when given without one).</summary>
    public static string OptionValue(PgNode option)
    {
        var argument = option.Child("arg");
        return argument.IsMissing ? "true"
            : argument.StringValue ?? (argument.Is("Integer") ? argument.GetInt("ival").ToString(System.Globalization.CultureInfo.InvariantCulture)
            : argument.Is("Boolean") ? (argument.GetBool("boolval") ? "true" : "false")
            : argument.ToString());
    }
}
