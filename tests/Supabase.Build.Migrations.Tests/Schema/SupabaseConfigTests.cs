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
        Assert.Equal(PostgresVersionSource.ConfigToml, config.PostgresVersion.Source);
        Assert.Equal(new[] { "a", "b" }, ModelSources.Schemas("a; b", config));
        Assert.Equal(config.ApiSchemas, ModelSources.Schemas(null, config));
    }

    [Fact]
    public void Missing_file_or_sections_give_the_defaults_and_bad_TOML_a_FormatException_with_its_position()
    {
        Assert.Equal(new[] { "public" }, SupabaseConfig.Load(null).ApiSchemas);
        Assert.Equal(PostgresVersion.Default, SupabaseConfig.Parse("project_id = \"x\"\n").PostgresVersion);
        var bad = Assert.Throws<FormatException>(() => SupabaseConfig.Parse("[api\nschemas = [\"public\"]\n", "supabase/config.toml"));
        Assert.StartsWith("supabase/config.toml(1,", bad.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => SupabaseConfig.Parse("[api]\nschemas = \"public\"\n"));

        Assert.Throws<FormatException>(() => SupabaseConfig.Parse("[db]\nmajor_version = \"15\"\n"));
        Assert.Throws<FormatException>(() => SupabaseConfig.Parse("[db]\nmajor_version = 0\n"));

        var none = SupabaseConfig.Parse("[api]\nschemas = []\n");
        Assert.Empty(none.ApiSchemas);
        Assert.Equal(new[] { "public" }, ModelSources.Schemas(null, none));
    }

    [Fact]
    public void No_major_version_means_17_what_supabase_init_writes_today()
    {
        Assert.Equal(17, SupabaseConfig.DefaultMajorVersion);
        Assert.Equal(SupabaseConfig.DefaultMajorVersion, Migrations.Linting.LintOptions.DefaultPostgresMajorVersion);
        Assert.Equal(new PostgresVersion(17, PostgresVersionSource.Default), SupabaseConfig.Load(null).PostgresVersion);
        Assert.Equal(17, SupabaseConfig.Parse("[db]\nport = 54322\n").MajorVersion);
        Assert.Equal("supabase/config.toml says major_version = 15", SupabaseConfig.Parse("[db]\nmajor_version = 15\n").PostgresVersion.Describe());
    }
}
