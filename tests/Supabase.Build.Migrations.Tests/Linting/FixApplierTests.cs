using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Linting;

public class FixApplierTests
{
    [Fact]
    public void Applying_every_fix_leaves_sql_that_parses_and_fewer_findings()
    {
        using var workspace = new MigrationWorkspace();
        var path = workspace.Add("20240101000000_a.sql", "create index a_x on a (x);\r\nalter table a add constraint a_fk foreign key (b) references b (id);\r\ncreate table c (at timestamp, id serial primary key);\r\n");
        var before = workspace.Lint().Diagnostics;

        var outcome = FixApplier.Apply(before, _ => true);
        var after = workspace.Lint().Diagnostics;

        Assert.True(outcome.Applied >= 4, $"applied {outcome.Applied}");
        Assert.DoesNotContain(after, d => d.Id == "SB0001");
        Assert.True(after.Count(d => d.Fix is not null) < before.Count(d => d.Fix is not null));
        var text = File.ReadAllText(path);
        Assert.StartsWith("SET statement_timeout = '5min';\r\ncreate index CONCURRENTLY IF NOT EXISTS a_x", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\r", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(workspace.Directory, "20240101000001_validate_constraints.sql")));
    }

    [Fact]
    public void Files_the_caller_rules_out_are_not_touched()
    {
        using var workspace = new MigrationWorkspace();
        var path = workspace.Add("20240101000000_a.sql", "create index a_x on a (x);\n");

        var outcome = FixApplier.Apply(workspace.Lint().Diagnostics, _ => false);

        Assert.Equal(0, outcome.Applied);
        Assert.Equal("create index a_x on a (x);\n", File.ReadAllText(path));
    }
}
