using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Linting;

public class MigrationLinterTests
{
    [Fact]
    public void Reports_rule_findings_and_syntax_errors_with_exact_positions_and_keeps_checking()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_init.sql", "create table a(id int);\ncreate index a_id on a(id);\n");
        workspace.Add("20240102000000_more.sql", "-- note\nselect from from;\n\ncreate index b_id on b(id);\n");

        var result = workspace.Lint(new[] { new SB1003RequireConcurrentIndexCreation() });

        Assert.Collection(
            result.Diagnostics,
            d => Assert.Equal(("SB0001", 2, 13), (d.Id, d.Span.Start.Line, d.Span.Start.Column)),
            d => Assert.Equal(("SB1003", 4, 1), (d.Id, d.Span.Start.Line, d.Span.Start.Column)));
        Assert.EndsWith("20240102000000_more.sql", result.Diagnostics[1].FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Suppression_comment_before_a_statement_switches_the_rule_off_for_it_only()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_a.sql", "-- supabase-lint-ignore SB1003: small table\ncreate index x on t(a);\ncreate index y on t(b);\n");

        var result = workspace.Lint(new[] { new SB1003RequireConcurrentIndexCreation() });

        var only = Assert.Single(result.Diagnostics);
        Assert.Equal(3, only.Span.Start.Line);
    }
}
