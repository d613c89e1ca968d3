using System.Runtime.InteropServices;
using Supabase.Build.Testing;

namespace Supabase.Build.EndToEnd.Tests;

/// <summary>
/// The bundled parser on the runtimes the packages ship beyond this machine's own, one test per runtime, each one
/// run of <c>build/check-platforms.sh RID</c> (its header comment says what each check proves and how). Runs on a
/// Linux x64 machine only; the script installs what it needs (qemu-user-static, wine64, musl-tools, llvm) and caches
/// sysroots and the Wine prefix outside the repository. Measured on the shared 2-core machine: all eight about 2 min
/// the first time (NuGet runtime packs, sysroots, Wine prefix, three CLI publishes), 30-100 s after, depending on the
/// machine's load; linux-arm64 (the CLI under qemu) and win-x64 (under Wine) are nearly all of it, the others take
/// a second each.
/// </summary>
public sealed class PlatformChecksTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    [SkippableFact]
    public void Linux_x64_library_needs_at_most_glibc_2_17_exports_the_binding_and_lints_the_reference_histories() => Check("linux-x64");

    [SkippableFact]
    public void Linux_arm64_CLI_under_qemu_reports_byte_for_byte_what_linux_x64_reports() => Check("linux-arm64");

    [SkippableFact]
    public void Win_x64_CLI_under_Wine_loads_the_bundled_dll_and_reports_what_linux_x64_reports() => Check("win-x64");

    [SkippableFact]
    public void Linux_musl_x64_library_parses_PostgreSQL_17_in_a_musl_process_as_it_does_under_glibc() => Check("linux-musl-x64");

    [SkippableFact]
    public void Linux_musl_arm64_library_parses_PostgreSQL_17_in_an_arm64_musl_process_under_qemu_as_x64_glibc_does() => Check("linux-musl-arm64");

    [SkippableFact]
    public void Win_arm64_dll_is_an_arm64_PE_that_exports_the_binding() => Check("win-arm64");

    [SkippableFact]
    public void Osx_x64_dylib_is_an_x86_64_MachO_that_exports_the_binding() => Check("osx-x64");

    [SkippableFact]
    public void Osx_arm64_dylib_is_an_arm64_MachO_that_exports_the_binding() => Check("osx-arm64");

    private static void Check(string check)
    {
        Skip.IfNot(
            OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64,
            "build/check-platforms.sh runs on Linux x64 only (qemu-user, Wine and musl from Debian)");

        var run = DotnetProcess.RunProgram(
            "bash", RepositoryLayout.Root, new Dictionary<string, string>(), Timeout, Path.Combine(RepositoryLayout.BuildDirectory, "check-platforms.sh"), check);
        var (exitCode, output) = (run.ExitCode, run.Output);

        Assert.True(exitCode == 0, $"build/check-platforms.sh {check} exited {exitCode}\n{output}");
        // The summary table's row: the check ran and passed (not merely exited 0).
        Assert.Matches($@"(?m)^{check} +ok +[0-9.]+ ", output);
    }
}
