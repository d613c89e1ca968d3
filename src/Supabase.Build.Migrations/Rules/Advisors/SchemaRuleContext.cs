using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>What a schema rule sees (one model and the exposed schemas) and where it reports.</summary>
public sealed class SchemaRuleContext
{
    private readonly Action<SchemaFinding> _report;

    internal SchemaRuleContext(SchemaModel schema, ExposedSchemas exposed, RuleDescriptor rule, Action<SchemaFinding> report)
    {
        Schema = schema;
        Exposed = exposed;
        Rule = rule;
        _report = report;
    }

    /// <summary>The schema checked: where the migration history ends, or a live database's catalog.</summary>
    public SchemaModel Schema { get; }

    public ExposedSchemas Exposed { get; }

    /// <summary>The rule being run (the advisor reuses one context for all rules).</summary>
    public RuleDescriptor Rule { get; internal set; }

    /// <summary>Tables of the project (not the platform's), in name order.</summary>
    public IEnumerable<TableModel> ProjectTables => Schema.Tables.Values.Where(t => !ExposedSchemas.IsPlatform(t.Name.Schema) && !t.IsTemporary);

    /// <summary>Tables, partitioned and foreign tables in an exposed schema.</summary>
    public IEnumerable<TableModel> ExposedTables => ProjectTables.Where(t => Exposed.IsExposed(t.Name.Schema));

    /// <summary>Views and materialized views in an exposed schema.</summary>
    public IEnumerable<ViewModel> ExposedViews => Schema.Views.Values.Where(v => Exposed.IsExposed(v.Name.Schema));

    /// <summary>Functions and procedures of the project (not the platform's), in signature order.</summary>
    public IEnumerable<FunctionModel> ProjectFunctions => Schema.Functions.Values.Where(f => !ExposedSchemas.IsPlatform(f.Name.Schema));

    public void Report(SchemaObjectRef target, string message, DiagnosticSeverity? severity = null) =>
        _report(new SchemaFinding(Rule, severity ?? Rule.DefaultSeverity, target, message));
}
