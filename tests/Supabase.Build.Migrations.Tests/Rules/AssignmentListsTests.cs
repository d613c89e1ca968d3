using System.Text;
using Supabase.Build.Migrations.Rules.Embedded;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Rules;

/// <summary>
/// The token check that spares SB1038 parsing a body: false only when no SET or column list in the bodies can name a
/// column twice, true whenever it cannot be sure.
/// </summary>
public class AssignmentListsTests
{
    [Theory]
    [InlineData("create function f() returns trigger language plpgsql as $$ begin if tg_op = 'INSERT' then update t set updated_at = now() where id = new.id; insert into log (a, b) values (new.a, new.b); end if; return new; end $$;")]
    [InlineData("create function f() returns void language plpgsql set search_path = '' as $$ begin update t set a = a + 1, b = coalesce(b, a) where a = 1; end $$;")]
    [InlineData("do $$ begin create policy p on t for insert with check (true); grant insert, update on t to anon; end $$;")]
    [InlineData("create function f() returns int language sql as $$ select 1 $$;")]
    public void Bodies_whose_lists_name_each_column_once_need_no_parse(string sql) =>
        Assert.False(AssignmentLists.MayRepeatInBodies(MigrationWorkspace.Parser, Encoding.UTF8.GetBytes(sql)));

    [Theory]
    [InlineData("create function f() returns void language plpgsql as $$ begin execute 'update t set a = 1'; end $$;")] // dynamic SQL
    [InlineData("create function f() returns void language sql as 'update t set a = 1';")] // SQL in a plain string
    [InlineData("create function f() returns void language plpgsql as $$ begin update t set a = 1, a = 2; end $$;")]
    [InlineData("create function f() returns void language plpgsql as $$ begin update t set u&\"a\" = 1; end $$;")] // a name the check cannot fold
    [InlineData("create function f() returns void language plpgsql as $$ begin with x as (update t set a = 1, a = 2 returning 1) select 1 into y; end $$;")]
    public void Bodies_it_cannot_be_sure_of_are_parsed(string sql) =>
        Assert.True(AssignmentLists.MayRepeatInBodies(MigrationWorkspace.Parser, Encoding.UTF8.GetBytes(sql)));

    [Fact]
    public void Names_longer_than_the_server_keeps_count_as_may()
    {
        var name = new string('c', 64);
        Assert.True(AssignmentLists.MayRepeatInBodies(MigrationWorkspace.Parser, Encoding.UTF8.GetBytes($"do $$ begin update t set {name} = 1; end $$;")));
    }
}
