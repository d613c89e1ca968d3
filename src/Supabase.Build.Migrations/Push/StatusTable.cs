using System.Globalization;
using System.Text;

namespace Supabase.Build.Migrations.Push;

/// <summary>
/// The status as a table, in the columns of <c>supabase migration list</c> (Local, Remote, Time (UTC)) plus the name
/// and the state, then a one-line count. The same lines in the MSBuild log and the terminal.
/// </summary>
public static class StatusTable
{
    public static IReadOnlyList<string> Lines(MigrationStatusResult status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var lines = new List<string> { $"Migrations: local folder vs {status.Database}" + (status.HistoryExists ? string.Empty : " (no migration history there yet)") };
        var rows = status.Entries.Select(e => new[]
        {
            e.State == MigrationState.RemoteOnly ? string.Empty : e.Version,
            e.State == MigrationState.Applied || e.State == MigrationState.RemoteOnly ? e.Version : string.Empty,
            e.Timestamp?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? string.Empty,
            e.Name ?? string.Empty,
            Describe(e),
        }).ToList();
        string[] header = ["Local", "Remote", "Time (UTC)", "Name", "State"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        widths[0] = widths[1] = Math.Max(widths[0], widths[1]); // the version columns line up, filled or not

        lines.Add(Row(header, widths));
        lines.Add("  " + string.Join("-|-", widths.Select(w => new string('-', w))));
        lines.AddRange(rows.Select(r => Row(r, widths)));
        lines.Add(Summary(status.Entries));
        return lines;
    }

    private static string Describe(MigrationStatusEntry entry) => entry.State switch
    {
        MigrationState.Applied when entry.Edited => "applied, edited since (SB0512)",
        MigrationState.Applied => "applied",
        MigrationState.Pending => "pending",
        MigrationState.OutOfOrder => "pending, older than applied ones (SB0511)",
        _ => "applied, no local file (SB0510)",
    };

    private static string Row(string[] cells, int[] widths)
    {
        var text = new StringBuilder("  ");
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i]));
            if (i < cells.Length - 1)
            {
                text.Append(" | ");
            }
        }

        return text.ToString().TrimEnd();
    }

    private static string Summary(IReadOnlyList<MigrationStatusEntry> entries)
    {
        var applied = entries.Count(e => e.State == MigrationState.Applied);
        var pending = entries.Count(e => e.State is MigrationState.Pending or MigrationState.OutOfOrder);
        var parts = new List<string> { $"{applied} applied", $"{pending} pending" };
        var remoteOnly = entries.Count(e => e.State == MigrationState.RemoteOnly);
        if (remoteOnly > 0)
        {
            parts.Add($"{remoteOnly} only in the database");
        }

        var edited = entries.Count(e => e.Edited);
        if (edited > 0)
        {
            parts.Add($"{edited} edited after being applied");
        }

        return string.Join(", ", parts) + ".";
    }
}
