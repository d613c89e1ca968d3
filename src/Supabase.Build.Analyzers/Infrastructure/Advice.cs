namespace Supabase.Build.Analyzers.Infrastructure;

/// <summary>The "what to do" half of a message, which depends on where the code runs.</summary>
internal static class Advice
{
    /// <summary>For a secret written in C#.</summary>
    public static string ForSourceSecret(ProjectKind kind, string environmentVariable) => kind switch
    {
        ProjectKind.Client =>
            "this is a client project, so everyone who gets the app can read it: keep the secret on a server (an API or a Supabase Edge Function) and call that",
        ProjectKind.Test =>
            "read it from the " + environmentVariable + " environment variable so it is not committed",
        _ =>
            "read it from configuration (user secrets, a vault) or the " + environmentVariable + " environment variable instead of the source",
    };
}
