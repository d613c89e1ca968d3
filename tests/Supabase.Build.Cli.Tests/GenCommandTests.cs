using Supabase.Build.Cli.Tests.Support;

namespace Supabase.Build.Cli.Tests;

/// <summary><c>supabase-build gen</c>, the real process: offline models from a project's migrations and config.toml.</summary>
public sealed class GenCommandTests
{
    [Fact]
    public void Gen_writes_the_models_of_the_nearest_migrations_for_the_config_schemas()
    {
        using var project = new TempProject();
        project.Write("supabase/config.toml", "[api]\nschemas = [\"public\", \"api\"]\n");
        project.Add("20240101000000_init.sql", "create schema api;\ncreate table public.notes (id bigint primary key, body text not null);\ncreate table api.people (id uuid primary key);\ncreate table private_stuff (x int);\n");
        project.Add("20240102000000_dynamic.sql", "do $$ begin execute 'create table ' || 'later (id int)'; end $$;\n");

        var result = CliRun.Run(project.Root, "gen", "--namespace", "My.Models", "--output", "Models/Supabase.g.cs");

        Assert.True(result.ExitCode == 0, result.StandardError);
        var code = File.ReadAllText(Path.Combine(project.Root, "Models", "Supabase.g.cs"));
        Assert.Contains("namespace My.Models", code, StringComparison.Ordinal);
        Assert.Contains("public sealed partial record NotesRow", code, StringComparison.Ordinal);
        Assert.Contains("public sealed partial record ApiPeopleRow", code, StringComparison.Ordinal);
        Assert.Contains("20240102000000_dynamic.sql(1,1): info SB0004: this DO block runs dynamic SQL", result.StandardError.Replace(project.Migrations + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var written = File.GetLastWriteTimeUtc(Path.Combine(project.Root, "Models", "Supabase.g.cs"));

        // Same schema, same bytes: the file is left alone (no rebuild of the project that compiles it).
        var again = CliRun.Run(project.Root, "gen", "--namespace", "My.Models", "--output", "Models/Supabase.g.cs");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(project.Root, "Models", "Supabase.g.cs")));

        var toStdout = CliRun.Run(project.Root, "gen", "supabase/migrations", "--schemas", "public", "--namespace", "My.Models");
        Assert.Equal(0, toStdout.ExitCode);
        Assert.Contains("public sealed partial record NotesRow", toStdout.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("ApiPeopleRow", toStdout.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Gen_from_an_unreachable_database_is_one_line_and_exit_code_1()
    {
        using var project = new TempProject();

        var result = CliRun.Run(project.Root, "gen", "--source", "database", "--db-url", "postgresql://postgres:Secret-Pw-123@127.0.0.1:1/postgres?connect_timeout=2");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("could not read the schema of postgres@127.0.0.1:1/postgres (from --db-url)", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-Pw-123", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Gen_without_a_migrations_folder_is_a_usage_error()
    {
        using var project = new TempProject();
        Directory.Delete(project.Migrations);

        var result = CliRun.Run(project.Root, "gen");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no supabase/migrations folder found", result.StandardError, StringComparison.Ordinal);
    }
}
