using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.CodeGen;

/// <summary>
/// Property names for the columns of one table or type, claimed in column order. A name may not be that of a type it
/// is declared in (CS0542) nor one a record already has (Equals, ToString, EqualityContract, ...): those get a suffix.
/// </summary>
internal static class MemberNames
{
    private static readonly string[] RecordMembers =
    {
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "EqualityContract", "PrintMembers", "Deconstruct", "Finalize", "ReferenceEquals",
    };

    public static IReadOnlyList<string> For(IEnumerable<string> sqlNames, IEnumerable<string> enclosingTypeNames)
    {
        var reserved = enclosingTypeNames.ToHashSet(StringComparer.Ordinal);
        var scope = new NameScope(RecordMembers.Concat(reserved));
        return sqlNames.Select(n =>
        {
            var pascal = CSharpNames.Pascal(n, "Column");
            return scope.IsTaken(pascal) && (reserved.Contains(pascal) || RecordMembers.Contains(pascal)) ? scope.Claim(pascal + "Value") : scope.Claim(pascal);
        }).ToList();
    }

    public static IReadOnlyList<string> For(IEnumerable<ColumnModel> columns, params string[] enclosingTypeNames) =>
        For(columns.Select(c => c.Name), enclosingTypeNames);
}
