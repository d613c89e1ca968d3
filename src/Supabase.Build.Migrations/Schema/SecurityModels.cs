using System.Collections.Immutable;

namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// A row level security policy. <see cref="Command"/> is ALL, SELECT, INSERT, UPDATE or DELETE; <see cref="Roles"/>
/// are role names, <c>public</c> for PUBLIC (the default).
/// </summary>
public sealed record PolicyModel(
    string Name,
    ObjectName Table,
    string Command,
    bool IsPermissive,
    ImmutableList<string> Roles,
    SqlExpression? Using,
    SqlExpression? WithCheck,
    SchemaSource? Source = null);

/// <summary>
/// One privilege held by one grantee on an object (<c>public</c> for PUBLIC). Privileges are upper case
/// (SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, EXECUTE, USAGE, CREATE). A column privilege
/// names its column.
/// </summary>
public sealed record Grant(string Grantee, string Privilege, string? Column = null);

/// <summary>A trigger: when (BEFORE/AFTER/INSTEAD OF), on which events, per row or statement, and the function it runs.</summary>
public sealed record TriggerModel(
    string Name,
    ObjectName Table,
    string Timing,
    ImmutableList<string> Events,
    bool ForEachRow,
    ObjectName Function,
    SchemaSource? Source = null);
