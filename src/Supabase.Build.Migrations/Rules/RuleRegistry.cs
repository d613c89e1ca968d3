using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Rules.Advisors;

namespace Supabase.Build.Migrations.Rules;

/// <summary>The one registration list: adding a rule means a file under Rules/, a docs page, a test class, and a line here.</summary>
public static class RuleRegistry
{
    /// <summary>
    /// SB1040: a suppression comment that suppressed nothing, or names no rule (the linter reports it, not a rule:
    /// it needs to know what every other rule found). squawk's twin is unused-ignore.
    /// </summary>
    public static readonly RuleDescriptor UnusedSuppression = new(
        "SB1040", "unused-suppression", DiagnosticSeverity.Info,
        "Remove suppression comments that suppress nothing", SquawkName: "unused-ignore");

    /// <summary>
    /// Every descriptor a lint can report: the tool's own (SB0xxx), every registered rule, and unused-suppression.
    /// What reports are read back against and what SARIF lists as its rules.
    /// </summary>
    public static IReadOnlyList<RuleDescriptor> Catalogue =>
        ToolDiagnostics.All.Concat(All.Select(rule => rule.Descriptor)).Append(UnusedSuppression).Concat(SchemaRules.Select(rule => rule.Descriptor)).ToList();

    public static IReadOnlyList<IMigrationRule> All { get; } = new IMigrationRule[]
    {
        new SB1001BanDropTable(),
        new SB1002BanDropColumn(),
        new SB1003RequireConcurrentIndexCreation(),
        new SB1004PreferRobustStatements(),
        new SB1005RequireConcurrentIndexDeletion(),
        new SB1006RequireConcurrentReindex(),
        new SB1007AddingForeignKeyConstraint(),
        new SB1008ConstraintMissingNotValid(),
        new SB1009AddingRequiredField(),
        new SB1010BanSetNotNull(),
        new SB1011DisallowedUniqueConstraint(),
        new SB1012AddingPrimaryKeyConstraint(),
        new SB1013ChangingColumnType(),
        new SB1014RenamingColumn(),
        new SB1015RenamingTable(),
        new SB1016AddingFieldWithDefault(),
        new SB1017RequireLockTimeout(),
        new SB1018BanConcurrentIndexCreationInTransaction(),
        new SB1019BanDropDatabase(),
        new SB1020BanDropSchema(),
        new SB1021BanTruncateCascade(),
        new SB1022BanDropNotNull(),
        new SB1023TransactionNesting(),
        new SB1024BanCharField(),
        new SB1025PreferBigintOverInt(),
        new SB1026PreferTimestampTz(),
        new SB1027AddingNotNullableField(),
        new SB1028AddingSerialPrimaryKeyField(),
        new SB1029PreferBigintOverSmallint(),
        new SB1030PreferRepack(),
        new SB1031BanCreateDomainWithConstraint(),
        new SB1032BanAlterDomainWithAddConstraint(),
        new SB1033BanUncommittedTransaction(),
        new SB1034RequireEnumValueOrdering(),
        new SB1035IdentifierTooLong(),
        new SB1036RequireConcurrentPartitionDetach(),
        new SB1037RequireStatementTimeout(),
        new SB1038BanDuplicateColumnAssignments(),
        new SB1039RequireTableSchema(),
        new SB1041RequiresNewerPostgres(),
    };

    /// <summary>The schema rules (SB2xxx): checks of the schema the history ends with, and of a live database.</summary>
    public static IReadOnlyList<ISchemaRule> SchemaRules { get; } = new ISchemaRule[]
    {
        new SB2001RlsDisabledInExposedSchema(),
        new SB2002PolicyExistsRlsDisabled(),
        new SB2003RlsEnabledNoPolicy(),
        new SB2004FunctionSearchPathMutable(),
        new SB2005AuthUsersExposed(),
        new SB2006SecurityDefinerView(),
        new SB2007RlsReferencesUserMetadata(),
        new SB2008AuthRlsInitplan(),
        new SB2009ExtensionInPublic(),
        new SB2010UnindexedForeignKey(),
        new SB2011NoPrimaryKey(),
        new SB2012RlsPolicyAlwaysTrue(),
        new SB2013MultiplePermissivePolicies(),
        new SB2014SecurityDefinerFunctionExecutable(),
        new SB2015MaterializedViewInApi(),
        new SB2016DuplicateIndex(),
        new SB2017FkeyToAuthUnique(),
        new SB2018SensitiveColumnsExposed(),
        new SB2019ForeignTableInApi(),
        new SB2020UnsupportedRegTypes(),
        new SB2021InsecureQueueExposedInApi(),
    };
}
