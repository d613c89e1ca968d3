using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1007AddingForeignKeyConstraintTests
{
    private static readonly SB1007AddingForeignKeyConstraint Rule = new();

    [Fact]
    public void Adding_a_validated_foreign_key_is_an_error_whose_fix_splits_it_across_two_migrations()
    {
        const string Sql = "alter table orders add constraint orders_user_fk foreign key (user_id) references users (id);";
        var diagnostic = Assert.Single(RuleTest.Findings(Rule, Sql));
        Assert.Contains("NOT VALID", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("users", diagnostic.Message, StringComparison.Ordinal);

        var files = RuleTest.ApplyFixes(Rule, Sql);
        Assert.Equal("alter table orders add constraint orders_user_fk foreign key (user_id) references users (id) NOT VALID;", files["20240101000000_m.sql"]);
        Assert.Equal("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\n", files["20240101000001_validate_constraints.sql"]);
    }

    [Fact]
    public void A_new_column_with_references_is_flagged_too() =>
        Assert.Single(RuleTest.Findings(Rule, "alter table posts add column author uuid references auth.users (id);"));

    [Theory]
    [InlineData("alter table orders add constraint fk foreign key (user_id) references users (id) not valid;")]
    [InlineData("create table orders (id bigint, user_id uuid references users (id));")]
    [InlineData("create table orders (id bigint, user_id uuid); alter table orders add constraint fk foreign key (user_id) references users (id);")]
    [InlineData("alter table orders validate constraint fk;")]
    public void Not_valid_new_tables_and_a_validate_of_its_own_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));

    [Fact]
    public void Validate_in_the_same_migration_as_the_not_valid_add_is_flagged()
    {
        var diagnostic = Assert.Single(RuleTest.Findings(Rule, "alter table orders add constraint fk foreign key (user_id) references users (id) not valid;\nalter table orders validate constraint fk;"));

        Assert.Equal(2, diagnostic.Span.Start.Line);
        Assert.Contains("same transaction", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_in_a_later_migration_is_fine() =>
        Assert.Empty(RuleTest.History(Rule, null, "alter table orders add constraint fk foreign key (user_id) references users (id) not valid;", "alter table orders validate constraint fk;"));
}
