using System.Text;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Parsing;

public class MigrationParserTests
{
    private static readonly MigrationFile File = new("/tmp/20240101000000_x.sql", "20240101000000", "x");

    private static ParsedMigration Parse(string sql) => Parse(Encoding.UTF8.GetBytes(sql));

    private static ParsedMigration Parse(byte[] bytes) => new MigrationParser(MigrationWorkspace.Parser).Parse(File, bytes);

    [Fact]
    public void Statement_spans_start_at_the_first_token_after_leading_comments()
    {
        var migration = Parse("-- header\n\n  create table a(id int);\n/* why */ drop table a;");

        Assert.Collection(
            migration.Statements,
            s => Assert.Equal((3, 3, 3, 25), (s.Span.Start.Line, s.Span.Start.Column, s.Span.End.Line, s.Span.End.Column)),
            s => Assert.Equal((4, 11), (s.Span.Start.Line, s.Span.Start.Column)));
        Assert.Equal("-- header", migration.Source!.Slice(migration.Statements[0].LeadingComments[0].Start, 9));
        Assert.Equal("drop table a", migration.TextOf(migration.Statements[1]));
    }

    [Fact]
    public void A_rejected_statement_is_SB0001_at_its_position_and_the_others_are_kept()
    {
        var migration = Parse("create table a(id int);\ncreate tabel b(id int);\ncreate index i on a(id);");

        var error = Assert.Single(migration.Diagnostics);
        Assert.Equal(("SB0001", 2, 8), (error.Id, error.Span.Start.Line, error.Span.Start.Column));
        Assert.Contains("syntax error at or near \"tabel\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "CreateStmt", "IndexStmt" }, migration.Statements.Select(s => s.Node.Kind));
        Assert.Equal(3, migration.Statements[1].Span.Start.Line);
    }

    [Fact]
    public void A_rejection_without_a_parser_position_is_SB0001_at_its_statement_not_at_the_top_of_the_file()
    {
        // The grammar raises this one without a cursor position.
        var migration = Parse("create table a(id int);\n\n  alter table a alter constraint a_fk not valid;\nselect 1;");

        var error = Assert.Single(migration.Diagnostics);
        Assert.Equal(("SB0001", 3, 3), (error.Id, error.Span.Start.Line, error.Span.Start.Column));
        Assert.Contains("cannot be marked NOT VALID", error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "CreateStmt", "SelectStmt" }, migration.Statements.Select(s => s.Node.Kind));
    }

    [Fact]
    public void Several_rejected_statements_are_each_reported_and_every_valid_one_is_kept()
    {
        var migration = Parse("select 1;\nselec 2;\nselect 3; select 4;\ncreate tabel x();\n\nselect 5;\ninsert into;\n");

        Assert.Equal(new[] { (2, 1), (4, 8), (7, 12) }, migration.Diagnostics.Select(d => (d.Span.Start.Line, d.Span.Start.Column)));
        Assert.Equal(new[] { 1, 3, 3, 6 }, migration.Statements.Select(s => s.Span.Start.Line));
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 5, 31, 32, 33, 63, 64, 99 })] // around the parser's batches of 32 statements, and the last one
    [InlineData(new[] { 30, 31 })]
    public void Errors_anywhere_in_a_long_file_are_each_reported_once_and_every_other_statement_is_kept(int[] rejected)
    {
        // One statement a line; a BEGIN ATOMIC body (semicolons inside one statement) across the first batch's end.
        var lines = Enumerable.Range(0, 100).Select(i => rejected.Contains(i) ? $"create tabel t{i}(id int);"
            : i == 31 ? "create function f() returns int language sql begin atomic select 1; select 2; end;"
            : $"create table t{i}(id int);").ToList();

        var migration = Parse(string.Join("\n", lines));

        Assert.Equal(rejected.Select(i => i + 1), migration.Diagnostics.Select(d => d.Span.Start.Line));
        Assert.All(migration.Diagnostics, d => Assert.Equal(("SB0001", 8), (d.Id, d.Span.Start.Column)));
        var kept = Enumerable.Range(0, 100).Where(i => !rejected.Contains(i)).ToList();
        Assert.Equal(kept.Select(i => i + 1), migration.Statements.Select(s => s.Span.Start.Line));
        Assert.Equal(kept.Select(i => i == 31 ? "CreateFunctionStmt" : "CreateStmt"), migration.Statements.Select(s => s.Node.Kind));
        Assert.All(migration.Statements.Where(s => s.Node.Kind == "CreateStmt"), s => Assert.Equal($"create table t{s.Span.Start.Line - 1}(id int)", migration.TextOf(s)));
    }

    [Fact]
    public void An_unterminated_dollar_quote_is_SB0001_where_it_starts_and_earlier_statements_survive()
    {
        var migration = Parse("create table a(id int);\n\ndo $$ begin perform 1;\n");

        var error = Assert.Single(migration.Diagnostics);
        Assert.Equal(("SB0001", 3, 4), (error.Id, error.Span.Start.Line, error.Span.Start.Column));
        Assert.Equal("unterminated dollar-quoted string at or near \"$$ begin perform 1;...\"", error.Message);
        Assert.Equal("CreateStmt", Assert.Single(migration.Statements).Node.Kind);
    }

    [Fact]
    public void Bom_and_crlf_do_not_shift_positions()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("select 1;\r\n\r\nselect from from;\r\n")).ToArray();

        var migration = Parse(bytes);

        var error = Assert.Single(migration.Diagnostics);
        Assert.Equal((3, 13), (error.Span.Start.Line, error.Span.Start.Column));
    }

    [Fact]
    public void Non_ascii_text_before_an_error_does_not_shift_its_column()
    {
        var migration = Parse("comment on table t is 'Übersicht – naïve';\nselect 'ü' from from;");

        var error = Assert.Single(migration.Diagnostics);
        Assert.Equal((2, 17), (error.Span.Start.Line, error.Span.Start.Column));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_one_SB0008_at_the_first_bad_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("select 1;\ncomment on table t is '").Concat(new byte[] { 0xFC, (byte)'\'', (byte)';' }).ToArray();

        var migration = Parse(bytes);

        var error = Assert.Single(migration.Diagnostics);
        Assert.Equal(("SB0008", 2, 24), (error.Id, error.Span.Start.Line, error.Span.Start.Column));
        Assert.Empty(migration.Statements);
    }

    [Fact]
    public void A_nul_byte_is_SB0008()
    {
        var migration = Parse(new byte[] { (byte)'s', 0, (byte)';' });

        Assert.Equal("SB0008", Assert.Single(migration.Diagnostics).Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-- nothing yet\n")]
    [InlineData("  \n\n")]
    public void A_file_without_statements_is_SB0006(string sql)
    {
        Assert.Equal("SB0006", Assert.Single(Parse(sql).Diagnostics).Id);
    }

    [Fact]
    public void Psql_meta_commands_are_syntax_errors_not_crashes()
    {
        var migration = Parse("\\set ON_ERROR_STOP 1\ncreate table a(id int);\n");

        Assert.Equal("SB0001", Assert.Single(migration.Diagnostics).Id);
    }
}
