using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Supabase.Build.Analyzers.Infrastructure;

/// <summary>Where the compiled code runs, which decides how loud a leaked secret is.</summary>
internal enum ProjectKind
{
    /// <summary>Runs on a server or a developer's machine (web API, worker, console, class library).</summary>
    Server,

    /// <summary>Ships to users' devices or browsers: Blazor WebAssembly, MAUI, WPF, Windows Forms, WinExe, mobile.</summary>
    Client,

    /// <summary>A test project: nothing ships, but a committed secret is still a secret.</summary>
    Test,
}

/// <summary>
/// Reads the project kind from the MSBuild properties the SDK makes compiler-visible (<c>build_property.*</c> in the
/// generated .editorconfig). <c>SupabaseClientProject</c> (true/false) overrides the detection.
/// </summary>
internal static class ProjectKindDetector
{
    public const string ClientProjectProperty = "SupabaseClientProject";

    private static readonly string[] ClientPlatforms = ["browser", "android", "ios", "maccatalyst", "tvos"];

    public static ProjectKind Detect(AnalyzerConfigOptions globalOptions)
    {
        var explicitSetting = Property(globalOptions, ClientProjectProperty);
        if (IsTrue(explicitSetting))
        {
            return ProjectKind.Client;
        }

        if (IsTrue(Property(globalOptions, "IsTestProject")))
        {
            return ProjectKind.Test;
        }

        if (IsFalse(explicitSetting))
        {
            return ProjectKind.Server;
        }

        if (IsTrue(Property(globalOptions, "UsingMicrosoftNETSdkBlazorWebAssembly"))
            || IsTrue(Property(globalOptions, "UseMaui"))
            || IsTrue(Property(globalOptions, "UseWPF"))
            || IsTrue(Property(globalOptions, "UseWindowsForms"))
            || string.Equals(Property(globalOptions, "OutputType"), "WinExe", StringComparison.OrdinalIgnoreCase))
        {
            return ProjectKind.Client;
        }

        var platform = Property(globalOptions, "TargetPlatformIdentifier");
        foreach (var client in ClientPlatforms)
        {
            if (string.Equals(platform, client, StringComparison.OrdinalIgnoreCase))
            {
                return ProjectKind.Client;
            }
        }

        return ProjectKind.Server;
    }

    private static string Property(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_property." + name, out var value) ? value.Trim() : string.Empty;

    private static bool IsTrue(string value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static bool IsFalse(string value) => string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
}
