using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Push;

/// <summary>What kind of line a <see cref="PushEvent"/> is, so an adapter can choose how loud to print it.</summary>
public enum PushEventKind
{
    /// <summary>Where the push goes and what it found ("Connecting to ...", "2 pending migrations").</summary>
    Info,

    /// <summary>Details for a verbose log: each statement of a dry run, timings of steps.</summary>
    Detail,

    /// <summary>Waiting for another push to the same database.</summary>
    Waiting,

    /// <summary>One migration or seed applied (or, in a dry run, that would be).</summary>
    Applied,

    /// <summary>The closing line.</summary>
    Summary,

    /// <summary>A NOTICE or WARNING the server sent while a statement ran.</summary>
    ServerNotice,

    /// <summary>A finding or failure; <see cref="PushEvent.Diagnostic"/> is set.</summary>
    Diagnostic,
}

/// <summary>
/// One line of progress. Events are reported synchronously and in order on the pushing thread, so an adapter's
/// <see cref="IProgress{T}"/> can write them straight to its log. Messages never contain a password.
/// </summary>
public sealed record PushEvent(PushEventKind Kind, string Message, MigrationDiagnostic? Diagnostic = null)
{
    public override string ToString() => Message;
}
