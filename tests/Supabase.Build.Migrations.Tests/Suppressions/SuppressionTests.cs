using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Suppressions;

public class SuppressionTests
{
    private static List<int> LinesFlagged(string sql)
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_a.sql", sql);
        return workspace.Lint().Diagnostics.Where(d => d.Id == "SB1003").Select(d => d.Span.Start.Line).ToList();
    }

    [Theory]
    [InlineData("-- supabase-lint-ignore SB1003")]
    [InlineData("-- supabase-lint-ignore require-concurrent-index-creation: tiny lookup table")]
    [InlineData("-- squawk-ignore require-concurrent-index-creation")]
    [InlineData("/* supabase-lint-ignore SB1004, SB1003 */")]
    [InlineData("-- SUPABASE-LINT-IGNORE sb1003")]
    public void A_comment_before_a_statement_suppresses_the_named_rule_for_that_statement(string comment)
    {
        Assert.Equal(new[] { 3 }, LinesFlagged($"{comment}\ncreate index a on t(a);\ncreate index b on t(b);"));
    }

    [Theory]
    [InlineData("-- supabase-lint-ignore SB1001")]
    [InlineData("-- supabase-lint-ignore-me SB1003")]
    [InlineData("-- please supabase-lint-ignore SB1003")]
    public void Other_rules_and_near_miss_directives_suppress_nothing(string comment)
    {
        Assert.Equal(new[] { 2, 3 }, LinesFlagged($"{comment}\ncreate index a on t(a);\ncreate index b on t(b);"));
    }

    [Theory]
    [InlineData("-- supabase-lint-ignore-file SB1003")]
    [InlineData("-- squawk-ignore-file require-concurrent-index-creation")]
    public void A_file_level_comment_anywhere_suppresses_the_rule_in_the_whole_file(string comment)
    {
        Assert.Empty(LinesFlagged($"create index a on t(a);\n{comment}\ncreate index b on t(b);"));
    }

    [Fact]
    public void A_comment_after_a_statement_belongs_to_the_next_one()
    {
        Assert.Equal(new[] { 1 }, LinesFlagged("create index a on t(a); -- supabase-lint-ignore SB1003\ncreate index b on t(b);"));
    }
}
