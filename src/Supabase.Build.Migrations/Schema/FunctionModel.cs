using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Supabase.Build.Migrations.Schema;

public enum ParameterMode
{
    In,
    Out,
    InOut,
    Variadic,

    /// <summary>A column of RETURNS TABLE (...).</summary>
    Table,
}

/// <summary>A function or procedure parameter (unnamed ones have a null name).</summary>
public sealed record FunctionParameter(string? Name, TypeRef Type, ParameterMode Mode = ParameterMode.In, bool HasDefault = false)
{
    public bool IsInput => Mode is ParameterMode.In or ParameterMode.InOut or ParameterMode.Variadic;

    public bool IsOutput => Mode is ParameterMode.Out or ParameterMode.InOut or ParameterMode.Table;
}

/// <summary>
/// A function or procedure: parameters, what it returns (<see cref="ReturnType"/> null for a procedure; <c>record</c>
/// for RETURNS TABLE and OUT parameters, whose columns are the output parameters), SETOF, language,
/// SECURITY DEFINER, its SET options (search_path among them: <see cref="SearchPath"/>), volatility, body and grants.
/// Overloads are told apart by <see cref="Signature"/>: the name and the input argument types.
/// </summary>
public sealed record FunctionModel(
    ObjectName Name,
    ImmutableList<FunctionParameter> Parameters,
    TypeRef? ReturnType,
    bool ReturnsSet,
    string Language,
    bool SecurityDefiner = false,
    string Volatility = "volatile",
    bool IsProcedure = false,
    ImmutableDictionary<string, string>? Settings = null,
    string? Body = null,
    ImmutableHashSet<Grant>? Grants = null,
    string? Comment = null,
    SchemaSource? Source = null)
{
    public ImmutableDictionary<string, string> Settings { get; init; } = Settings ?? ImmutableDictionary<string, string>.Empty;

    /// <summary>EXECUTE is granted to PUBLIC when a function is created, until revoked.</summary>
    public ImmutableHashSet<Grant> Grants { get; init; } = Grants ?? ImmutableHashSet.Create(new Grant("public", "EXECUTE"));

    /// <summary>The value of <c>SET search_path</c> on the function, or null when it has none (then it is mutable).</summary>
    public string? SearchPath => Settings.TryGetValue("search_path", out var value) ? value : null;

    public IEnumerable<FunctionParameter> InputParameters => Parameters.Where(p => p.IsInput);

    public IEnumerable<FunctionParameter> OutputParameters => Parameters.Where(p => p.IsOutput);

    public string Signature
    {
        get
        {
            // Written into a stack buffer: signatures are made for every lookup of a function by its arguments.
            var signature = new DefaultInterpolatedStringHandler(0, 0, null, stackalloc char[128]);
            AppendName(ref signature, Name);
            signature.AppendLiteral("(");
            var first = true;
            foreach (var parameter in Parameters)
            {
                if (parameter.IsInput)
                {
                    signature.AppendLiteral(first ? string.Empty : ",");
                    parameter.Type.AppendNormalized(ref signature);
                    first = false;
                }
            }

            signature.AppendLiteral(")");
            return signature.ToStringAndClear();
        }
    }

    public static string SignatureOf(ObjectName name, IEnumerable<TypeRef> inputTypes)
    {
        var signature = new DefaultInterpolatedStringHandler(0, 0, null, stackalloc char[128]);
        AppendName(ref signature, name);
        signature.AppendLiteral("(");
        var first = true;
        foreach (var type in inputTypes)
        {
            signature.AppendLiteral(first ? string.Empty : ",");
            type.AppendNormalized(ref signature);
            first = false;
        }

        signature.AppendLiteral(")");
        return signature.ToStringAndClear();
    }

    /// <summary>Appends <see cref="ObjectName.ToString"/>'s text.</summary>
    internal static void AppendName(ref DefaultInterpolatedStringHandler text, ObjectName name)
    {
        text.AppendLiteral(SqlIdentifier.Quote(name.Schema));
        text.AppendLiteral(".");
        text.AppendLiteral(SqlIdentifier.Quote(name.Name));
    }
}
