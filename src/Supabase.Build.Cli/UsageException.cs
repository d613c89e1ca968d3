namespace Supabase.Build.Cli;

/// <summary>A mistake in the command line or its environment: printed as one line, exit code 2, no stack trace.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
