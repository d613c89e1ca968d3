using System.Globalization;
using System.Text.RegularExpressions;

namespace Supabase.Build.Migrations.Push;

/// <summary>
/// Durations as PostgreSQL writes its timeout settings: <c>5s</c>, <c>500ms</c>, <c>2min</c>, <c>1h</c>, <c>1d</c>, or a
/// bare number of milliseconds; <c>0</c>, <c>off</c> or empty mean no timeout.
/// </summary>
public static class PostgresDuration
{
    private static readonly Regex Pattern = new(
        @"^\s*(?<number>[0-9]+(?:\.[0-9]+)?)\s*(?<unit>us|ms|s|min|h|d)?\s*$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Parses <paramref name="value"/>; <paramref name="duration"/> is null for "no timeout".</summary>
    public static bool TryParse(string? value, out TimeSpan? duration)
    {
        duration = null;
        if (string.IsNullOrWhiteSpace(value) || string.Equals(value.Trim(), "off", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var match = Pattern.Match(value);
        if (!match.Success
            || !double.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var milliseconds = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "us" => number / 1000,
            "s" => number * 1000,
            "min" => number * 60_000,
            "h" => number * 3_600_000,
            "d" => number * 86_400_000,
            _ => number,
        };
        if (milliseconds > int.MaxValue)
        {
            return false;
        }

        duration = milliseconds <= 0 ? null : TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(milliseconds)));
        return true;
    }

    /// <summary>The value for <c>SET lock_timeout = ...</c>: whole milliseconds, 0 for none.</summary>
    public static string ToSetting(TimeSpan? duration) =>
        duration is { } d ? ((long)Math.Max(1, Math.Round(d.TotalMilliseconds))).ToString(CultureInfo.InvariantCulture) : "0";

    /// <summary>Short human form for messages: 5s, 500ms, 2min.</summary>
    public static string Format(TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            return "off";
        }

        if (d.TotalMilliseconds < 1000 || d.Milliseconds != 0)
        {
            return $"{(long)d.TotalMilliseconds}ms";
        }

        return d.TotalSeconds % 60 == 0 ? $"{(long)d.TotalMinutes}min" : $"{(long)d.TotalSeconds}s";
    }
}
