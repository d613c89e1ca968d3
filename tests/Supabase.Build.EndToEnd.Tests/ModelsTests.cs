using Npgsql;
using Supabase.Build.Testing;

namespace Supabase.Build.EndToEnd.Tests;

/// <summary>
/// SupabaseGenerateModels on a consumer project that takes the packed SDK: the generated types are used by the
/// project's own code and it builds; a second build does no generation work; the IDE's design-time build sees the
/// file; and -t:SupabaseGenerateModels writes the same models from a live database.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class ModelsTests(PackedSdkFixture fixture, ThrowawayPostgres postgres) : IClassFixture<ThrowawayPostgres>
{
    private const string Schema = """
        create type public.priority as enum ('low', 'high');
        create table if not exists public.tasks (
          id bigint generated always as identity primary key,
          title text not null,
          notes text,
          priority public.priority not null default 'low',
          due date
        );
        comment on table public.tasks is 'Work to do.';
        alter table public.tasks enable row level security;
        """;

    private const string Program = """
        using App.Supabase;

        var insert = new TasksInsert { Title = "write the models", Priority = Priority.High };
        TasksRow row = new() { Id = 1, Title = insert.Title, Notes = null, Priority = insert.Priority ?? Priority.Low, Due = null };
        string title = row.Title;          // NOT NULL: a non-nullable string
        string? notes = row.Notes;         // nullable: string?
        System.Console.WriteLine($"{row.Id} {title} {notes ?? "-"} {row.Priority} {SupabaseRelationships.All.Count}");
        """;

    [Fact]
    public void Generated_types_are_used_by_the_project_and_a_second_build_does_no_generation_work()
    {
        var consumer = Consumer("models", null);
        consumer.AddMigration("20240101000000_tasks.sql", Schema);
        var generated = Path.Combine(consumer.ProjectDirectory, "obj", "Debug", "net10.0", "Supabase.Models.g.cs");

        var first = consumer.Build("-v:n");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(File.Exists(generated), first.ToString());
        Assert.Contains("public sealed partial record TasksRow", File.ReadAllText(generated), StringComparison.Ordinal);
        var written = File.GetLastWriteTimeUtc(generated);

        var second = consumer.Build("-v:d");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Skipping target \"_SupabaseModelsGenerate\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Supabase.Build: wrote", second.Output, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(generated));

        // A new NOT NULL column regenerates the models, and the compiler points at the code that now misses it.
        consumer.AddMigration("20240201000000_tasks_done.sql", "alter table public.tasks add column done boolean not null default false;\n");
        var third = consumer.Build();
        Assert.True(third.ExitCode != 0, third.ToString());
        Assert.Contains("error CS9035: Required member 'TasksRow.Done' must be set", third.Output, StringComparison.Ordinal);
        var program = Path.Combine(consumer.ProjectDirectory, "Program.cs");
        File.WriteAllText(program, File.ReadAllText(program).Replace("Due = null };", "Due = null, Done = false };", StringComparison.Ordinal)
            + "System.Console.WriteLine(new TasksUpdate { Done = true }.Done);\n");
        var fourth = consumer.Build();
        Assert.True(fourth.ExitCode == 0, fourth.ToString());

        // What an IDE's design-time build asks for: the generated file is among the compiler's inputs.
        var designTime = consumer.MSBuild("-t:SupabaseModelsCompile", "-p:DesignTimeBuild=true", "-getItem:Compile");
        Assert.True(designTime.ExitCode == 0, designTime.ToString());
        Assert.Contains("Supabase.Models.g.cs", designTime.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupabaseModelsSource_database_writes_the_models_of_a_live_database()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(Schema, connection);
            await command.ExecuteNonQueryAsync();
        }

        var consumer = Consumer("models-db", database.DatabaseUrl);
        consumer.AddMigration("20240101000000_tasks.sql", Schema);
        var generate = consumer.MSBuild("-t:SupabaseGenerateModels", "-p:SupabaseModelsSource=database", "-p:SupabaseModelsOutput=Models/Supabase.g.cs");

        Assert.True(generate.ExitCode == 0, generate.ToString());
        Assert.Contains($"from the database", generate.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(database.ConnectionString, generate.Output, StringComparison.Ordinal);
        var live = File.ReadAllText(Path.Combine(consumer.ProjectDirectory, "Models", "Supabase.g.cs"));
        Assert.Contains($"Generated by Supabase.Build from the database postgres@{postgres.Host}:{postgres.Port}/{database.Name}.", live, StringComparison.Ordinal);
        Assert.Contains("/// Work to do.", live, StringComparison.Ordinal);
        Assert.Contains("public required global::App.Supabase.Priority Priority { get; init; }", live, StringComparison.Ordinal);

        // The file in the project is compiled like any source file.
        var build = consumer.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
    }

    [Fact]
    public void A_project_that_references_Npgsql_gets_PgName_attributes_and_MapSupabaseTypes()
    {
        var consumer = new ConsumerProject(fixture, Path.Combine(fixture.WorkDirectory, "models-npgsql"), fixture.Environment)
            .WithSdkElement("    <OutputType>Exe</OutputType>\n    <RootNamespace>App</RootNamespace>\n    <SupabaseGenerateModels>true</SupabaseGenerateModels>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include=\"Npgsql\" Version=\"8.0.5\" />\n  </ItemGroup>\n  <PropertyGroup>");
        consumer.AddMigration("20240101000000_tasks.sql", Schema);
        File.WriteAllText(Path.Combine(consumer.ProjectDirectory, "Program.cs"), """
            using App.Supabase;
            using Npgsql;

            var builder = new NpgsqlDataSourceBuilder("Host=127.0.0.1;Username=nobody").MapSupabaseTypes();
            System.Console.WriteLine($"{builder.GetType().Name} {Priority.High}");
            """);

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        var generated = File.ReadAllText(Path.Combine(consumer.ProjectDirectory, "obj", "Debug", "net10.0", "Supabase.Models.g.cs"));
        Assert.Contains("[global::NpgsqlTypes.PgName(\"high\")]", generated, StringComparison.Ordinal);
        Assert.Contains("mapper.MapEnum<Priority>(\"public.priority\");", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_process_builds_generate_the_same_models_and_skip_when_up_to_date()
    {
        var consumer = Consumer("models-oop", null);
        consumer.AddMigration("20240101000000_tasks.sql", Schema);
        consumer.AddMigration("20240102000000_dynamic.sql", "do $$ begin execute 'create table ' || 'later (id int)'; end $$;\n");
        var generated = Path.Combine(consumer.ProjectDirectory, "obj", "Debug", "net10.0", "Supabase.Models.g.cs");

        var inProcess = consumer.Build();
        Assert.True(inProcess.ExitCode == 0, inProcess.ToString());
        var expected = File.ReadAllText(generated);
        Directory.Delete(Path.Combine(consumer.ProjectDirectory, "obj", "Debug"), recursive: true);

        var outOfProcess = consumer.Build("-p:SupabaseRunOutOfProcess=true", "-v:d");
        Assert.True(outOfProcess.ExitCode == 0, outOfProcess.ToString());
        Assert.Contains("supabase-build.dll gen", outOfProcess.Output, StringComparison.Ordinal);
        Assert.Equal(expected, File.ReadAllText(generated));
        // The schema note (SB0004) is the same line either way.
        var note = InfoLine(inProcess.Output, "SB0004");
        Assert.Equal(note, InfoLine(outOfProcess.Output, "SB0004"));

        var again = consumer.Build("-p:SupabaseRunOutOfProcess=true", "-v:d");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Skipping target \"_SupabaseModelsGenerate\" because all output files are up-to-date", again.Output, StringComparison.Ordinal);

        // On request, as -t:SupabaseGenerateModels: the same file in the project.
        var requested = consumer.MSBuild("-t:SupabaseGenerateModels", "-p:SupabaseRunOutOfProcess=true", "-p:SupabaseModelsOutput=Models/Supabase.g.cs");
        Assert.True(requested.ExitCode == 0, requested.ToString());
        Assert.Equal(expected, File.ReadAllText(Path.Combine(consumer.ProjectDirectory, "Models", "Supabase.g.cs")));
    }

    [Fact]
    public async Task Out_of_process_SupabaseModelsSource_database_writes_the_models_of_the_database_in_SupabaseDbUrl()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(Schema, connection);
            await command.ExecuteNonQueryAsync();
        }

        var consumer = Consumer("models-db-oop", null);
        consumer.AddMigration("20240101000000_tasks.sql", Schema);
        var generate = consumer.MSBuild(
            "-t:SupabaseGenerateModels", "-p:SupabaseRunOutOfProcess=true", "-p:SupabaseModelsSource=Database", "-p:SupabaseModelsOutput=Models/Live.g.cs",
            $"-p:SupabaseDbUrl={database.DatabaseUrl}");

        Assert.True(generate.ExitCode == 0, generate.ToString());
        Assert.Contains($"Supabase.Build: wrote {Path.Combine(consumer.ProjectDirectory, "Models", "Live.g.cs")}: ", generate.Output, StringComparison.Ordinal);
        Assert.Contains("from the database", generate.Output, StringComparison.Ordinal);
        Assert.Contains($"Generated by Supabase.Build from the database postgres@{postgres.Host}:{postgres.Port}/{database.Name}.", File.ReadAllText(Path.Combine(consumer.ProjectDirectory, "Models", "Live.g.cs")), StringComparison.Ordinal);
    }

    private static string InfoLine(string output, string code) =>
        Assert.Single(output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains($": message {code}: ", StringComparison.Ordinal)).Distinct());

    private ConsumerProject Consumer(string name, string? databaseUrl)
    {
        var environment = new Dictionary<string, string>(fixture.Environment);
        if (databaseUrl is not null)
        {
            environment["SUPABASE_DB_URL"] = databaseUrl;
        }

        var consumer = new ConsumerProject(fixture, Path.Combine(fixture.WorkDirectory, name), environment)
            .WithSdkElement(databaseUrl is null
                ? "    <OutputType>Exe</OutputType>\n    <RootNamespace>App</RootNamespace>\n    <SupabaseGenerateModels>true</SupabaseGenerateModels>"
                : "    <OutputType>Exe</OutputType>\n    <RootNamespace>App</RootNamespace>");
        File.WriteAllText(Path.Combine(consumer.ProjectDirectory, "Program.cs"), databaseUrl is null ? Program : "System.Console.WriteLine(new App.Supabase.TasksInsert { Title = \"x\" }.Title);\n");
        return consumer;
    }
}
