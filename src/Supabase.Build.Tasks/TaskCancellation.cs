namespace Supabase.Build.Tasks;

/// <summary>
/// Ctrl+C in MSBuild (<c>ICancelableTask.Cancel</c>, called on another thread) as a token for the engine: the running
/// statement is cancelled on the server and its migration rolled back.
/// </summary>
internal sealed class TaskCancellation
{
    private readonly object _gate = new();
    private CancellationTokenSource? _source;
    private bool _requested;

    public void Cancel()
    {
        lock (_gate)
        {
            _requested = true;
            _source?.Cancel();
        }
    }

    /// <summary>Runs <paramref name="work"/> with a token that <see cref="Cancel"/> trips.</summary>
    public T Run<T>(Func<CancellationToken, T> work)
    {
        using var source = new CancellationTokenSource();
        lock (_gate)
        {
            _source = source;
            if (_requested)
            {
                source.Cancel();
            }
        }

        try
        {
            return work(source.Token);
        }
        finally
        {
            lock (_gate)
            {
                _source = null;
            }
        }
    }
}
