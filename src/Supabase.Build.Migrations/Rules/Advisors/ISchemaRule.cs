using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// A check of the schema as a whole (SB2xxx): it looks at one <see cref="Schema.SchemaModel"/>, the one the migration
/// history ends with or one read from a live database, and reports objects. One rule per file under Rules/Advisors/,
/// registered once in <see cref="RuleRegistry.SchemaRules"/>. Rules keep no state.
/// </summary>
public interface ISchemaRule
{
    RuleDescriptor Descriptor { get; }

    void Check(SchemaRuleContext context);
}
