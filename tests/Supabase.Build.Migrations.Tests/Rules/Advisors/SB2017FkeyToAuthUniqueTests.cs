using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

public class SB2017FkeyToAuthUniqueTests
{
    private static readonly SB2017FkeyToAuthUnique Rule = new();

    [Fact]
    public void A_foreign_key_to_a_unique_column_of_auth_users_is_an_error()
    {
        var findings = SchemaRuleTest.Findings(Rule, "-- contacts\ncreate table public.contacts (id bigint primary key, phone text references auth.users (phone));");

        var finding = Assert.Single(findings);
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.Equal(new[] { "m0:2" }, SchemaRuleTest.Places(findings));
        Assert.Contains("auth.users (phone)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_added_later_by_alter_table_is_reported_there()
    {
        var findings = SchemaRuleTest.Findings(Rule,
            "create schema private;\ncreate table private.contacts (phone text);",
            "alter table private.contacts add constraint \"Contact phone\" foreign key (phone) references auth.users (phone);");

        Assert.Equal(new[] { "m1:1" }, SchemaRuleTest.Places(findings));
        Assert.Contains("\"Contact phone\"", findings[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create table profiles (id uuid primary key references auth.users);")]
    [InlineData("create table profiles (id uuid primary key references auth.users (id) on delete cascade);")]
    [InlineData("create table profiles (user_id uuid, foreign key (user_id) references \"auth\".\"users\" (\"id\"));")]
    [InlineData("create table people (email text unique); create table notes (email text references people (email));")] // not auth
    [InlineData("create table contacts (phone text references auth.users (phone)); alter table contacts drop constraint contacts_phone_fkey;")]
    [InlineData("create table contacts (phone text references auth.users (phone)); drop table contacts;")]
    public void Primary_key_references_other_schemas_and_dropped_keys_are_fine(string sql) =>
        Assert.Empty(SchemaRuleTest.Findings(Rule, sql));

    [Fact]
    public void A_key_dropped_and_recreated_against_the_primary_key_is_fine()
    {
        Assert.Empty(SchemaRuleTest.Findings(Rule,
            "create table contacts (user_id uuid, phone text, constraint contacts_user_fk foreign key (phone) references auth.users (phone));",
            "alter table contacts drop constraint contacts_user_fk;\nalter table contacts add constraint contacts_user_fk foreign key (user_id) references auth.users (id);"));
    }
}
