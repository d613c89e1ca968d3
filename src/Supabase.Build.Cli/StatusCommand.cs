using System.CommandLine;
using System.Text.Json;
using Supabase.Build.Migrations.BuildSteps;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Push;

namespace Supabase.Build.Cli;

/// <summary><c>supabase-build status [DIR]</c>: local migrations next to the applied ones, like <c>supabase migration list</c>.</summary>
internal sealed class StatusCommand : Command
{
    private readonly string _workingDirectory;
    private readonly BuildMode _buildMode;
    private readonly Argument<string?> _directory = PushCommandSupport.DirectoryArgument("compare");
    private readonly Option<string?> _databaseUrl = PushCommandSupport.DatabaseUrlOption();
    private readonly Option<string?> _parserLibrary = PushCommandSupport.ParserLibraryOption();

    private readonly Option<string> _format = new("--format", "-f")
    {
        Description = "text (a table) or json (an array of {version, name, path, state, edited}).",
        DefaultValueFactory = _ => "text",
        HelpName = "text|json",
    };

    public StatusCommand(string workingDirectory, BuildMode buildMode)
        : base("status", "Show the local migrations next to the ones applied to the database (supabase_migrations.schema_migrations). Changes nothing. Exit code: 0 shown, 1 the database could not be read, 2 usage error.")
    {
        _workingDirectory = workingDirectory;
        _buildMode = buildMode;
        _format.AcceptOnlyFromAmong("text", "json");
        Arguments.Add(_directory);
        Options.Add(_databaseUrl);
        Options.Add(_format);
        Options.Add(_parserLibrary);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (_buildMode.Project(parseResult) is { } project)
        {
            // For a build out of process: SupabaseMigrationStatus's step, with the task's inputs from the options.
            var request = new DatabaseRequest
            {
                MigrationsDirectory = BuildMode.Directory(parseResult.GetValue(_directory), _workingDirectory),
                DatabaseUrl = BuildMode.DatabaseUrl(parseResult.GetValue(_databaseUrl)),
                ParserLibrary = parseResult.GetValue(_parserLibrary),
                ProjectFile = project,
            };
            return BuildMode.ExitCode(PushSteps.Status(request, new BuildModeLog(output, error), cancellationToken) is not null);
        }

        try
        {
            var directory = PushCommandSupport.ResolveDirectory(parseResult.GetValue(_directory), _workingDirectory);
            var errors = new List<MigrationDiagnostic>();
            var target = PushSettings.TryTarget(parseResult.GetValue(_databaseUrl), "--db-url", "--db-url", errors);
            if (target is null)
            {
                errors.ForEach(e => error.WriteLine(PushCommandSupport.Format(e)));
                return ExitCodes.UsageError;
            }

            var pusher = MigrationPusher.TryCreate(parseResult.GetValue(_parserLibrary), out var parserNotFound);
            if (pusher is null)
            {
                error.WriteLine(PushCommandSupport.Format(parserNotFound!));
                return ExitCodes.ErrorsFound;
            }

            var result = await pusher.StatusAsync(
                MigrationDiscovery.Discover(directory), target, new ConsoleProgress(output, error, verbose: false), cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return ExitCodes.ErrorsFound;
            }

            if (parseResult.GetValue(_format) == "json")
            {
                WriteJson(output, result);
            }
            else
            {
                foreach (var line in StatusTable.Lines(result))
                {
                    output.WriteLine(line);
                }
            }

            return ExitCodes.Success;
        }
        catch (UsageException e)
        {
            error.WriteLine($"{CliApplication.CommandName}: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return PushCommandSupport.Cancelled;
        }
    }

    private static void WriteJson(TextWriter output, MigrationStatusResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var entry in result.Entries)
            {
                writer.WriteStartObject();
                writer.WriteString("version", entry.Version);
                writer.WriteString("name", entry.Name);
                writer.WriteString("path", entry.Path);
                writer.WriteString("state", entry.State switch
                {
                    MigrationState.Applied => "applied",
                    MigrationState.Pending => "pending",
                    MigrationState.OutOfOrder => "out-of-order",
                    _ => "remote-only",
                });
                writer.WriteBoolean("edited", entry.Edited);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
