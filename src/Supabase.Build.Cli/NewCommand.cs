using System.CommandLine;
using Supabase.Build.Migrations.BuildSteps;
using Supabase.Build.Migrations.Push;

namespace Supabase.Build.Cli;

/// <summary><c>supabase-build new NAME</c>: creates <c>supabase/migrations/&lt;UTC yyyyMMddHHmmss&gt;_NAME.sql</c>, as <c>supabase migration new</c> does.</summary>
internal sealed class NewCommand : Command
{
    private readonly string _workingDirectory;
    private readonly BuildMode _buildMode;
    private readonly Argument<string?> _name = new("name")
    {
        Description = "The migration's name, e.g. add_profiles: letters, digits, '_', '-' and '.'.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _directory = new("--dir")
    {
        Description = "The migrations folder. Default: the nearest supabase/migrations from the current directory upward (created in ./supabase/migrations when there is none).",
        HelpName = "path",
    };

    public NewCommand(string workingDirectory, BuildMode buildMode)
        : base("new", "Create an empty migration file named <UTC timestamp>_<name>.sql and print its path.")
    {
        _workingDirectory = workingDirectory;
        _buildMode = buildMode;
        Arguments.Add(_name);
        Options.Add(_directory);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var configured = parseResult.GetValue(_directory);
        if (_buildMode.Project(parseResult) is { } project)
        {
            // For a build out of process: SupabaseNewMigration's step (the working directory is the project's).
            var log = new BuildModeLog(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            return BuildMode.ExitCode(PushSteps.NewMigration(parseResult.GetValue(_name), configured, _workingDirectory, project, log) is not null);
        }

        var directory = configured is null
            ? PushSettings.NewMigrationDirectory(_workingDirectory)
            : Path.GetFullPath(configured, _workingDirectory);
        var result = NewMigration.Create(directory, parseResult.GetValue(_name), DateTime.UtcNow);
        if (!result.Succeeded)
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"{CliApplication.CommandName}: {result.Error}");
            return ExitCodes.UsageError;
        }

        parseResult.InvocationConfiguration.Output.WriteLine(result.Path);
        return ExitCodes.Success;
    }
}
