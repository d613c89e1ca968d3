namespace Supabase.Build.Migrations.CodeGen;

/// <summary>How json and jsonb columns are typed.</summary>
public enum JsonMapping
{
    /// <summary><c>string</c>: the JSON text, as Npgsql reads it by default.</summary>
    Text,

    /// <summary><c>System.Text.Json.JsonDocument</c>, which Npgsql also reads and writes.</summary>
    JsonDocument,
}

/// <summary>What the C# model generator writes.</summary>
public sealed record ModelGeneratorOptions
{
    /// <summary>The namespace of every generated type (MSBuild default: <c>$(RootNamespace).Supabase</c>).</summary>
    public string Namespace { get; init; } = "Supabase.Models";

    /// <summary>The schemas whose objects are generated, in order; names in the first have no schema prefix.</summary>
    public IReadOnlyList<string> Schemas { get; init; } = new[] { "public" };

    public JsonMapping Json { get; init; } = JsonMapping.Text;

    /// <summary>
    /// Emit Npgsql's <c>[PgName]</c> on enum labels and composite attributes, Npgsql-specific CLR types (ranges, cidr,
    /// tsvector) and a <c>MapSupabaseTypes()</c> extension for <c>NpgsqlDataSourceBuilder</c>. Needs a reference to
    /// Npgsql in the consuming project.
    /// </summary>
    public bool NpgsqlAttributes { get; init; } = true;

    /// <summary>Where the model came from, for the header: e.g. "supabase/migrations (3 files)" or "database postgres@127.0.0.1:54322/postgres".</summary>
    public string SourceDescription { get; init; } = "the migrations";
}
