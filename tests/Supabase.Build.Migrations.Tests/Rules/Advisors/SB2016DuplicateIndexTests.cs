using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2016DuplicateIndexTests
{
    private const string Table = "create table posts (id bigint primary key, author uuid, slug text, deleted_at timestamptz);\n";
    private static readonly SB2016DuplicateIndex Rule = new();

    [Fact]
    public void The_later_of_two_identical_indexes_is_reported()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            Table + "create index posts_z_author on posts (author, slug);",
            "create index posts_a_author on public.posts using btree (author, slug);");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal(new[] { "m1:1" }, SchemaRuleTest.Places(findings));
        Assert.Contains("public.posts_a_author duplicates public.posts_z_author", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_duplicating_a_constraint_is_the_one_reported_even_when_earlier()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            Table + "create unique index posts_slug_idx on posts (slug);",
            "alter table posts add constraint posts_slug_key unique (slug);");

        Assert.Contains("drop index public.posts_slug_idx;", Assert.Single(findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_predicate_written_differently_is_the_same()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            Table + "create index live_a on posts (author) where deleted_at is null;\ncreate index live_b on posts (author) WHERE ((deleted_at IS NULL));");

        Assert.Equal(new[] { "m0:3" }, SchemaRuleTest.Places(findings));
    }

    [Theory]
    [InlineData("create index a on posts (author, slug); create index b on posts (slug, author);")] // order
    [InlineData("create index a on posts (author); create unique index b on posts (author);")] // uniqueness
    [InlineData("create index a on posts (slug); create index b on posts using hash (slug);")] // method
    [InlineData("create index a on posts (author) where deleted_at is null; create index b on posts (author);")] // predicate
    [InlineData("create index a on posts (author) where deleted_at is null; create index b on posts (author) where deleted_at is not null;")]
    [InlineData("create index a on posts (lower(slug)); create index b on posts (upper(slug));")] // expressions: not kept
    [InlineData("create index a on posts (author); create index b on posts (author); drop index b;")]
    [InlineData("create table drafts (author uuid); create index a on posts (author); create index b on drafts (author);")]
    [InlineData("create index \"A\" on posts (author); create index a on posts (\"author\") where false; drop index \"A\";")]
    public void Different_or_dropped_indexes_are_fine(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, Table + sql));

    [Fact]
    public void Quoted_and_schema_qualified_names_are_reported_as_such()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create schema blog;\ncreate table blog.\"Posts\" (\"Author\" uuid);\ncreate index \"ByAuthor\" on blog.\"Posts\" (\"Author\");",
            "drop index blog.\"ByAuthor\";\ncreate index \"ByAuthor\" on blog.\"Posts\" (\"Author\");\ncreate index \"ByAuthor2\" on blog.\"Posts\" (\"Author\");");

        Assert.Equal(new[] { "m1:3" }, SchemaRuleTest.Places(findings));
        Assert.Contains("blog.\"ByAuthor2\" duplicates blog.\"ByAuthor\"", findings[0].Message, StringComparison.Ordinal);
    }
}
