namespace Supabase.Build.PgQuery.Tests;

/// <summary>
/// Valid PostgreSQL 16 and 17 SQL that the old 15 grammar rejected (a build-breaking SB0001 for every PostgreSQL 17
/// project) parses with the bundled parser, into the nodes the engine reads.
/// </summary>
public class PostgreSql17GrammarTests
{
    private static readonly PgParser Parser = PgParser.Load();

    [Theory]
    [InlineData("merge into t using s on t.id = s.id when matched then delete returning merge_action(), t.*", "MergeStmt")]
    [InlineData("merge into t using s on t.id = s.id when not matched by source then delete", "MergeStmt")]
    [InlineData("select * from json_table('[1,2]'::jsonb, '$[*]' columns (v int path '$')) as jt", "SelectStmt")]
    [InlineData("select json_object('a': 1 returning jsonb)", "SelectStmt")]
    [InlineData("select '{}'::text is json object", "SelectStmt")]
    [InlineData("select json_value(j, '$.a'), json_query(j, '$.b'), json_exists(j, '$.c') from t", "SelectStmt")]
    [InlineData("alter table t alter column c set expression as (a + 1)", "AlterTableStmt")]
    [InlineData("select 1_000_000, 0x1F, 0o17, 0b101", "SelectStmt")]
    [InlineData("grant r to u with inherit false", "GrantRoleStmt")]
    [InlineData("alter table t alter column c set statistics default", "AlterTableStmt")]
    [InlineData("select * from (select 1)", "SelectStmt")]
    public void Parses_what_PostgreSQL_17_accepts(string sql, string node)
    {
        var result = Parser.Parse(sql);

        Assert.True(result.Error is null, $"{sql}: {result.Error?.Message}");
        Assert.True(Assert.Single(result.Statements).Node.Is(node));
    }

    [Fact]
    public void Reads_negative_integer_constants()
    {
        // libpg_query 15-4.0's JSON output dropped negative integers (read as 0); 17's keeps them.
        var constant = Parser.Parse("select -5").Statements[0].Node.List("targetList")[0].Child("val");

        Assert.True(constant.Is("A_Const"));
        Assert.Equal(-5, constant.Child("ival").GetInt("ival"));
    }
}
