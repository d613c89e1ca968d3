using Supabase.Build.Migrations.Configuration;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Tests.Rules;

public class SB1041RequiresNewerPostgresTests
{
    private static readonly SB1041RequiresNewerPostgres Rule = new();

    /// <summary>
    /// Each construct: flagged on a project one version too old (config.toml's major_version), with its name, the
    /// version it needs and the source in the message, at the first occurrence of <c>at</c> in the SQL; not flagged on
    /// 17, nor without config.toml (17 by default).
    /// </summary>
    [Theory]
    // PostgreSQL 17
    [InlineData("merge into t using s on t.id = s.id when matched then delete returning t.*;", 16, "MERGE ... RETURNING", 17, "returning")]
    [InlineData("merge into t using s on t.id = s.id when matched then update set a = 1 when not matched by source then delete;", 16, "WHEN NOT MATCHED BY SOURCE", 17, "not matched by source")]
    [InlineData("merge into t using s on t.id = s.id when not matched by target then insert values (s.id);", 16, "WHEN NOT MATCHED BY TARGET", 17, "by target")]
    [InlineData("select * from json_table('[1]'::jsonb, '$[*]' columns (a int path '$')) as jt;", 16, "JSON_TABLE()", 17, "json_table")]
    [InlineData("select json('{\"a\": 1}' with unique keys);", 16, "JSON(... WITH UNIQUE KEYS / FORMAT JSON)", 17, "json(")]
    [InlineData("select json(body format json) from t;", 16, "JSON(... WITH UNIQUE KEYS / FORMAT JSON)", 17, "json(")]
    [InlineData("select json_scalar(1);", 16, "JSON_SCALAR()", 17, "json_scalar")]
    [InlineData("select json_serialize('{}' returning text);", 16, "JSON_SERIALIZE()", 17, "json_serialize")]
    [InlineData("select json_value(j, '$.a') from t;", 16, "JSON_VALUE()", 17, "json_value")]
    [InlineData("select json_query(j, '$.a') from t;", 16, "JSON_QUERY()", 17, "json_query")]
    [InlineData("select 1 from t where json_exists(j, '$.a');", 16, "JSON_EXISTS()", 17, "json_exists")]
    [InlineData("alter table t alter column total set expression as (price * quantity);", 16, "ALTER COLUMN ... SET EXPRESSION", 17, "set expression")]
    [InlineData("alter table t alter column a set statistics default;", 16, "SET STATISTICS DEFAULT", 17, "statistics default")]
    [InlineData("alter index i alter column 1 set statistics default;", 16, "SET STATISTICS DEFAULT", 17, "statistics default")]
    [InlineData("alter table t set access method default;", 16, "SET ACCESS METHOD DEFAULT", 17, "access method default")]
    [InlineData("grant maintain on table t to service_role;", 16, "the MAINTAIN privilege", 17, "maintain")]
    [InlineData("alter default privileges in schema public grant maintain on tables to service_role;", 16, "the MAINTAIN privilege", 17, "maintain")]
    [InlineData("grant pg_maintain to service_role;", 16, "the predefined role pg_maintain", 17, "pg_maintain")]
    [InlineData("select now() at local;", 16, "AT LOCAL", 17, "at local")]
    [InlineData("set transaction_timeout = '5s';", 16, "the setting transaction_timeout", 17, "transaction_timeout")]
    [InlineData("create event trigger on_login on login execute function f();", 16, "CREATE EVENT TRIGGER ... ON login", 17, "on login")]
    [InlineData("copy t from stdin with (format csv, on_error ignore);", 16, "the COPY option ON_ERROR", 17, "on_error")]
    [InlineData("create table t (a int) partition by range (a) using heap;", 16, "USING <access method> on a partitioned table", 17, "using heap")]
    // PostgreSQL 16
    [InlineData("select json_object('a' value 1);", 15, "JSON_OBJECT()", 16, "json_object")]
    [InlineData("select json_array(1, 2);", 15, "JSON_ARRAY()", 16, "json_array")]
    [InlineData("select json_array(select id from t);", 15, "JSON_ARRAY(query)", 16, "json_array")]
    [InlineData("select json_objectagg(k value v) from t;", 15, "JSON_OBJECTAGG()", 16, "json_objectagg")]
    [InlineData("select json_arrayagg(v order by v) from t;", 15, "JSON_ARRAYAGG()", 16, "json_arrayagg")]
    [InlineData("select id from t where body is json;", 15, "IS JSON", 16, "is json")]
    [InlineData("create table t (body text check (body is not json array));", 15, "IS JSON", 16, "is not json")]
    [InlineData("select 1_000_000;", 15, "the numeric literal 1_000_000", 16, "1_000_000")]
    [InlineData("select * from t where flags = 0x1F;", 15, "the numeric literal 0x1F", 16, "0x1F")]
    [InlineData("select 0o17;", 15, "the numeric literal 0o17", 16, "0o17")]
    [InlineData("select 0b101;", 15, "the numeric literal 0b101", 16, "0b101")]
    [InlineData("select 3.141_592;", 15, "the numeric literal 3.141_592", 16, "3.141_592")]
    [InlineData("grant authenticated to app_user with inherit true;", 15, "GRANT ... WITH INHERIT TRUE", 16, "inherit")]
    [InlineData("grant authenticated to app_user with set false;", 15, "GRANT ... WITH SET FALSE", 16, "set false")]
    [InlineData("grant authenticated to app_user with admin true;", 15, "GRANT ... WITH ADMIN TRUE", 16, "admin")]
    [InlineData("revoke inherit option for authenticated from app_user;", 15, "REVOKE INHERIT OPTION FOR", 16, "inherit")]
    [InlineData("select count(*) from (select 1 from t);", 15, "a subquery in FROM without an alias", 16, "(select")]
    [InlineData("select * from t, lateral (select distinct on (a) a from u order by a);", 15, "a subquery in FROM without an alias", 16, "(select")]
    [InlineData("select system_user;", 15, "SYSTEM_USER", 16, "system_user")]
    [InlineData("create table t (a text storage external);", 15, "the column option STORAGE", 16, "storage")]
    [InlineData("alter table t alter column a set storage default;", 15, "SET STORAGE DEFAULT", 16, "storage default")]
    [InlineData("copy t from stdin with (format csv, default '\\D');", 15, "the COPY option DEFAULT", 16, "default")]
    [InlineData("create statistics on a, b from t;", 15, "CREATE STATISTICS without a name", 16, "create")]
    [InlineData("select xmlserialize(document x as text indent) from t;", 15, "XMLSERIALIZE(... INDENT)", 16, "xmlserialize")]
    [InlineData("grant pg_create_subscription to app_user;", 15, "the predefined role pg_create_subscription", 16, "pg_create_subscription")]
    // PostgreSQL 15
    [InlineData("merge into t using s on t.id = s.id when matched then delete;", 14, "MERGE", 15, "merge")]
    [InlineData("create unique index i on t (a) nulls not distinct;", 14, "NULLS NOT DISTINCT", 15, "nulls")]
    [InlineData("create table t (a int unique nulls not distinct);", 14, "UNIQUE NULLS NOT DISTINCT", 15, "nulls")]
    [InlineData("alter table t add constraint t_a unique nulls not distinct (a, b);", 14, "UNIQUE NULLS NOT DISTINCT", 15, "nulls")]
    [InlineData("create view v with (security_invoker = true) as select 1;", 14, "the view option security_invoker", 15, "security_invoker")]
    [InlineData("alter view v set (security_invoker = on);", 14, "the view option security_invoker", 15, "security_invoker")]
    [InlineData("alter table t set access method heap;", 14, "ALTER TABLE ... SET ACCESS METHOD", 15, "set access method")]
    [InlineData("create table c (p int, q int, foreign key (p, q) references p on delete set null (q));", 14, "ON DELETE SET NULL / SET DEFAULT with a column list", 15, "on delete")]
    [InlineData("create publication pub for tables in schema app;", 14, "a publication of TABLES IN SCHEMA", 15, "tables in schema")]
    [InlineData("alter publication supabase_realtime add table messages (id, body);", 14, "a publication column list", 15, "messages")]
    [InlineData("alter publication supabase_realtime add table messages where (room = 1);", 14, "a publication row filter (WHERE)", 15, "where")]
    [InlineData("create unlogged sequence s;", 14, "CREATE UNLOGGED SEQUENCE", 15, "unlogged")]
    [InlineData("alter sequence s set unlogged;", 14, "ALTER SEQUENCE ... SET LOGGED / UNLOGGED", 15, "set")]
    [InlineData("grant set on parameter work_mem to app_user;", 14, "GRANT ... ON PARAMETER", 15, "on parameter")]
    [InlineData("copy t from stdin with (format csv, header match);", 14, "the COPY option HEADER MATCH", 15, "header")]
    [InlineData("grant pg_checkpoint to app_user;", 14, "the predefined role pg_checkpoint", 15, "pg_checkpoint")]
    // PostgreSQL 14
    [InlineData("create or replace trigger tr after insert on t for each row execute function f();", 13, "CREATE OR REPLACE TRIGGER", 14, "or replace")]
    [InlineData("create function one() returns int language sql return 1;", 13, "a SQL-standard function body (BEGIN ATOMIC or RETURN)", 14, "return 1")]
    [InlineData("create function one() returns int language sql begin atomic select 1; end;", 13, "a SQL-standard function body (BEGIN ATOMIC or RETURN)", 14, "begin atomic")]
    [InlineData("create procedure p(out a int) language plpgsql as $$ begin a := 1; end $$;", 13, "an OUT parameter of a procedure", 14, "out")]
    [InlineData("alter table t alter column a set compression lz4;", 13, "SET COMPRESSION", 14, "compression")]
    [InlineData("create table t (a text compression lz4);", 13, "the column option COMPRESSION", 14, "compression")]
    [InlineData("alter table events detach partition events_2023 concurrently;", 13, "DETACH PARTITION ... CONCURRENTLY", 14, "concurrently")]
    [InlineData("select a from t group by distinct a;", 13, "GROUP BY DISTINCT", 14, "group by distinct")]
    [InlineData("with recursive c(n) as (select 1 union all select n + 1 from c) search depth first by n set ord select * from c;", 13, "SEARCH ... SET in a recursive query", 14, "search")]
    [InlineData("grant pg_read_all_data to analyst;", 13, "the predefined role pg_read_all_data", 14, "pg_read_all_data")]
    public void Newer_syntax_is_flagged_on_an_older_project_at_the_construct_and_not_on_17(string sql, int project, string what, int since, string at)
    {
        var finding = Assert.Single(Lint(sql, $"[db]\nmajor_version = {project}\n"));
        Assert.StartsWith($"{what} needs PostgreSQL {since}; supabase/config.toml says major_version = {project}", finding.Message, StringComparison.Ordinal);
        Assert.Equal(new SourcePosition(1, sql.IndexOf(at, StringComparison.Ordinal) + 1), finding.Span.Start);
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);

        Assert.Empty(Lint(sql, $"[db]\nmajor_version = {since}\n"));
        Assert.Empty(Lint(sql, "[db]\nmajor_version = 17\n"));
        Assert.Empty(Lint(sql, config: null));
    }

    /// <summary>What older servers accept too: the forms next to the new ones.</summary>
    [Theory]
    [InlineData("merge into t using s on t.id = s.id when matched then update set a = s.a when not matched then insert values (s.id, s.a);", 15)]
    [InlineData("select * from (select 1) as s, (values (1)) v (n);", 15)]
    [InlineData("select json_object('{a,1}'::text[]), json_object(array['a'], array['1']), json_build_object('a', 1);", 15)]
    [InlineData("select '{}'::json, 'x' is not null, jsonb_path_exists(j, '$.a') from t;", 15)]
    [InlineData("select 1000000, 0, 1.5e3, -7, 0 as x1f, 1\"a\", $1;", 15)]
    [InlineData("select json('{\"a\": 1}'), json(body) from t;", 16)]
    [InlineData("grant authenticated to app_user with admin option;", 15)]
    [InlineData("revoke admin option for authenticated from app_user;", 15)]
    [InlineData("alter table t alter column a set statistics 100, alter column b set statistics -1;", 16)]
    [InlineData("alter table t set access method heap;", 15)]
    [InlineData("alter table t alter column a set storage external;", 15)]
    [InlineData("create unique index i on t (a);", 14)]
    [InlineData("create view v with (security_barrier) as select 1;", 14)]
    [InlineData("select now() at time zone 'utc';", 16)]
    [InlineData("copy t from stdin with (format csv, header true, force_null (a));", 14)]
    [InlineData("set statement_timeout = '5s';", 14)]
    [InlineData("create trigger tr after insert on t for each row execute function f();", 13)]
    [InlineData("create publication pub for table messages;", 14)]
    [InlineData("create table t (a int references p on delete set null);", 14)]
    [InlineData("create statistics t_stats on a, b from t;", 15)]
    [InlineData("create table t (a int) using heap;", 16)]
    [InlineData("select xmlserialize(document x as text) from t;", 15)]
    [InlineData("alter table t alter column a set storage external, alter column b set statistics 10;", 15)]
    public void Old_forms_are_not_flagged(string sql, int project) =>
        Assert.Empty(Lint(sql, $"[db]\nmajor_version = {project}\n"));

    [Fact]
    public void Every_construct_of_a_statement_is_reported_where_it_is()
    {
        const string Sql = "select json_object('a' value 1),\n       json_array(2)\nfrom (select 1);\n";
        var findings = Lint(Sql, "[db]\nmajor_version = 15\n");

        Assert.Equal(new[] { (1, 8), (2, 8), (3, 6) }, findings.Select(f => (f.Span.Start.Line, f.Span.Start.Column)));
        Assert.Equal(new[] { "JSON_OBJECT()", "JSON_ARRAY()", "a subquery in FROM without an alias" }, findings.Select(f => f.Message[..f.Message.IndexOf(" needs", StringComparison.Ordinal)]));
    }

    [Fact]
    public void Each_needs_only_what_the_project_lacks()
    {
        const string Sql = "merge into t using s on t.id = s.id when matched then delete returning t.*;";

        Assert.Equal(new[] { "MERGE", "MERGE ... RETURNING" }, Whats(Lint(Sql, "[db]\nmajor_version = 14\n")));
        Assert.Equal(new[] { "MERGE ... RETURNING" }, Whats(Lint(Sql, "[db]\nmajor_version = 15\n")));
    }

    [Fact]
    public void Merge_action_is_reported_beside_the_RETURNING_it_lives_in()
    {
        const string Sql = "merge into t using s on t.id = s.id when matched then update set a = 1 returning merge_action(), t.a;";
        var findings = Lint(Sql, "[db]\nmajor_version = 16\n");

        Assert.Equal(new[] { "MERGE ... RETURNING", "merge_action()" }, Whats(findings));
        Assert.Equal(Sql.IndexOf("merge_action", StringComparison.Ordinal) + 1, findings[1].Span.Start.Column);
    }

    [Fact]
    public void The_MSBuild_property_and_the_command_line_option_win_over_config_toml_and_are_named()
    {
        const string Sql = "merge into t using s on t.id = s.id when matched then delete returning t.*;";

        var property = Assert.Single(Lint(Sql, "[db]\nmajor_version = 17\n", PostgresVersion.FromProperty(15)));
        Assert.Equal("MERGE ... RETURNING needs PostgreSQL 17; SupabasePostgresVersion says 15", property.Message);

        var option = Assert.Single(Lint(Sql, config: null, PostgresVersion.FromCommandLine(16)));
        Assert.Equal("MERGE ... RETURNING needs PostgreSQL 17; --postgres-version 16", option.Message);

        Assert.Empty(Lint(Sql, "[db]\nmajor_version = 15\n", PostgresVersion.FromProperty(17)));
    }

    [Fact]
    public void Mechanical_rewrites_come_as_fixes()
    {
        Assert.Equal("select 1000000, 31, 15, 5, 3.14;", Fixed("select 1_000_000, 0x1F, 0o17, 0b101, 3.1_4;", 15));
        Assert.Equal("alter table t alter column a set statistics -1;", Fixed("alter table t alter column a set statistics default;", 16));
        Assert.Equal("select now() AT TIME ZONE current_setting('TimeZone');", Fixed("select now() at local;", 16));
    }

    [Fact]
    public void The_message_says_what_to_write_instead()
    {
        var finding = Assert.Single(Lint("select json_object('a' value 1);", "[db]\nmajor_version = 15\n"));
        Assert.Equal("JSON_OBJECT() needs PostgreSQL 16; supabase/config.toml says major_version = 15; use json_build_object() or jsonb_build_object()", finding.Message);
    }

    [Fact]
    public void Query_syntax_in_function_and_DO_bodies_is_reported_at_the_body_statement()
    {
        const string Sql = "create function f() returns void language plpgsql as $$\nbegin\n  merge into t using s on t.id = s.id\n    when matched then delete;\nend\n$$;\n"
            + "do $$ begin insert into t (j) select json_object('a' value 1); end $$;\n";
        var findings = Lint(Sql, "[db]\nmajor_version = 14\n");

        Assert.Equal(2, findings.Count);
        Assert.Equal("MERGE inside the function 'f' needs PostgreSQL 15; supabase/config.toml says major_version = 14; use INSERT ... ON CONFLICT, or separate UPDATE, INSERT and DELETE statements", findings[0].Message);
        Assert.Equal(3, findings[0].Span.Start.Line);
        Assert.StartsWith("JSON_OBJECT() inside the DO block needs PostgreSQL 16", findings[1].Message, StringComparison.Ordinal);
        Assert.Empty(Lint(Sql, "[db]\nmajor_version = 17\n"));
    }

    [Fact]
    public void A_BEGIN_ATOMIC_body_is_part_of_the_statement_and_reported_at_the_construct()
    {
        const string Sql = "create function ids() returns setof int language sql\nbegin atomic\n  select id from (select 1 as id);\nend;\n";
        var finding = Assert.Single(Lint(Sql, "[db]\nmajor_version = 15\n"));

        Assert.StartsWith("a subquery in FROM without an alias needs PostgreSQL 16", finding.Message, StringComparison.Ordinal);
        Assert.Equal(new SourcePosition(3, 18), finding.Span.Start);
    }

    [Fact]
    public void The_help_page_examples_are_what_it_says()
    {
        var page = File.ReadAllText(Testing.RepositoryLayout.PathOf("docs", "rules", "SB1041.md"));
        var bad = SqlBlock(page, "## Bad");
        var safe = SqlBlock(page, "## Safe rewrite");

        Assert.Equal(
            new[] { "WHEN NOT MATCHED BY SOURCE", "MERGE ... RETURNING", "merge_action()", "a subquery in FROM without an alias", "JSON_OBJECT()" },
            Whats(Lint(bad, "[db]\nmajor_version = 15\n")));
        Assert.Empty(Lint(safe, "[db]\nmajor_version = 15\n"));
    }

    private static string SqlBlock(string page, string heading)
    {
        var start = page.IndexOf("```sql\n", page.IndexOf(heading, StringComparison.Ordinal), StringComparison.Ordinal) + "```sql\n".Length;
        return page[start..page.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static List<string> Whats(IEnumerable<MigrationDiagnostic> findings) =>
        findings.Select(f => f.Message[..f.Message.IndexOf(" needs", StringComparison.Ordinal)]).ToList();

    /// <summary>SB1041's findings on one migration, with supabase/config.toml holding <paramref name="config"/> (none when null).</summary>
    private static List<MigrationDiagnostic> Lint(string sql, string? config, PostgresVersion? version = null)
    {
        using var workspace = new MigrationWorkspace();
        if (config is not null)
        {
            File.WriteAllText(Path.Combine(workspace.Root, "supabase", "config.toml"), config);
        }

        workspace.Add("20240101000000_m.sql", sql);
        var result = workspace.Lint(new[] { Rule }, new LintOptions { PostgresVersion = version });
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SB0001");
        return result.Diagnostics.Where(d => d.Id == Rule.Descriptor.Id).ToList();
    }

    private static string Fixed(string sql, int project)
    {
        using var workspace = new MigrationWorkspace();
        File.WriteAllText(Path.Combine(workspace.Root, "supabase", "config.toml"), $"[db]\nmajor_version = {project}\n");
        var path = workspace.Add("20240101000000_m.sql", sql);
        FixApplier.Apply(workspace.Lint(new[] { Rule }).Diagnostics.Where(d => d.Id == Rule.Descriptor.Id), _ => true);
        return File.ReadAllText(path);
    }
}
