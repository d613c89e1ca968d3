using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2010UnindexedForeignKeyTests
{
    private const string Parents = "create table parents (id bigint primary key, code int, unique (id, code));\n";
    private static readonly SB2010UnindexedForeignKey Rule = new();

    [Fact]
    public void A_foreign_key_without_an_index_is_info_at_the_statement_that_made_it()
    {
        var findings = SchemaRuleTest.Findings(Rule, Parents + "create table children (id bigint primary key, parent_id bigint references parents);");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Info, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains("create index on public.children (parent_id)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_in_a_later_file_counts()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule,
            Parents + "create table children (id bigint primary key, parent_id bigint references parents);",
            "create index children_parent_idx on public.children (parent_id, id);"));
    }

    [Fact]
    public void Dropping_the_index_later_brings_it_back()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            Parents + "create table children (id bigint primary key, parent_id bigint);\ncreate index children_parent_idx on children (parent_id);",
            "alter table children add constraint children_parent_fk foreign key (parent_id) references parents (id);\ndrop index children_parent_idx;");

        Assert.Equal(new[] { "m1:1" }, SchemaRuleTest.Places(findings));
    }

    [Theory]
    [InlineData("create table children (parent_id bigint, code int, foreign key (parent_id, code) references parents (id, code), primary key (code, parent_id));")] // leading columns, any order
    [InlineData("create table children (parent_id bigint primary key references parents);")] // the primary key's index
    [InlineData("create table \"Kids\" (\"Parent\" bigint references parents); create index on \"Kids\" (\"Parent\");")]
    [InlineData("create table children (parent_id bigint references parents); drop table children;")]
    [InlineData("create table auth.links (user_id uuid references auth.users);")] // the platform's schema
    public void Covered_dropped_or_platform_keys_are_fine(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, Parents + sql));

    [Theory]
    [InlineData("create index on children (code, other, parent_id);")] // not leading
    [InlineData("create index on children (parent_id);")] // only one of the two columns
    [InlineData("create index on children (parent_id, code) where code > 0;")] // partial: leaves rows out
    [InlineData("create index on children (lower(other), parent_id, code);")] // an expression leads
    public void Indexes_that_do_not_lead_with_the_whole_key_do_not_cover_it(string index)
    {
        var findings = SchemaRuleTest.Findings(Rule,
            Parents + "create table children (parent_id bigint, code int, other text, constraint children_parent_fk foreign key (parent_id, code) references parents (id, code));\n" + index);

        Assert.Contains("children_parent_fk", Assert.Single(findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_and_schema_qualified_names_are_resolved()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create schema shop;\ncreate table shop.\"Orders\" (id bigint primary key);\ncreate table shop.lines (\"Order\" bigint references shop.\"Orders\", \"order\" bigint);\ncreate index on shop.lines (\"order\");");

        // "Order" is not order: the index is on another column, so the key stays unindexed.
        Assert.Equal(new[] { "m0:3" }, SchemaRuleTest.Places(findings));
    }
}
