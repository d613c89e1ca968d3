using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules;
using Supabase.Build.Migrations.Rules.Advisors;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Advising;

/// <summary>
/// Runs the schema rules (SB2xxx) on one model: the one a migration history ends with (the linter) or a live
/// database's (<see cref="LiveAdvisor"/>). Findings come out in rule, then object order.
/// </summary>
public sealed class SchemaAdvisor
{
    private readonly IReadOnlyList<ISchemaRule> _rules;

    public SchemaAdvisor(IReadOnlyList<ISchemaRule>? rules = null) => _rules = rules ?? RuleRegistry.SchemaRules;

    public IReadOnlyList<ISchemaRule> Rules => _rules;

    /// <summary>The findings of every rule <paramref name="isEnabled"/> accepts (default: all).</summary>
    public IReadOnlyList<SchemaFinding> Advise(SchemaModel model, ExposedSchemas exposed, Func<RuleDescriptor, bool>? isEnabled = null)
    {
        // Rules only read the model: they run side by side, each into its own list, gathered in rule order.
        var rules = _rules.Where(r => isEnabled?.Invoke(r.Descriptor) != false).ToList();
        var byRule = new List<SchemaFinding>[rules.Count];
        Parallel.For(0, rules.Count, i =>
        {
            var found = new List<SchemaFinding>();
            var context = new SchemaRuleContext(model, exposed, ToolDiagnostics.SyntaxError, found.Add) { Rule = rules[i].Descriptor };
            rules[i].Check(context);
            byRule[i] = found;
        });

        return byRule.SelectMany(found => found)
            .Select((finding, order) => (finding, order))
            .OrderBy(f => f.finding.Id, StringComparer.Ordinal)
            .ThenBy(f => f.finding.Target.Name, StringComparer.Ordinal)
            .ThenBy(f => f.order)
            .Select(f => f.finding)
            .ToList();
    }
}
