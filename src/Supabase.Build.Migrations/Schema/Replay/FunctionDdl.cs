using System.Collections.Immutable;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema.Replay;

/// <summary>CREATE [OR REPLACE] FUNCTION / PROCEDURE and ALTER FUNCTION (SECURITY DEFINER, SET search_path, volatility).</summary>
internal static class FunctionDdl
{
    public static void Create(ReplayContext context, PgNode statement)
    {
        var name = context.NameToCreate(statement.List("funcname"));
        var parameters = statement.List("parameters").Select(p => new FunctionParameter(
            p.GetString("name"),
            context.Type(p.Child("argType")),
            Mode(p.GetString("mode")),
            p.Has("defexpr"))).ToImmutableList();
        var isProcedure = statement.GetBool("is_procedure");
        var returnType = statement.Child("returnType");
        var function = new FunctionModel(
            name,
            parameters,
            isProcedure ? null : returnType.IsMissing ? TypeRef.BuiltIn("record") : context.Type(returnType),
            returnType.GetBool("setof"),
            "sql",
            IsProcedure: isProcedure,
            Source: context.Source);
        var settings = ImmutableDictionary<string, string>.Empty;
        foreach (var option in statement.List("options"))
        {
            function = ApplyOption(function, option, ref settings);
        }

        function = function with { Settings = settings };
        if (statement.Has("sql_body"))
        {
            function = function with { Language = "sql" };
        }

        // Without RETURNS, OUT parameters make the result: one OUT is that type, several a record.
        if (!isProcedure && returnType.IsMissing)
        {
            var outputs = parameters.Where(p => p.IsOutput).ToList();
            function = function with { ReturnType = outputs.Count == 1 ? outputs[0].Type : TypeRef.BuiltIn("record") };
        }

        var signature = function.Signature; // the grants and comment set below do not change it
        if (context.Model.Functions.TryGetValue(signature, out var existing))
        {
            // OR REPLACE keeps the privileges and the comment.
            function = function with { Grants = existing.Grants, Comment = existing.Comment };
        }
        else
        {
            function = function with { Grants = Grants.ForNewFunction(context, name.Schema) };
        }

        context.Model = context.Model with { Functions = context.Model.Functions.SetItem(signature, function) };
    }

    public static void Alter(ReplayContext context, PgNode statement)
    {
        foreach (var function in Find(context, statement.Child("func")).ToList())
        {
            var settings = function.Settings;
            var changed = function;
            foreach (var action in statement.List("actions"))
            {
                changed = ApplyOption(changed, action, ref settings);
            }

            Replace(context, function, changed with { Settings = settings });
        }
    }

    /// <summary>Replaces a function (renamed, moved, altered), re-keyed by its new signature.</summary>
    public static void Replace(ReplayContext context, FunctionModel old, FunctionModel changed) =>
        context.Model = context.Model with { Functions = context.Model.Functions.Remove(old.Signature).SetItem(changed.Signature, changed) };

    /// <summary>
    /// The functions an ObjectWithArgs names: the overload with those input types, or every overload of the name when
    /// the arguments were left out (valid only when the name is unique).
    /// </summary>
    public static IEnumerable<FunctionModel> Find(ReplayContext context, PgNode objectWithArgs)
    {
        var parts = ReplayContext.Strings(objectWithArgs.List("objname"));
        if (parts.Count == 0)
        {
            return Enumerable.Empty<FunctionModel>();
        }

        var schemas = parts.Count >= 2 ? new[] { parts[^2] } : context.SearchPath.Add(BuiltInTypes.Catalog).ToArray();
        if (objectWithArgs.GetBool("args_unspecified"))
        {
            foreach (var schema in schemas)
            {
                var overloads = context.Model.FunctionsNamed(new ObjectName(schema, parts[^1])).ToList();
                if (overloads.Count > 0)
                {
                    return overloads;
                }
            }

            return Enumerable.Empty<FunctionModel>();
        }

        // With the argument types the signature is known: a keyed lookup, not a scan of every function (histories
        // that GRANT on each of thousands of functions would otherwise replay in quadratic time).
        var inputs = (objectWithArgs.Has("objfuncargs")
            ? objectWithArgs.List("objfuncargs").Where(a => Mode(a.GetString("mode")) is not (ParameterMode.Out or ParameterMode.Table)).Select(a => context.Type(a.Child("argType")))
            : objectWithArgs.List("objargs").Select(context.Type)).ToList();
        foreach (var schema in schemas)
        {
            if (context.Model.Functions.TryGetValue(FunctionModel.SignatureOf(new ObjectName(schema, parts[^1]), inputs), out var function))
            {
                return new[] { function };
            }
        }

        return Enumerable.Empty<FunctionModel>();
    }

    private static FunctionModel ApplyOption(FunctionModel function, PgNode option, ref ImmutableDictionary<string, string> settings)
    {
        var argument = option.Child("arg");
        switch (option.GetString("defname"))
        {
            case "language":
                return function with { Language = (argument.StringValue ?? "sql").ToLowerInvariant() };
            case "volatility":
                return function with { Volatility = argument.StringValue ?? "volatile" };
            case "security":
                return function with { SecurityDefiner = argument.Child("boolval").GetBool("boolval") || argument.GetBool("boolval") };
            case "as":
                var body = argument.List("items").Select(i => i.StringValue).FirstOrDefault();
                return function with { Body = body };
            case "set":
                var set = argument;
                var variable = set.GetString("name");
                if (variable is null)
                {
                    return function;
                }

                if (set.GetString("kind") is "VAR_RESET" or "VAR_RESET_ALL")
                {
                    settings = set.GetString("kind") == "VAR_RESET_ALL" ? ImmutableDictionary<string, string>.Empty : settings.Remove(variable);
                    return function;
                }

                var values = set.List("args").Select(a => a.Child("sval").GetString("sval") ?? a.StringValue ?? string.Empty);
                settings = settings.SetItem(variable, string.Join(", ", values));
                return function;
            case "reset":
                return function;
            default:
                return function;
        }
    }

    public static ParameterMode Mode(string? mode) => mode switch
    {
        "FUNC_PARAM_OUT" => ParameterMode.Out,
        "FUNC_PARAM_INOUT" => ParameterMode.InOut,
        "FUNC_PARAM_VARIADIC" => ParameterMode.Variadic,
        "FUNC_PARAM_TABLE" => ParameterMode.Table,
        _ => ParameterMode.In,
    };
}
