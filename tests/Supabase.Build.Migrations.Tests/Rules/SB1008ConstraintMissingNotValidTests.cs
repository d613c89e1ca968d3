using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1008ConstraintMissingNotValidTests
{
    private static readonly SB1008ConstraintMissingNotValid Rule = new();

    [Fact]
    public void A_validated_check_on_an_existing_table_is_an_error_with_a_two_migration_fix()
    {
        const string Sql = "alter table accounts add constraint positive_balance check (balance >= 0);";
        Assert.Single(RuleTest.Findings(Rule, Sql));

        var files = RuleTest.ApplyFixes(Rule, Sql);
        Assert.Equal("alter table accounts add constraint positive_balance check (balance >= 0) NOT VALID;", files["20240101000000_m.sql"]);
        Assert.Equal("ALTER TABLE accounts VALIDATE CONSTRAINT positive_balance;\n", files["20240101000001_validate_constraints.sql"]);
    }

    [Theory]
    [InlineData("alter table accounts add constraint c check (balance >= 0) not valid;")]
    [InlineData("create table accounts (balance int); alter table accounts add constraint c check (balance >= 0);")]
    [InlineData("create temp table scratch (n int); alter table scratch add check (n > 0);")]
    // squawk's issue 693: a primary key (or unique) constraint USING INDEX is not a CHECK and has nothing to validate.
    [InlineData("alter table account add constraint account_pk primary key using index account_pk_idx;")]
    [InlineData("alter table account add constraint account_email_key unique using index account_email_idx;")]
    public void Not_valid_new_tables_and_using_index_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));

    [Fact]
    public void An_unnamed_check_is_flagged_without_a_fix() =>
        Assert.Null(Assert.Single(RuleTest.Findings(Rule, "alter table accounts add check (balance >= 0);")).Fix);

    [Fact]
    public void Validate_in_the_same_migration_is_flagged() =>
        Assert.Contains("same transaction", Assert.Single(RuleTest.Findings(Rule, "alter table a add constraint c check (x > 0) not valid;\nalter table a validate constraint c;")).Message, StringComparison.Ordinal);
}
