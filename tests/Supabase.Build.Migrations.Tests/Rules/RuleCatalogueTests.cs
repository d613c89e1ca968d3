using Supabase.Build.Migrations.Linting;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Tests.Support;

namespace Supabase.Build.Migrations.Tests.Rules;

/// <summary>Every id a lint can report is unique, has its help page, and is listed in both READMEs.</summary>
public class RuleCatalogueTests
{
    private static readonly List<Diagnostics.RuleDescriptor> Descriptors = new MigrationLinter(MigrationWorkspace.Parser).Descriptors.ToList();

    [Fact]
    public void Every_rule_has_a_help_page_and_a_unique_id_and_name()
    {
        Assert.Equal(Descriptors.Count, Descriptors.Select(d => d.Id).Distinct().Count());
        Assert.Equal(Descriptors.Count, Descriptors.Select(d => d.Name).Distinct().Count());
        var docs = Path.Combine(Testing.RepositoryLayout.Root, "docs", "rules");
        Assert.All(Descriptors, d => Assert.True(File.Exists(Path.Combine(docs, d.Id + ".md")), $"docs/rules/{d.Id}.md is missing"));
    }

    [Fact]
    public void Every_rule_is_listed_in_the_readme_and_the_rules_index()
    {
        var readme = File.ReadAllText(Testing.RepositoryLayout.PathOf("README.md"));
        var index = File.ReadAllText(Testing.RepositoryLayout.PathOf("docs", "rules", "README.md"));

        Assert.All(Descriptors, d => Assert.Contains($"[{d.Id}](docs/rules/{d.Id}.md) | {d.Name} |", readme, StringComparison.Ordinal));
        Assert.All(Descriptors, d => Assert.Contains($"[{d.Id}]({d.Id}.md) | `{d.Name}` |", index, StringComparison.Ordinal));
    }

    [Fact]
    public void The_catalogue_holds_every_registered_rule() =>
        Assert.Equal(Descriptors.Select(d => d.Id).Order(), RuleRegistry.Catalogue.Select(d => d.Id).Order());
}
