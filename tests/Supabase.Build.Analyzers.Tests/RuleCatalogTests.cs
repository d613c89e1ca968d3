using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Supabase.Build.Analyzers.Tests.Support;

namespace Supabase.Build.Analyzers.Tests;

/// <summary>Every rule: one analyzer, a help link to its page, the page itself, and its line in the release tracking files.</summary>
public sealed partial class RuleCatalogTests
{
    private static readonly DiagnosticDescriptor[] Descriptors =
        AnalyzerRunner.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_rules_are_SB3001_to_SB3009_one_per_analyzer()
    {
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"SB300{i}"), Descriptors.Select(d => d.Id));
        Assert.All(AnalyzerRunner.AllAnalyzers, a => Assert.Single(a.SupportedDiagnostics));
        Assert.All(AnalyzerRunner.AllAnalyzers, a => Assert.StartsWith(a.SupportedDiagnostics[0].Id, a.GetType().Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_rule_has_its_help_page_with_a_bad_example_a_safe_rewrite_and_suppression()
    {
        foreach (var descriptor in Descriptors)
        {
            Assert.Equal($"https://github.com/supabase-build/Supabase.Build/blob/main/docs/rules/{descriptor.Id}.md", descriptor.HelpLinkUri);
            var page = File.ReadAllText(Repository.PathOf("docs", "rules", descriptor.Id + ".md"));
            Assert.StartsWith($"# {descriptor.Id}: ", page, StringComparison.Ordinal);
            foreach (var section in new[] { "## Bad", "## Why it hurts", "## Safe rewrite", "## Suppressing", $"dotnet_diagnostic.{descriptor.Id}.severity", $"#pragma warning disable {descriptor.Id}" })
            {
                Assert.True(page.Contains(section, StringComparison.Ordinal), $"{descriptor.Id}.md lacks '{section}'");
            }
        }
    }

    [Fact]
    public void Every_rule_is_in_the_unshipped_release_notes_with_its_category_and_severity()
    {
        var unshipped = File.ReadAllText(Repository.PathOf("src", "Supabase.Build.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in Descriptors)
        {
            Assert.Matches(new Regex($@"^{descriptor.Id} \| {descriptor.Category} \| {descriptor.DefaultSeverity} \|", RegexOptions.Multiline), unshipped);
        }
    }
}
