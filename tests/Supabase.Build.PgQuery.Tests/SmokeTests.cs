using Supabase.Build.PgQuery;

namespace Supabase.Build.PgQuery.Tests;

public class SmokeTests
{
    [Fact]
    public void Parses_and_scans()
    {
        var parser = PgParser.Load();
        var result = parser.Parse("create table t(a int);\n-- hi\nDROP TABLE x;");
        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Statements.Count);
        Assert.Equal("DropStmt", result.Statements[1].Node.Kind);
        var scan = parser.Scan("select 1; -- c\n/* b */");
        Assert.Contains(scan.Tokens, t => t.Kind == PgTokenKind.LineComment);
        var bad = parser.Parse("select from from;");
        Assert.NotNull(bad.Error);
        Assert.Equal(12, bad.Error!.CursorOffset);
        var fn = parser.ParsePlpgsql("create function f() returns void language plpgsql as $$ begin\n drop table x; end $$;");
        Assert.Null(fn.Error);
        Assert.NotEmpty(fn.Functions);
        Assert.NotEqual(0UL, parser.Fingerprint("select 1").Value);
        var split = parser.SplitWithParser(System.Text.Encoding.UTF8.GetBytes("select 1; select 'a;b'; select 2"));
        Assert.Equal(3, split.Statements.Count);
    }
}
