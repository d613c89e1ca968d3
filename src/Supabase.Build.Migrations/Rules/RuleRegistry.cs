namespace Supabase.Build.Migrations.Rules;

/// <summary>The one registration list: adding a rule means a file under Rules/, a docs page, a test class, and a line here.</summary>
public static class RuleRegistry
{
    public static IReadOnlyList<IMigrationRule> All { get; } = new IMigrationRule[]
    {
        new SB1001BanDropTable(),
        new SB1002BanDropColumn(),
        new SB1003RequireConcurrentIndexCreation(),
        new SB1004PreferRobustStatements(),
    };
}
