using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.Migrations.Push;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Push;

/// <summary>The parts of push that need no database: transaction needs, the history form, durations, new file names.</summary>
public sealed class PushUnitTests
{
    [Theory]
    [InlineData("create index concurrently i on t (a)", "CREATE INDEX CONCURRENTLY")]
    [InlineData("drop index concurrently if exists i", "DROP INDEX CONCURRENTLY")]
    [InlineData("reindex index concurrently i", "REINDEX CONCURRENTLY")]
    [InlineData("reindex (concurrently) table t", "REINDEX CONCURRENTLY")]
    [InlineData("reindex schema public", "REINDEX SCHEMA/SYSTEM/DATABASE")]
    [InlineData("vacuum t", "VACUUM")]
    [InlineData("vacuum (analyze) t", "VACUUM")]
    [InlineData("alter system set work_mem = '8MB'", "ALTER SYSTEM")]
    [InlineData("create database other", "CREATE DATABASE")]
    [InlineData("drop database other", "DROP DATABASE")]
    [InlineData("alter database d set tablespace fast", "ALTER DATABASE ... SET TABLESPACE")]
    [InlineData("cluster", "CLUSTER (all tables)")]
    [InlineData("discard all", "DISCARD ALL")]
    [InlineData("create subscription s connection 'host=x' publication p", "CREATE SUBSCRIPTION")]
    [InlineData("alter subscription s refresh publication", "ALTER SUBSCRIPTION ... REFRESH PUBLICATION")]
    [InlineData("commit prepared 'x'", "COMMIT PREPARED")]
    public void Statements_that_cannot_run_in_a_transaction_block_are_recognised_from_the_parse_tree(string sql, string expected)
    {
        var plan = Plan($"select 1;\n{sql};");

        Assert.Equal(ExecutionMode.StatementByStatement, plan.Mode);
        Assert.Equal($"{expected} (line 2)", plan.Reason);
        Assert.Equal(2, plan.Executed.Count);
    }

    [Theory]
    [InlineData("create index i on t (a)")]
    [InlineData("create index if not exists i on t (a)")]
    [InlineData("drop index i")]
    [InlineData("reindex index i")]
    [InlineData("analyze t")]
    [InlineData("cluster t using i")]
    [InlineData("alter type mood add value 'meh'")]
    [InlineData("savepoint a")]
    [InlineData("select 'create index concurrently x on y (z)'")]
    public void Everything_else_runs_in_one_transaction(string sql)
    {
        var plan = Plan($"{sql};");

        Assert.Equal(ExecutionMode.Transaction, plan.Mode);
        Assert.Null(plan.Reason);
    }

    [Fact]
    public void A_file_wrapped_in_BEGIN_and_COMMIT_runs_its_inner_statements_in_the_push_transaction()
    {
        var plan = Plan("BEGIN;\ncreate table a (id int);\ncreate table b (id int);\nCOMMIT;");

        Assert.Equal(ExecutionMode.OwnTransactionReplaced, plan.Mode);
        Assert.Equal(2, plan.Executed.Count);
    }

    [Theory]
    [InlineData("begin;\ncreate table a (id int);\ncommit;\nbegin;\ncreate table b (id int);\ncommit;", "BEGIN at line 1")]
    [InlineData("begin isolation level serializable;\ncreate table a (id int);\ncommit;", "BEGIN at line 1")]
    [InlineData("create table a (id int);\ncommit;", "COMMIT at line 2")]
    [InlineData("start transaction;\ncreate table a (id int);\nrollback;", "START TRANSACTION at line 1")]
    public void Other_transaction_control_runs_statement_by_statement(string sql, string reason)
    {
        var plan = Plan(sql);

        Assert.Equal(ExecutionMode.StatementByStatement, plan.Mode);
        Assert.Equal($"its own transaction control ({reason})", plan.Reason);
    }

    [Fact]
    public void Recorded_statements_take_the_comments_before_them_and_lose_their_semicolons_as_in_the_Supabase_CLI()
    {
        var migration = Parse(
            "-- header\ncreate table a (id int);;\n\n/* block */ insert into a values (1) ; -- trailing\ncreate function f() returns int language sql\nbegin atomic\n  select 1;\nend;\n-- the end\n");

        Assert.Equal(
            [
                "-- header\ncreate table a (id int)",
                "/* block */ insert into a values (1)",
                "-- trailing\ncreate function f() returns int language sql\nbegin atomic\n  select 1;\nend",
            ],
            RecordedStatements.Of(migration));
    }

    [Fact]
    public void A_file_without_a_final_semicolon_records_its_last_statement_whole()
    {
        Assert.Equal(["select 1", "select 2"], RecordedStatements.Of(Parse("select 1;\nselect 2\n")));
    }

    [Theory]
    [InlineData("create table a (id int);", new[] { "CREATE TABLE a (id int)" }, null)]
    [InlineData("-- new comment\ncreate table a (\n  id int\n);", new[] { "create table a (id int)" }, null)]
    [InlineData("create table a (id int);\ncreate table b (id int);", new[] { "create table a (id int); create table b (id int)" }, null)]
    [InlineData("create table a (id bigint);", new[] { "create table a (id int)" }, 1)]
    [InlineData("create table a (id int);\ninsert into a values (2);", new[] { "create table a (id int)", "insert into a values (1)" }, 2)]
    [InlineData("create table a (id int);", new[] { "create table a (id int)", "select 1" }, 1)]
    [InlineData("create table \"A\" (id int);", new[] { "create table a (id int)" }, 1)]
    public void Edits_are_found_by_tokens_so_layout_comments_and_case_do_not_count(string file, string[] recorded, int? differenceLine)
    {
        var difference = RecordedStatements.FirstDifference(Parse(file), recorded, MigrationWorkspace.Parser);

        Assert.Equal(differenceLine, difference?.Line);
    }

    [Theory]
    [InlineData("5s", 5000)]
    [InlineData("500ms", 500)]
    [InlineData("2min", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1500)]
    [InlineData("250", 250)]
    [InlineData(" 10 s ", 10_000)]
    public void Durations_read_as_PostgreSQL_writes_them(string text, int milliseconds)
    {
        Assert.True(PostgresDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
        Assert.Equal(milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture), PostgresDuration.ToSetting(duration));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("off")]
    [InlineData(null)]
    public void Zero_off_and_empty_mean_no_timeout(string? text)
    {
        Assert.True(PostgresDuration.TryParse(text, out var duration));
        Assert.Null(duration);
        Assert.Equal("0", PostgresDuration.ToSetting(duration));
    }

    [Theory]
    [InlineData("5 seconds")]
    [InlineData("-1s")]
    [InlineData("five")]
    [InlineData("99999999h")]
    public void Other_durations_are_rejected(string text) => Assert.False(PostgresDuration.TryParse(text, out _));

    [Fact]
    public void A_new_migration_is_named_with_the_UTC_timestamp_and_gets_the_next_free_second()
    {
        using var workspace = new MigrationWorkspace();
        var now = new DateTime(2024, 11, 25, 13, 45, 7, DateTimeKind.Utc);

        var first = NewMigration.Create(workspace.Directory, "add_profiles", now);
        var second = NewMigration.Create(workspace.Directory, "add_todos", now);

        Assert.Equal(Path.Combine(workspace.Directory, "20241125134507_add_profiles.sql"), first.Path);
        Assert.Equal(Path.Combine(workspace.Directory, "20241125134508_add_todos.sql"), second.Path);
        Assert.Equal(string.Empty, File.ReadAllText(first.Path!));
        var discovered = MigrationDiscovery.Discover(workspace.Directory);
        Assert.Equal(["20241125134507", "20241125134508"], discovered.Files.Select(f => f.Version));
    }

    [Theory]
    [InlineData("", "a migration needs a name")]
    [InlineData("add profiles", "'add profiles' is not a usable migration name: use letters, digits, '_', '-' and '.', e.g. add_profiles")]
    [InlineData("../escape", "is not a usable migration name")]
    [InlineData("x.sql", "e.g. x (the file")]
    public void Bad_names_are_refused_with_a_suggestion(string name, string message)
    {
        using var workspace = new MigrationWorkspace();

        var result = NewMigration.Create(workspace.Directory, name, DateTime.UtcNow);

        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(workspace.Directory));
    }

    private static ParsedMigration Parse(string sql)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sb-push-unit-{Guid.NewGuid():N}.sql");
        try
        {
            File.WriteAllText(path, sql);
            return new MigrationParser(MigrationWorkspace.Parser).Parse(new MigrationFile(path, "20240101000000", "test"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static ExecutionPlan Plan(string sql) => ExecutionPlanner.Plan(Parse(sql));
}
