using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2009: an extension installed in <c>public</c> (or another schema the API serves) puts its functions, types and
/// tables in the API and on everyone's search_path. Judged where the history ends (ALTER EXTENSION ... SET SCHEMA
/// counts). plpgsql is left out, as splinter does: it lives in pg_catalog and is not the project's choice.
/// splinter's twin is extension_in_public.
/// </summary>
public sealed class SB2009ExtensionInPublic : ISchemaRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "SB2009", "extension-in-public", DiagnosticSeverity.Warning,
        "Install extensions in their own schema (extensions), not in public");

    public void Check(SchemaRuleContext context)
    {
        foreach (var extension in context.Schema.Extensions.Values)
        {
            if (extension.Name == "plpgsql" || (extension.Schema != "public" && !context.Exposed.IsExposed(extension.Schema)))
            {
                continue;
            }

            var name = SqlIdentifier.Quote(extension.Name);
            context.Report(
                SchemaObjectRef.Of(extension),
                $"extension {name} is installed in the schema {SqlIdentifier.Quote(extension.Schema)}: its objects are served by the API and shadow names on every search_path; install it with 'create extension {name} with schema extensions;' or move it with 'alter extension {name} set schema extensions;'");
        }
    }
}
