using Supabase.Build.Migrations.CodeGen;
using Supabase.Build.Migrations.Configuration;

namespace Supabase.Build.Migrations.Tests.Schema;

public sealed class SupabaseConfigTests
{
    [Fact]
    public void Reads_api_schemas_and_db_major_version_with_a_real_TOML_parser()
    {
        var config = SupabaseConfig.Parse("""
            # a supabase init file
            project_id = "x"
            [api]
            enabled = true
            schemas = ["public", "graphql_public", 'private'] # trailing comment
            extra_search_path = ["public", "extensions"]
            [db]
            major_version = 17
            [db.pooler]
            enabled = false
            """);

        Assert.Equal(new[] { "public", "graphql_public", "private" }, config.ApiSchemas);
        Assert.Equal(17, config.MajorVersion);
        Assert.Equal(new[] { "a", "b" }, ModelSources.Schemas("a; b", config));
        Assert.Equal(config.ApiSchemas, ModelSources.Schemas(null, config));
    }

    [Fact]
    public void Missing_file_or_sections_give_the_defaults_and_bad_TOML_a_FormatException_with_its_position()
    {
        Assert.Equal(new[] { "public" }, SupabaseConfig.Load(null).ApiSchemas);
        Assert.Equal(15, SupabaseConfig.Parse("project_id = \"x\"\n").MajorVersion);
        var bad = Assert.Throws<FormatException>(() => SupabaseConfig.Parse("[api\nschemas = [\"public\"]\n", "supabase/config.toml"));
        Assert.StartsWith("supabase/config.toml(1,", bad.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => SupabaseConfig.Parse("[api]\nschemas = \"public\"\n"));

        var none = SupabaseConfig.Parse("[api]\nschemas = []\n");
        Assert.Empty(none.ApiSchemas);
        Assert.Equal(new[] { "public" }, ModelSources.Schemas(null, none));
    }
}
