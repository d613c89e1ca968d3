using System.IO.Compression;
using Supabase.Build.Testing;

namespace Supabase.Build.EndToEnd.Tests;

/// <summary>
/// The SDK package carries libpg_query 17 for every runtime it supports, each the very file the build made
/// (build/build-libpg-query.sh), in the native format of its platform: a user on Windows, macOS, an arm64 Linux or
/// Alpine gets a parser without installing one.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class PackageContentsTests(PackedSdkFixture fixture)
{
    private static readonly string[] RuntimeIds =
    {
        "linux-x64", "linux-arm64", "linux-musl-x64", "linux-musl-arm64", "win-x64", "win-arm64", "osx-x64", "osx-arm64",
    };

    public static TheoryData<string> Runtimes() => new(RuntimeIds);

    [Theory]
    [MemberData(nameof(Runtimes))]
    public void The_SDK_package_bundles_the_parser_built_for_each_runtime(string rid)
    {
        var file = PgQuery.PgQueryLibraryLocator.FileName(rid);
        using var package = ZipFile.OpenRead(Path.Combine(fixture.FeedDirectory, $"Supabase.Build.Sdk.{fixture.Version}.nupkg"));

        var entry = package.GetEntry($"tasks/net8.0/runtimes/{rid}/native/{file}");

        Assert.True(entry is not null, $"no tasks/net8.0/runtimes/{rid}/native/{file} in the package");
        var packed = Read(entry!);
        var built = File.ReadAllBytes(RepositoryLayout.PathOf("src", "Supabase.Build.PgQuery", "runtimes", rid, "native", file));
        Assert.True(packed.AsSpan().SequenceEqual(built), $"the packed {rid} parser is not the one build/build-libpg-query.sh made");
        Assert.Equal(ExpectedMachine(rid), Machine(packed));
    }

    [Fact]
    public void The_runtimes_tested_here_are_the_ones_the_locator_knows()
    {
        Assert.Equal(RuntimeIds, PgQuery.PgQueryLibraryLocator.BundledRuntimes);
    }

    private static string ExpectedMachine(string rid)
    {
        var format = rid.StartsWith("win-", StringComparison.Ordinal) ? "PE" : rid.StartsWith("osx-", StringComparison.Ordinal) ? "Mach-O" : "ELF";
        return $"{format} {(rid.EndsWith("arm64", StringComparison.Ordinal) ? "arm64" : "x64")}";
    }

    // The file format and CPU from the header: ELF e_machine, PE's COFF Machine, Mach-O cputype.
    private static string Machine(byte[] image)
    {
        if (image.AsSpan(0, 4).SequenceEqual("\u007fELF"u8))
        {
            return "ELF " + BitConverter.ToUInt16(image, 18) switch { 0x3E => "x64", 0xB7 => "arm64", var m => $"0x{m:X}" };
        }

        if (image[0] == 'M' && image[1] == 'Z')
        {
            var pe = BitConverter.ToInt32(image, 0x3C);
            return "PE " + BitConverter.ToUInt16(image, pe + 4) switch { 0x8664 => "x64", 0xAA64 => "arm64", var m => $"0x{m:X}" };
        }

        if (BitConverter.ToUInt32(image, 0) == 0xFEEDFACF)
        {
            return "Mach-O " + BitConverter.ToUInt32(image, 4) switch { 0x01000007 => "x64", 0x0100000C => "arm64", var m => $"0x{m:X}" };
        }

        return "unknown";
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
