using Supabase.Build.Migrations.Rules;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1038BanDuplicateColumnAssignmentsTests
{
    private static readonly SB1038BanDuplicateColumnAssignments Rule = new();

    [Theory]
    [InlineData("update t set a = 1, a = 2;")]
    [InlineData("update t set a = 1, (a, b) = (2, 3);")]
    [InlineData("insert into t (a, b, a) values (1, 2, 3);")]
    [InlineData("insert into t (a) values (1) on conflict (a) do update set b = 1, b = 2;")]
    [InlineData("create function f() returns void language plpgsql as $$ begin update t set a = 1, a = 2; end $$;")]
    [InlineData("create function f() returns void language sql as $$ update t set a = 1, a = 2 $$;")]
    public void Assigning_a_column_twice_is_an_error(string sql) => Assert.Single(RuleTest.Findings(Rule, sql));

    // Bodies are read as tokens first and parsed only when a list in them may repeat a name: every way to write one
    // must still be found.
    [Theory]
    [InlineData("do $$ begin update t set a = 1, a = 2; end $$;")]
    [InlineData("create function f() returns void language plpgsql as $$ begin update t set (a, b) = (1, 2), b = 3; end $$;")]
    [InlineData("create function f() returns void language plpgsql as $$ begin insert into t (a, b, a) values (1, 2, 3); end $$;")]
    [InlineData("create function f() returns void language plpgsql as $$ begin insert into s.t as x (a, \"b\", a) values (1, 2, 3); end $$;")]
    [InlineData("create function f() returns void language plpgsql as $$ begin insert into t (a) values (1) on conflict (a) do update set b = 1, /* again */ b = 2; end $$;")]
    [InlineData("create function f() returns void language plpgsql as $$ begin update t set A = 1, a = 2; end $$;")]
    [InlineData("create function f() returns void language plpgsql as $$ begin update t set u&\"a\" = 1, a = 2; end $$;")]
    [InlineData("create function f() returns void language sql begin atomic update t set a = 1, a = 2; end;")]
    [InlineData("create function f() returns void language sql as 'update t set a = 1, a = 2';")]
    [InlineData("do $$ begin create function g() returns void language sql as $b$ update t set a = 1, a = 2 $b$; end $$;")]
    [InlineData("create function f() returns trigger language plpgsql as $f$ begin if tg_op = 'INSERT' then update t set x = now(), y = 1, x = 2; end if; return new; end $f$;")]
    public void Assigning_a_column_twice_in_a_body_is_an_error(string sql) => Assert.Single(RuleTest.Findings(Rule, sql));

    [Theory]
    [InlineData("update t set a = 1, b = 2;")]
    [InlineData("insert into t (a, b) values (1, 2);")]
    [InlineData("update t set a = a + 1 where a = 1;")]
    public void Single_assignments_are_fine(string sql) => Assert.Empty(RuleTest.Findings(Rule, sql));
}
