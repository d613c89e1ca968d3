using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1012AddingPrimaryKeyConstraintTests
{
    private static readonly SB1012AddingPrimaryKeyConstraint Rule = new();

    [Fact]
    public void Adding_a_primary_key_to_an_existing_table_is_rewritten_to_using_index()
    {
        const string Sql = "alter table items add primary key (id);";
        Assert.Single(RuleTest.Findings(Rule, Sql));
        Assert.Equal(
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS items_pkey ON items (id);\nALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_pkey;",
            RuleTest.ApplyFix(Rule, Sql));
    }

    [Theory]
    // squawk's issue 693: USING INDEX is the safe form.
    [InlineData("alter table account add constraint account_pk primary key using index account_pk_idx;")]
    [InlineData("create table items (id bigint); alter table items add primary key (id);")]
    [InlineData("create table items (id bigint primary key);")]
    public void Using_index_and_new_tables_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));

    [Fact]
    public void Squawk_name_is_adding_serial_primary_key_field() =>
        Assert.Empty(RuleTest.Findings(Rule, "-- squawk-ignore adding-serial-primary-key-field\nalter table items add primary key (id);"));
}
