using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;

namespace Supabase.Build.Testing;

/// <summary>A cluster of our own: started, watched and removed (see ThrowawayPostgres.Stale.cs for what an earlier run left).</summary>
public sealed partial class ThrowawayPostgres
{
    /// <summary>One cluster of our own: temp dir (data/, server.log, socket, owner.pid), port, binaries.</summary>
    private sealed partial class ClusterHandle
    {
        private int stopped;
        private Process? watchdog;

        private ClusterHandle(string directory, string binDirectory, bool runAsPostgres, int port)
        {
            Directory = directory;
            BinDirectory = binDirectory;
            RunAsPostgres = runAsPostgres;
            Port = port;
        }

        public string Directory { get; }

        public string BinDirectory { get; }

        public bool RunAsPostgres { get; }

        public int Port { get; private set; }

        public string DataDirectory => Path.Combine(Directory, "data");

        public string LogPath => Path.Combine(Directory, "server.log");

        [UnsupportedOSPlatform("windows")]
        public static async Task<ClusterHandle> StartAsync()
        {
            var binDirectory = Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } configured
                ? configured
                : DefaultBinDirectory;
            if (!File.Exists(Path.Combine(binDirectory, "initdb")) || !File.Exists(Path.Combine(binDirectory, "pg_ctl")))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL 15 server binaries (initdb, pg_ctl) were not found in {binDirectory}. "
                    + "Run build/test.sh, which installs them (apt-get install postgresql-15 postgresql-contrib-15), "
                    + $"or set {TestDatabaseUrlVariable} to a postgresql:// URL of a PostgreSQL 15 server, "
                    + $"or {BinDirectoryVariable} to the folder that holds initdb.");
            }

            var runAsPostgres = Environment.IsPrivilegedProcess;
            EnsureSweptAndHooked(binDirectory, runAsPostgres);

            // PostgreSQL refuses to run as root; its `postgres` user must be able to reach the data dir, so as root
            // the dir goes in /tmp (TMPDIR may point somewhere that user cannot traverse).
            var directory = runAsPostgres
                ? System.IO.Directory.CreateDirectory(
                    Path.Combine("/tmp", OwnClusterPrefix + Guid.NewGuid().ToString("N")[..12]),
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName
                : System.IO.Directory.CreateTempSubdirectory(OwnClusterPrefix).FullName;

            var handle = new ClusterHandle(directory, binDirectory, runAsPostgres, port: 0);
            LiveClusters[directory] = handle; // from now on, process exit stops and removes it
            try
            {
                await handle.InitAndStartAsync().ConfigureAwait(false);
                return handle;
            }
            catch
            {
                LiveClusters.TryRemove(directory, out _);
                await handle.StopAndDeleteAsync().ConfigureAwait(false);
                throw;
            }
        }

        [UnsupportedOSPlatform("windows")]
        private async Task InitAndStartAsync()
        {
            await File.WriteAllTextAsync(Path.Combine(Directory, OwnerPidFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            var passwordFile = Path.Combine(Directory, "pwfile");
            await using (var stream = new FileStream(passwordFile, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteLineAsync(OwnClusterPassword).ConfigureAwait(false);
            }

            if (RunAsPostgres)
            {
                var chown = await RunAsync("chown", ["-R", "postgres:postgres", Directory], asPostgres: false).ConfigureAwait(false);
                if (chown.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"Running as root, but could not hand {Directory} to the 'postgres' user (is postgresql-15 installed? run build/test.sh): {chown.Output}");
                }
            }

            StartWatchdog();

            var initdb = await RunAsync(
                Path.Combine(BinDirectory, "initdb"),
                ["-D", DataDirectory, "-U", "postgres", "--pwfile=" + passwordFile, "--auth-local=trust",
                 "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"],
                RunAsPostgres).ConfigureAwait(false);
            File.Delete(passwordFile);
            if (initdb.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed (exit {initdb.ExitCode}):\n{initdb.Output}");
            }

            string failure = string.Empty;
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                Port = FreeLoopbackPort();
                var options = string.Join(
                    ' ',
                    $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
                    "-c listen_addresses=127.0.0.1",
                    $"-c unix_socket_directories='{Directory}'",
                    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
                var start = await RunAsync(
                    Path.Combine(BinDirectory, "pg_ctl"),
                    ["start", "-D", DataDirectory, "-l", LogPath, "-w", "-t", "60", "-o", options],
                    RunAsPostgres).ConfigureAwait(false);
                if (start.ExitCode == 0)
                {
                    return;
                }

                failure = $"pg_ctl start on port {Port} failed (exit {start.ExitCode}):\n{start.Output}\n{TailOfLog()}";
            }

            throw new InvalidOperationException(failure);
        }

        public async Task StopAndDeleteAsync()
        {
            if (Interlocked.Exchange(ref stopped, 1) != 0)
            {
                return;
            }

            StopWatchdog();
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                var stop = await RunAsync(
                    Path.Combine(BinDirectory, "pg_ctl"),
                    ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"],
                    RunAsPostgres).ConfigureAwait(false);
                if (stop.ExitCode != 0)
                {
                    await RunAsync(
                        Path.Combine(BinDirectory, "pg_ctl"),
                        ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"],
                        RunAsPostgres).ConfigureAwait(false);
                }
            }

            DeleteDirectory(Directory);
        }

        /// <summary>
        /// A small shell loop, detached from the test process's stdio, that waits for this process to end and then
        /// stops the server and deletes the dir: covers a test run killed before it could dispose the fixture
        /// (ProcessExit does not run then). Killed on a normal dispose.
        /// </summary>
        private void StartWatchdog()
        {
            const string Script =
                "exec </dev/null >/dev/null 2>&1; "
                + "while kill -0 \"$1\"; do sleep 1; done; "
                + "if [ -f \"$2/data/postmaster.pid\" ]; then "
                + "if [ \"$4\" = root ]; then runuser -u postgres -- \"$3\" stop -D \"$2/data\" -m immediate -w -t 20; "
                + "else \"$3\" stop -D \"$2/data\" -m immediate -w -t 20; fi; fi; "
                + "rm -rf -- \"$2\"";
            var psi = new ProcessStartInfo("/bin/sh")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in (string[])["-c", Script, "supabase-build-pg-watchdog",
                Environment.ProcessId.ToString(CultureInfo.InvariantCulture), Directory,
                Path.Combine(BinDirectory, "pg_ctl"), RunAsPostgres ? "root" : "user"])
            {
                psi.ArgumentList.Add(argument);
            }

            try
            {
                watchdog = Process.Start(psi);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No /bin/sh: the next run's sweep of stale clusters is the fallback.
            }
        }

        private void StopWatchdog()
        {
            var process = Interlocked.Exchange(ref watchdog, null);
            if (process is null)
            {
                return;
            }

            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5_000);
                }
            }
            catch (InvalidOperationException)
            {
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
            finally
            {
                process.Dispose();
            }
        }

        /// <summary>Synchronous last-chance stop for process exit.</summary>
        public void StopAndDeleteNow()
        {
            if (Interlocked.Exchange(ref stopped, 1) != 0)
            {
                return;
            }

            StopWatchdog();
            StopStale(Directory, BinDirectory, RunAsPostgres);
        }

        private string TailOfLog()
        {
            try
            {
                return File.Exists(LogPath) ? "server log:\n" + string.Join('\n', File.ReadLines(LogPath).TakeLast(20)) : string.Empty;
            }
            catch (IOException)
            {
                return string.Empty;
            }
        }
    }
}
