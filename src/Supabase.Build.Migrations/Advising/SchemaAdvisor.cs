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
        var findings = new List<SchemaFinding>();
        var context = new SchemaRuleContext(model, exposed, ToolDiagnostics.SyntaxError, findings.Add);
        foreach (var rule in _rules)
        {
            if (isEnabled?.Invoke(rule.Descriptor) == false)
            {
                continue;
            }

            context.Rule = rule.Descriptor;
            rule.Check(context);
        }

        return findings
            .Select((finding, order) => (finding, order))
            .OrderBy(f => f.finding.Id, StringComparer.Ordinal)
            .ThenBy(f => f.finding.Target.Name, StringComparer.Ordinal)
            .ThenBy(f => f.order)
            .Select(f => f.finding)
            .ToList();
    }
}
