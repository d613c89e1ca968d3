using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules;

/// <summary>
/// A migration check. One rule per file under Rules/, registered once in <see cref="RuleRegistry"/>. A rule looks at
/// one statement (with what the file did before it) and reports through the context; it keeps no state.
/// </summary>
public interface IMigrationRule
{
    RuleDescriptor Descriptor { get; }

    void Check(StatementContext context);
}
