using Supabase.Build.Migrations.Diagnostics;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// What a schema rule found: the rule, the severity (a rule may raise it, e.g. SB2004 for SECURITY DEFINER), the
/// object, and the message. <see cref="SchemaObjectRef.Source"/> is where a local migration made the object, when known.
/// </summary>
public sealed record SchemaFinding(RuleDescriptor Rule, DiagnosticSeverity Severity, SchemaObjectRef Target, string Message)
{
    public string Id => Rule.Id;
}
