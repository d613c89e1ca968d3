using System.Text;

namespace Supabase.Build.PgQuery.Tests;

public class PgParserTests
{
    private static readonly PgParser Parser = PgParser.Load();

    [Fact]
    public void Parse_returns_each_statement_with_its_byte_range_and_node_kind()
    {
        const string sql = "create table t(a int);\n-- hi\nDROP TABLE x;";

        var result = Parser.Parse(sql);

        Assert.True(result.Succeeded);
        Assert.Collection(
            result.Statements,
            s => Assert.Equal(("CreateStmt", 0, 21), (s.Node.Kind, s.Location, s.Length)),
            s => Assert.Equal(("DropStmt", 22, 19), (s.Node.Kind, s.Location, s.Length)));
    }

    [Fact]
    public void Node_model_walks_fields_lists_and_descendants()
    {
        var statement = Parser.Parse("create index concurrently if not exists i on public.t (a, lower(b));").Statements[0].Node;

        Assert.True(statement.Is("IndexStmt"));
        Assert.True(statement.GetBool("concurrent"));
        Assert.True(statement.GetBool("if_not_exists"));
        Assert.Equal("public", statement.Child("relation").GetString("schemaname"));
        Assert.Equal(2, statement.List("indexParams").Count);
        Assert.Contains(statement.DescendantsAndSelf(), n => n.Is("FuncCall"));
        Assert.True(statement.Child("nope").IsMissing);
    }

    [Fact]
    public void Deeply_nested_expressions_parse()
    {
        var sql = "select " + string.Concat(Enumerable.Repeat("(1 + ", 100)) + "1" + new string(')', 100) + ";";

        Assert.True(Parser.Parse(sql).Succeeded);
    }

    [Fact]
    public void Locations_of_a_fragment_are_shifted_into_the_whole_text()
    {
        var text = Encoding.UTF8.GetBytes("select 1; create table t(a int);");

        var fragment = Parser.Parse(text.AsSpan(10), baseOffset: 10).Statements[0];

        Assert.Equal(10, fragment.Location);
        Assert.Equal(23, fragment.Node.Child("relation").Location);
    }

    [Fact]
    public void Syntax_error_carries_a_zero_based_byte_cursor()
    {
        var result = Parser.Parse("select from from;");

        Assert.False(result.Succeeded);
        Assert.Empty(result.Statements);
        Assert.Equal(12, result.Error!.CursorOffset);
        Assert.Contains("syntax error", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_error_after_multibyte_text_maps_to_the_character_column()
    {
        // "é" is two bytes: the parser's byte cursor must become a character column.
        var source = SourceText.From("select 'é', 1;\r\nselect from from;");

        var error = Parser.Parse(source.Utf8).Error!;

        Assert.Equal(new SourcePosition(2, 13), source.PositionOf(error.CursorOffset!.Value));
    }

    [Fact]
    public void Error_cursor_is_a_byte_offset_even_though_postgres_counts_characters()
    {
        // PostgreSQL reports error positions in characters; "日本" is 2 characters but 6 bytes.
        var sql = Encoding.UTF8.GetBytes("select '日本' from from;");

        var error = Parser.Parse(sql).Error!;

        Assert.Equal(Encoding.UTF8.GetByteCount("select '日本' from "), error.CursorOffset);
    }

    [Fact]
    public void Scan_returns_comments_strings_and_semicolons_with_offsets()
    {
        var tokens = Parser.Scan("select 'a'; -- c\n/* b */ \"X\"").Tokens;

        Assert.Equal(
            new[] { PgTokenKind.Keyword, PgTokenKind.StringConstant, PgTokenKind.Semicolon, PgTokenKind.LineComment, PgTokenKind.BlockComment, PgTokenKind.Identifier },
            tokens.Select(t => t.Kind));
        Assert.Equal((12, 16), (tokens[3].Start, tokens[3].End));
    }

    [Fact]
    public void Scan_reports_an_unterminated_dollar_quote_at_its_start()
    {
        var result = Parser.Scan("select 1;\ndo $$ begin");

        Assert.NotNull(result.Error);
        Assert.Equal(13, result.Error!.CursorOffset);
    }

    [Fact]
    public void Split_with_parser_keeps_semicolons_inside_strings_and_bodies()
    {
        var split = Parser.SplitWithParser(Encoding.UTF8.GetBytes("select 'a;b'; create function f() returns int as $$ select 1; $$ language sql; select 2"));

        Assert.Null(split.Error);
        Assert.Equal(3, split.Statements.Count);
    }

    [Fact]
    public void Plpgsql_parse_exposes_embedded_sql_with_body_line_numbers()
    {
        var result = Parser.ParsePlpgsql("create function f() returns void language plpgsql as $$\nbegin\n  drop table x;\nend $$;");

        Assert.Null(result.Error);
        var function = Assert.Single(result.Functions);
        var sql = function.DescendantsAndSelf().Single(n => n.Is("PLpgSQL_stmt_execsql"));
        Assert.Equal(3, sql.GetInt("lineno"));
    }

    [Fact]
    public void Fingerprint_ignores_constants_and_formatting()
    {
        var a = Parser.Fingerprint("select * from t where a = 1");
        var b = Parser.Fingerprint("SELECT *\nFROM t WHERE a = 42");

        Assert.Equal(a.Value, b.Value);
        Assert.Equal(16, a.Hex.Length);
        Assert.NotEqual(a.Value, Parser.Fingerprint("select * from u").Value);
    }

    [Fact]
    public void One_parser_serves_many_threads()
    {
        var sql = string.Join("\n", Enumerable.Range(0, 200).Select(i => $"create table t{i}(id bigint primary key, v text);"));

        var counts = Enumerable.Range(0, 64).AsParallel().WithDegreeOfParallelism(8).Select(_ => Parser.Parse(sql).Statements.Count).ToList();

        Assert.All(counts, c => Assert.Equal(200, c));
    }
}
