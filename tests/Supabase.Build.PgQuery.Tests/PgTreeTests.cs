namespace Supabase.Build.PgQuery.Tests;

/// <summary>The parse tree read from libpg_query's JSON: string escapes, numbers, depth, and the node API over it.</summary>
public class PgTreeTests
{
    private static readonly PgParser Parser = PgParser.Load();

    [Theory]
    [InlineData("select 'it''s';", "it's")]
    [InlineData(@"select E'tab\there\\ and \'quote\'';", "tab\there\\ and 'quote'")]
    [InlineData("select 'line\nbreak \"dq\" /slash/';", "line\nbreak \"dq\" /slash/")]
    [InlineData("select 'héllo ✓ 😀';", "héllo ✓ 😀")]
    [InlineData("select U&'\\0041\\00e9';", "Aé")]
    [InlineData("select E'\\x01\\x1f';", "\u0001\u001f")]
    public void String_constants_read_back_exactly(string sql, string expected)
    {
        var constant = Parser.Parse(sql).Statements[0].Node.DescendantsAndSelf().First(n => n.Is("A_Const"));

        Assert.Equal(expected, constant.Child("sval").GetString("sval"));
    }

    [Fact]
    public void Numbers_booleans_and_negative_values_read_back()
    {
        var node = Parser.Parse("create sequence s start with 2147483647;").Statements[0].Node;
        var column = Parser.Parse("create table t (a int);").Statements[0].Node;

        Assert.Equal(int.MaxValue, node.List("options").Single().Child("arg").GetInt("ival"));
        Assert.Equal(-1, column.List("tableElts").Single().Child("typeName").GetInt("typemod"));
        Assert.True(column.Child("relation").GetBool("inh"));
    }

    [Fact]
    public void A_list_answers_any_all_and_first_matching_as_linq_does()
    {
        var columns = Parser.Parse("create table t (a int, b text, c int);").Statements[0].Node.List("tableElts");
        var empty = Parser.Parse("select;").Statements[0].Node.List("targetList");

        Assert.True(columns.Any(c => c.GetString("colname") == "b"));
        Assert.False(columns.Any(c => c.GetString("colname") == "z"));
        Assert.True(columns.All(c => c.Is("ColumnDef")));
        Assert.False(columns.All(c => c.GetString("colname") == "a"));
        Assert.Equal("c", columns.FirstOrDefault(c => c.GetString("colname") is "c" or "z").GetString("colname"));
        Assert.True(columns.FirstOrDefault(c => c.GetString("colname") == "z").IsMissing);
        Assert.False(empty.Any(_ => true));
        Assert.True(empty.All(_ => false));
        Assert.True(empty.FirstOrDefault(_ => true).IsMissing);
    }

    [Fact]
    public void Descendants_come_depth_first_in_field_order()
    {
        var node = Parser.Parse("select a from t where b = 1 and c = 2;").Statements[0].Node;

        var columns = node.DescendantsAndSelf().Where(n => n.Is("ColumnRef")).Select(n => n.List("fields").Single().StringValue);

        Assert.Equal(new[] { "a", "b", "c" }, columns);
    }

    [Fact]
    public void Nesting_far_deeper_than_a_call_stack_would_like_is_read()
    {
        var depth = 2000;
        var sql = "select " + string.Concat(Enumerable.Repeat("array[", depth)) + "1" + new string(']', depth) + ";";

        var result = Parser.Parse(sql);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(depth, result.Statements[0].Node.DescendantsAndSelf().Count(n => n.Is("A_ArrayExpr")));
    }

    [Fact]
    public void Fields_and_text_show_the_node_as_json()
    {
        var relation = Parser.Parse("drop table public.t;").Statements[0].Node;

        Assert.Equal("OBJECT_TABLE", relation.Fields.GetProperty("removeType").GetString());
        Assert.StartsWith("DropStmt {\"objects\":", relation.ToString(), StringComparison.Ordinal);
        Assert.Equal("(missing)", relation.Child("nope").ToString());
    }

    [Fact]
    public void A_string_value_is_decoded_once_and_then_kept()
    {
        var statements = Parser.Parse("create table a (x int); create table b (y int);").Statements;

        var first = statements[0].Node.Child("relation").GetString("relname");
        Assert.Equal("a", first);
        Assert.Equal("b", statements[1].Node.Child("relation").GetString("relname"));
        Assert.Same(statements[0].Node.GetString("oncommit"), statements[0].Node.GetString("oncommit")); // decoded once, then kept
    }
}
