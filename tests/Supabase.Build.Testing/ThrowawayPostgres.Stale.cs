using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Supabase.Build.Testing;

/// <summary>Clusters an earlier, killed run left behind, and the process helpers the cluster code shares.</summary>
public sealed partial class ThrowawayPostgres
{
    private sealed partial class ClusterHandle
    {
        private static int FreeLoopbackPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static void EnsureSweptAndHooked(string binDirectory, bool runAsPostgres)
        {
            if (Interlocked.Exchange(ref sweptAndHooked, 1) != 0)
            {
                return;
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var handle in LiveClusters.Values)
                {
                    handle.StopAndDeleteNow();
                }
            };

            // Clusters whose test process died without disposing them (killed run): stop and remove them.
            var tempRoot = runAsPostgres ? "/tmp" : Path.GetTempPath();
            IEnumerable<string> candidates;
            try
            {
                candidates = System.IO.Directory.EnumerateDirectories(tempRoot, OwnClusterPrefix + "*").ToList();
            }
            catch (IOException)
            {
                return;
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }

            foreach (var candidate in candidates)
            {
                try
                {
                    var pidText = File.ReadAllText(Path.Combine(candidate, OwnerPidFile)).Trim();
                    if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
                    {
                        continue;
                    }

                    StopStale(candidate, binDirectory, runAsPostgres);
                }
                catch (IOException)
                {
                    // Not ours to judge (no owner.pid yet, or being created): leave it.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        private static bool IsAlive(int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        private static void StopStale(string directory, string binDirectory, bool runAsPostgres)
        {
            var data = Path.Combine(directory, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                var pgCtl = Path.Combine(binDirectory, "pg_ctl");
                var psi = runAsPostgres ? new ProcessStartInfo("runuser") : new ProcessStartInfo(pgCtl);
                if (runAsPostgres)
                {
                    foreach (var a in (string[])["-u", "postgres", "--", pgCtl])
                    {
                        psi.ArgumentList.Add(a);
                    }
                }

                foreach (var a in (string[])["stop", "-D", data, "-m", "immediate", "-w", "-t", "20"])
                {
                    psi.ArgumentList.Add(a);
                }

                psi.UseShellExecute = false;
                psi.RedirectStandardOutput = true;
                psi.RedirectStandardError = true;
                try
                {
                    using var process = Process.Start(psi);
                    if (process is not null)
                    {
                        process.StandardOutput.ReadToEnd();
                        process.StandardError.ReadToEnd();
                        process.WaitForExit(25_000);
                    }
                }
                catch (System.ComponentModel.Win32Exception)
                {
                }
            }

            DeleteDirectory(directory);
        }

        private static void DeleteDirectory(string directory)
        {
            try
            {
                if (System.IO.Directory.Exists(directory))
                {
                    System.IO.Directory.Delete(directory, recursive: true);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres)
        {
            var psi = asPostgres ? new ProcessStartInfo("runuser") : new ProcessStartInfo(fileName);
            if (asPostgres)
            {
                psi.ArgumentList.Add("-u");
                psi.ArgumentList.Add("postgres");
                psi.ArgumentList.Add("--");
                psi.ArgumentList.Add(fileName);
            }

            foreach (var argument in arguments)
            {
                psi.ArgumentList.Add(argument);
            }

            psi.UseShellExecute = false;
            psi.RedirectStandardOutput = true;
            psi.RedirectStandardError = true;
            psi.RedirectStandardInput = true;
            psi.Environment["LC_ALL"] = "C";
            psi.Environment.Remove("PGPASSWORD");

            using var process = new Process { StartInfo = psi };
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return (-1, $"could not run {psi.FileName}: {e.Message}");
            }

            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(CommandTimeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                return (process.ExitCode, ((await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false))).Trim());
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{Path.GetFileName(fileName)} did not finish within {CommandTimeout.TotalSeconds} s");
            }
        }
    }
}
