namespace Supabase.Build.Analyzers.Tests.Support;

/// <summary>
/// The MSBuild properties a test compilation "comes from", as the SDK passes them to the analyzers
/// (<c>build_property.*</c> in a global analyzer config).
/// </summary>
public sealed record TestProject(string Name, params string[] Properties)
{
    public static readonly TestProject Server = new("server (web API, console, library)");
    public static readonly TestProject BlazorWebAssembly = new("Blazor WebAssembly", "UsingMicrosoftNETSdkBlazorWebAssembly = true");
    public static readonly TestProject Maui = new("MAUI", "UseMaui = true", "TargetPlatformIdentifier = android");
    public static readonly TestProject Wpf = new("WPF", "UseWPF = true", "OutputType = WinExe");
    public static readonly TestProject WindowsForms = new("Windows Forms", "UseWindowsForms = true");
    public static readonly TestProject WinExe = new("WinExe", "OutputType = WinExe");
    public static readonly TestProject BrowserPlatform = new("net8.0-browser", "TargetPlatformIdentifier = browser");
    public static readonly TestProject Ios = new("net8.0-ios", "TargetPlatformIdentifier = ios");
    public static readonly TestProject Tests = new("test project", "IsTestProject = true");
    public static readonly TestProject DeclaredClient = new("SupabaseClientProject=true", "SupabaseClientProject = true");
    public static readonly TestProject BlazorDeclaredServer = new("Blazor WebAssembly with SupabaseClientProject=false", "UsingMicrosoftNETSdkBlazorWebAssembly = true", "SupabaseClientProject = false");
    public static readonly TestProject WebSdk = new("ASP.NET Core", "UsingMicrosoftNETSdkWeb = true", "OutputType = Exe");

    /// <summary>A global analyzer config with these properties, and with <paramref name="sections"/> appended.</summary>
    public string GlobalConfig(string sections = "") =>
        "is_global = true\n" + string.Concat(Properties.Select(p => "build_property." + p + "\n")) + sections;

    public override string ToString() => Name;
}
