using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using Supabase.Build.Migrations.Database;
using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Parsing;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Push;

/// <summary>What <see cref="MigrationPusher.StatusAsync"/> found: every version, local and applied, in version order.</summary>
public sealed record MigrationStatusResult(
    bool Succeeded,
    string Database,
    bool HistoryExists,
    IReadOnlyList<MigrationStatusEntry> Entries,
    IReadOnlyList<MigrationDiagnostic> Diagnostics);

/// <summary>
/// Pushes the migrations of a folder to a database, keeping the Supabase CLI's history:
/// <list type="number">
/// <item>parse every local file once (the real parser: statement boundaries, transaction needs, the history form);</item>
/// <item>connect; take the push lock (a session advisory lock, polled, so pushes to one database run one at a time);</item>
/// <item>read <c>supabase_migrations.schema_migrations</c> and reconcile (SB0510, SB0511, SB0512);</item>
/// <item>lint the pending files and stop on an error finding, before anything is changed;</item>
/// <item>create what is missing of the history table; apply each pending file with its history row (one transaction
/// per file, or statement by statement when a statement cannot run in one); then the seed files;</item>
/// </list>
/// Every step reports through <see cref="IProgress{T}"/>; user errors end as diagnostics in the result, never as exceptions.
/// </summary>
public sealed class MigrationPusher
{
    /// <summary>The application_name of the push's connection (unless the URL sets one), visible in pg_stat_activity.</summary>
    public const string ApplicationName = "supabase-build push";

    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LockReminderInterval = TimeSpan.FromSeconds(15);

    private readonly PgParser _parser;
    private readonly MigrationParser _migrationParser;
    private readonly MigrationLinter _linter;

    public MigrationPusher(PgParser parser)
    {
        _parser = parser ?? throw new ArgumentNullException(nameof(parser));
        _migrationParser = new MigrationParser(parser);
        // The gate is about running the statements safely: the migration-safety rules. The schema checks (SB2xxx)
        // judge the whole history's result; the build and SupabaseAdvise report them, and they need a full replay.
        _linter = new MigrationLinter(parser, RuleRegistry.All, Array.Empty<Rules.Advisors.ISchemaRule>());
    }

    /// <summary>Every diagnostic a push can report: the lint's catalogue and the push's own.</summary>
    public IEnumerable<RuleDescriptor> Descriptors => _linter.Descriptors.Concat(PushDiagnostics.All);

    /// <summary>Loads the parser and makes a pusher, or returns SB0003 naming every place the parser was looked for.</summary>
    public static MigrationPusher? TryCreate(string? configuredParserPath, out MigrationDiagnostic? parserNotFound)
    {
        try
        {
            parserNotFound = null;
            return new MigrationPusher(PgParser.Load(configuredParserPath));
        }
        catch (PgQueryLibraryException e)
        {
            parserNotFound = MigrationDiagnostic.ForFile(ToolDiagnostics.ParserNotFound, "libpg_query", e.Message);
            return null;
        }
    }

    /// <summary>Pushes the pending migrations of <paramref name="set"/> (see the class summary).</summary>
    /// <exception cref="OperationCanceledException">Cancelled; the file being applied was rolled back (or, statement by statement, reported).</exception>
    public async Task<PushResult> PushAsync(MigrationSet set, PushOptions options, IProgress<PushEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        var reporter = new PushReporter(progress, options.DisabledRules, options.DiagnosticPolicy, options.Target);
        var applied = new List<AppliedFile>();
        var pending = new List<string>();
        PushResult Result() => new(!reporter.HasErrors, options.DryRun, applied, pending, reporter.Diagnostics, watch.Elapsed);

        foreach (var diagnostic in set.Diagnostics)
        {
            reporter.Report(diagnostic);
        }

        if (reporter.HasErrors)
        {
            reporter.Report(PushEventKind.Summary, "Nothing was pushed: fix the migration files first.");
            return Result();
        }

        var directory = set.Directory ?? (set.Files.Count > 0 ? Path.GetDirectoryName(set.Files[0].Path)! : Directory.GetCurrentDirectory());
        var seeds = ParseSeeds(options, directory, reporter);
        if (reporter.HasErrors)
        {
            reporter.Report(PushEventKind.Summary, "Nothing was pushed.");
            return Result();
        }

        // Parsing and linting (CPU) overlap with connecting, waiting for the lock and reading the history (network).
        // The lint covers every file, as which are pending is only known from the history; only the pending files'
        // findings are reported (the others were reported by the builds that came before).
        var parsing = Task.Run(() => ParseAll(set.Files), cancellationToken);
        var linting = options.Lint && set.Files.Count > 0
            ? parsing.ContinueWith<LintResult?>(
                parsed => _linter.Lint(
                    new MigrationSet(directory, set.Files, Array.Empty<MigrationDiagnostic>()),
                    parsed.Result,
                    new LintOptions { DisabledRules = options.DisabledRules.ToList(), PostgresVersion = options.PostgresVersion }),
                cancellationToken,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default)
            : Task.FromResult<LintResult?>(null);
        try
        {
            await using var session = await PushSession.OpenAsync(options.Target, ApplicationName, cancellationToken).ConfigureAwait(false);
            var migrations = await parsing.ConfigureAwait(false);
            session.Notice += notice => reporter.Report(PushEventKind.ServerNotice, $"{notice.Severity}: {ServerErrors.OneLine(notice.MessageText)}");
            var database = options.Target.Display;
            reporter.Report(PushEventKind.Detail, $"Parsed {Plural(migrations.Length, "migration")} and connected in {Milliseconds(watch.Elapsed)}");
            reporter.Report(
                PushEventKind.Info,
                $"Pushing to {database} (from {options.Target.Source}){(options.DryRun ? "; dry run: nothing will be changed" : string.Empty)}");

            if (!options.DryRun)
            {
                await AcquireLockAsync(session, options, reporter, cancellationToken).ConfigureAwait(false);
            }

            var catalog = await ReadHistoryAsync(() => MigrationHistory.InspectAsync(session.Connection, cancellationToken), "read").ConfigureAwait(false);
            var history = await ReadHistoryAsync(() => MigrationHistory.ReadAsync(session.Connection, catalog, cancellationToken), "read").ConfigureAwait(false);
            var reconciliation = HistoryReconciler.Reconcile(migrations, history, options.IncludeAll, directory, database, _parser);
            foreach (var diagnostic in reconciliation.Diagnostics)
            {
                reporter.Report(diagnostic);
            }

            reporter.Report(PushEventKind.Detail, $"Read {Plural(history.Count, "applied version")} at {Milliseconds(watch.Elapsed)}");
            var toApply = reconciliation.ToApply;
            pending.AddRange(toApply.Select(m => m.File.FileName));
            if (reporter.HasErrors)
            {
                reporter.Report(PushEventKind.Summary, $"Nothing was pushed: the migration history of {database} and the local migrations disagree (see above).");
                return Result();
            }

            if (!CheckPending(toApply, seeds, await linting.ConfigureAwait(false), reporter))
            {
                reporter.Report(
                    PushEventKind.Summary,
                    options.Lint
                        ? "Nothing was pushed: the pending migrations have errors (set SupabasePushSkipLint=true, or --skip-lint, to push despite lint findings)."
                        : "Nothing was pushed: the pending migrations have errors.");
                return Result();
            }

            reporter.Report(PushEventKind.Detail, $"Checked {Plural(toApply.Count, "pending migration")} at {Milliseconds(watch.Elapsed)}");
            var seedPlans = await PlanSeedsAsync(session, catalog, seeds, reporter, cancellationToken).ConfigureAwait(false);
            var appliedBefore = history.Count;
            if (toApply.Count == 0 && seedPlans.Count == 0)
            {
                reporter.Report(PushEventKind.Summary, $"{database} is up to date: {Plural(appliedBefore, "migration")} applied, nothing to push.");
                return Result();
            }

            if (options.DryRun)
            {
                DescribeDryRun(toApply, seedPlans, database, reporter);
                return Result();
            }

            await ReadHistoryAsync(() => session.SetTimeoutsAsync(options.LockTimeout, options.StatementTimeout, cancellationToken), "prepare").ConfigureAwait(false);
            catalog = await ReadHistoryAsync(
                () => MigrationHistory.EnsureAsync(session, catalog, seedPlans.Count > 0, cancellationToken), "create").ConfigureAwait(false);

            var executor = new MigrationExecutor(session, options);
            try
            {
                foreach (var migration in toApply)
                {
                    var file = migration.File;
                    var plan = ExecutionPlanner.Plan(migration);
                    var recorded = RecordedStatements.Of(migration);
                    var done = await executor.RunAsync(
                        migration,
                        plan,
                        () => MigrationHistory.InsertCommand(file.Version, file.Name, recorded),
                        MigrationHistory.TableName,
                        cancellationToken).ConfigureAwait(false);
                    applied.Add(done);
                    reporter.Report(PushEventKind.Applied, $"Applied {file.FileName}: {Plural(done.Statements, "statement")} in {Milliseconds(done.Duration)}{ModeNote(plan)}");
                }

                foreach (var seed in seedPlans)
                {
                    await ApplySeedAsync(session, executor, seed, applied, reporter, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (PushStoppedException stopped)
            {
                reporter.Report(stopped.Diagnostic);
                var applyCount = applied.Count(a => a.Version.Length > 0);
                reporter.Report(
                    PushEventKind.Summary,
                    $"Push failed after {Plural(applyCount, "migration")} of {toApply.Count} {(applyCount == 1 ? "was" : "were")} applied; fix the error above and push again (what was applied stays recorded).");
                return Result();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                reporter.Report(
                    PushEventKind.Summary,
                    $"Push cancelled after {Plural(applied.Count, "file")} {(applied.Count == 1 ? "was" : "were")} applied; the file being applied was not recorded "
                    + "(a file that runs in a transaction was rolled back).");
                throw;
            }

            var statementCount = applied.Sum(a => a.Statements);
            reporter.Report(
                PushEventKind.Summary,
                $"Pushed {Plural(applied.Count(a => a.Version.Length > 0), "migration")} ({Plural(statementCount, "statement")}) to {database} in {Seconds(watch.Elapsed)}; "
                + $"{Plural(appliedBefore + applied.Count(a => a.Version.Length > 0), "migration")} applied in all.");
            return Result();
        }
        catch (PushStoppedException stopped)
        {
            // A connection failure is one line that says it all; other stops get the closing line too.
            reporter.Report(stopped.Diagnostic);
            if (stopped.Diagnostic.Rule != PushDiagnostics.ConnectionFailed)
            {
                reporter.Report(PushEventKind.Summary, "Nothing was pushed.");
            }

            return Result();
        }
        finally
        {
            // Never leave work running behind the caller's back (an MSBuild task returns when this does).
            await Task.WhenAll(parsing, linting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Local and applied migrations side by side, like <c>supabase migration list</c>. Changes nothing, takes no lock.</summary>
    public async Task<MigrationStatusResult> StatusAsync(MigrationSet set, DatabaseTarget target, IProgress<PushEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(target);
        var reporter = new PushReporter(progress, Array.Empty<string>(), null, target);
        foreach (var diagnostic in set.Diagnostics)
        {
            reporter.Report(diagnostic);
        }

        var directory = set.Directory ?? (set.Files.Count > 0 ? Path.GetDirectoryName(set.Files[0].Path)! : Directory.GetCurrentDirectory());
        var migrations = ParseAll(set.Files);
        try
        {
            await using var session = await PushSession.OpenAsync(target, "supabase-build status", cancellationToken).ConfigureAwait(false);
            var catalog = await ReadHistoryAsync(() => MigrationHistory.InspectAsync(session.Connection, cancellationToken), "read").ConfigureAwait(false);
            var history = await ReadHistoryAsync(() => MigrationHistory.ReadAsync(session.Connection, catalog, cancellationToken), "read").ConfigureAwait(false);
            var reconciliation = HistoryReconciler.Reconcile(migrations, history, includeAll: false, directory, target.Display, _parser);
            return new MigrationStatusResult(!reporter.HasErrors, target.Display, catalog.HasTable, reconciliation.Entries, reporter.Diagnostics);
        }
        catch (PushStoppedException stopped)
        {
            reporter.Report(stopped.Diagnostic);
            return new MigrationStatusResult(false, target.Display, false, Array.Empty<MigrationStatusEntry>(), reporter.Diagnostics);
        }
    }

    private ParsedMigration[] ParseAll(IReadOnlyList<MigrationFile> files)
    {
        var parsed = new ParsedMigration[files.Count];
        Parallel.For(0, files.Count, i => parsed[i] = _migrationParser.Parse(files[i]));
        return parsed;
    }

    private List<ParsedMigration> ParseSeeds(PushOptions options, string migrationsDirectory, PushReporter reporter)
    {
        var root = options.ProjectRoot ?? Path.GetDirectoryName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(migrationsDirectory)))) ?? migrationsDirectory;
        var seeds = new List<ParsedMigration>();
        foreach (var path in options.SeedFiles)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                reporter.Report(MigrationDiagnostic.ForFile(PushDiagnostics.InvalidSetting, full, $"the seed file '{full}' does not exist"));
                continue;
            }

            // The seed's "version" is the path the Supabase CLI records in seed_files: relative to the project, '/' separated.
            var recorded = Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
            seeds.Add(_migrationParser.Parse(new MigrationFile(full, string.Empty, recorded)));
        }

        return seeds;
    }

    /// <summary>
    /// Files that cannot be applied as written stop the push whatever the lint settings: SQL the parser rejects (the
    /// server would too, after the statements before it) and files that are not UTF-8. With the lint on, its findings
    /// for the pending files (which include those) decide.
    /// </summary>
    private static bool CheckPending(IReadOnlyList<ParsedMigration> toApply, IReadOnlyList<ParsedMigration> seeds, LintResult? lint, PushReporter reporter)
    {
        if (lint is not null)
        {
            var pending = new HashSet<string>(toApply.Select(m => m.File.Path), StringComparer.Ordinal);

            // The gate reports what can stop a push or should be read before it: errors and warnings. Info findings are
            // advice for the build, not for the deployment log.
            reporter.ReportAll(lint.Diagnostics.Where(d => pending.Contains(d.FilePath) && d.Severity != DiagnosticSeverity.Info));
        }
        else
        {
            reporter.ReportAll(toApply.SelectMany(m => m.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        reporter.ReportAll(seeds.SelectMany(s => s.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error));
        return !reporter.HasErrors;
    }

    private static async Task AcquireLockAsync(PushSession session, PushOptions options, PushReporter reporter, CancellationToken cancellationToken)
    {
        var database = session.Target.Display;
        var watch = Stopwatch.StartNew();
        var nextReminder = LockReminderInterval;
        string? holder = null;
        while (!await ReadHistoryAsync(() => session.TryLockAsync(cancellationToken), "lock").ConfigureAwait(false))
        {
            if (holder is null)
            {
                holder = await session.DescribeLockHolderAsync(cancellationToken).ConfigureAwait(false) ?? "holder unknown";
                reporter.Report(
                    PushEventKind.Waiting,
                    $"Another push to {database} is running ({holder}); waiting up to {Seconds(options.LockWait)} for it to finish");
            }
            else if (watch.Elapsed >= nextReminder)
            {
                reporter.Report(PushEventKind.Waiting, $"Still waiting for the other push to {database} ({Seconds(watch.Elapsed)} so far)");
                nextReminder += LockReminderInterval;
            }

            var remaining = options.LockWait - watch.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new PushStoppedException(MigrationDiagnostic.ForFile(
                    PushDiagnostics.LockWaitTimeout,
                    database,
                    $"another push to {database} ({holder}) did not finish within {Seconds(options.LockWait)} (SupabasePushLockWaitSeconds); nothing was pushed. "
                    + "Push again when it is done, or end that session if it is stuck"));
            }

            await Task.Delay(remaining < LockPollInterval ? remaining : LockPollInterval, cancellationToken).ConfigureAwait(false);
        }

        if (holder is not null)
        {
            reporter.Report(PushEventKind.Info, $"The other push finished; continuing after {Seconds(watch.Elapsed)}");
        }
    }

    private sealed record SeedPlan(ParsedMigration Seed, string Hash, bool RecordOnly);

    /// <summary>
    /// As the Supabase CLI does: a seed file not in seed_files runs (with its row, in one transaction); one with the same
    /// hash is skipped; one whose hash changed is not run again (seeds are not re-runnable in general), only its
    /// new hash recorded, with warning SB0513.
    /// </summary>
    private static async Task<IReadOnlyList<SeedPlan>> PlanSeedsAsync(
        PushSession session, HistoryCatalog catalog, List<ParsedMigration> seeds, PushReporter reporter, CancellationToken cancellationToken)
    {
        if (seeds.Count == 0)
        {
            return Array.Empty<SeedPlan>();
        }

        var applied = await ReadHistoryAsync(() => MigrationHistory.ReadSeedsAsync(session.Connection, catalog, cancellationToken), "read").ConfigureAwait(false);
        var plans = new List<SeedPlan>();
        foreach (var seed in seeds)
        {
            var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(seed.File.Path))).ToLowerInvariant();
            if (!applied.TryGetValue(seed.File.Name, out var recorded))
            {
                plans.Add(new SeedPlan(seed, hash, RecordOnly: false));
            }
            else if (!string.Equals(recorded, hash, StringComparison.Ordinal))
            {
                reporter.Report(MigrationDiagnostic.ForFile(
                    PushDiagnostics.SeedChanged,
                    seed.File.Path,
                    $"{seed.File.Name} changed since it was applied to {session.Target.Display}; seeds run once, so it is not run again (its new hash is recorded). "
                    + "Put data changes for an existing database in a migration"));
                plans.Add(new SeedPlan(seed, hash, RecordOnly: true));
            }
            else
            {
                reporter.Report(PushEventKind.Detail, $"Seed {seed.File.Name} is applied already");
            }
        }

        return plans;
    }

    private static async Task ApplySeedAsync(
        PushSession session, MigrationExecutor executor, SeedPlan seed, List<AppliedFile> applied, PushReporter reporter, CancellationToken cancellationToken)
    {
        var path = seed.Seed.File.Name;
        if (seed.RecordOnly)
        {
            await ReadHistoryAsync(
                async () =>
                {
                    await using var batch = new NpgsqlBatch(session.Connection);
                    batch.BatchCommands.Add(MigrationHistory.UpsertSeedCommand(path, seed.Hash));
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                },
                "write").ConfigureAwait(false);
            return;
        }

        var plan = ExecutionPlanner.Plan(seed.Seed);
        var done = await executor.RunAsync(
            seed.Seed, plan, () => MigrationHistory.UpsertSeedCommand(path, seed.Hash), MigrationHistory.SeedTableName, cancellationToken).ConfigureAwait(false);
        applied.Add(done);
        reporter.Report(PushEventKind.Applied, $"Seeded {path}: {Plural(done.Statements, "statement")} in {Milliseconds(done.Duration)}{ModeNote(plan)}");
    }

    private static void DescribeDryRun(IReadOnlyList<ParsedMigration> toApply, IReadOnlyList<SeedPlan> seeds, string database, PushReporter reporter)
    {
        foreach (var migration in toApply)
        {
            var plan = ExecutionPlanner.Plan(migration);
            reporter.Report(PushEventKind.Applied, $"Would apply {migration.File.FileName}: {Plural(plan.Executed.Count, "statement")}{ModeNote(plan)}");
            foreach (var statement in plan.Executed)
            {
                reporter.Report(PushEventKind.Detail, $"  {migration.File.FileName}({statement.Span.Start.Line},{statement.Span.Start.Column}): {FirstLine(migration.TextOf(statement))}");
            }
        }

        foreach (var seed in seeds)
        {
            reporter.Report(
                PushEventKind.Applied,
                seed.RecordOnly
                    ? $"Would record the new hash of {seed.Seed.File.Name} (not run again)"
                    : $"Would seed {seed.Seed.File.Name}: {Plural(seed.Seed.Statements.Count, "statement")}");
        }

        reporter.Report(
            PushEventKind.Summary,
            $"Dry run: {Plural(toApply.Count, "migration")} ({Plural(toApply.Sum(m => ExecutionPlanner.Plan(m).Executed.Count), "statement")}) would be pushed to {database}; nothing was changed.");
    }

    /// <summary>
    /// Runs one of the push's own queries (history, lock, settings); a server error there is SB0506, a broken
    /// connection SB0502, both ending the push with nothing of the current step applied.
    /// </summary>
    private static async Task<T> ReadHistoryAsync<T>(Func<Task<T>> action, string what)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            var verb = what switch
            {
                "read" => "could not read the migration history (supabase_migrations)",
                "create" => "could not create the migration history table supabase_migrations.schema_migrations",
                "write" => "could not write to supabase_migrations.seed_files",
                "lock" => "could not take the push lock (pg_try_advisory_lock)",
                _ => "could not set lock_timeout and statement_timeout",
            };
            throw new PushStoppedException(MigrationDiagnostic.ForFile(PushDiagnostics.HistoryFailed, "supabase_migrations", $"{verb}: {ServerErrors.Describe(e)}"));
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            throw new PushStoppedException(MigrationDiagnostic.ForFile(
                PushDiagnostics.ConnectionFailed,
                "database",
                $"the connection to the database was lost: {ServerErrors.OneLine(e.InnerException?.Message ?? e.Message)}"));
        }
    }

    private static async Task ReadHistoryAsync(Func<Task> action, string what) =>
        await ReadHistoryAsync(
            async () =>
            {
                await action().ConfigureAwait(false);
                return true;
            },
            what).ConfigureAwait(false);

    private static string ModeNote(ExecutionPlan plan) => plan.Mode switch
    {
        ExecutionMode.StatementByStatement => $" (statement by statement, outside a transaction: {plan.Reason})",
        ExecutionMode.OwnTransactionReplaced => " (its BEGIN/COMMIT replaced by the push's transaction)",
        _ => string.Empty,
    };

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        return line.Length <= 120 && line.Length == text.Length ? line : string.Concat(line.AsSpan(0, Math.Min(line.Length, 120)), " ...");
    }

    internal static string Plural(int count, string noun) =>
        count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";

    private static string Milliseconds(TimeSpan duration) => $"{Math.Round(duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)} ms";

    private static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds >= 10
            ? $"{Math.Round(duration.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s"
            : $"{duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
}
