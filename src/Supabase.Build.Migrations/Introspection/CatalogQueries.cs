namespace Supabase.Build.Migrations.Introspection;

/// <summary>
/// The pg_catalog queries of an introspection, one per kind of object. Every query skips PostgreSQL's own schemas and
/// the members of extensions (what CREATE EXTENSION made is not the project's schema), and orders its rows.
/// </summary>
internal static class CatalogQueries
{
    private const string UserSchema = "n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%' and n.nspname not like 'pg\\_toast\\_temp\\_%'";

    private static string NotExtensionMember(string catalog, string oid) =>
        $"not exists (select 1 from pg_catalog.pg_depend dep where dep.classid = '{catalog}'::regclass and dep.objid = {oid} and dep.deptype = 'e')";

    public const string Types = """
        select t.oid, n.nspname, t.typname, t.typelem, t.typcategory::text
        from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
        """;

    public static readonly string Schemas = $"""
        select n.nspname, pg_catalog.obj_description(n.oid, 'pg_namespace')
        from pg_catalog.pg_namespace n
        where {UserSchema}
        order by 1
        """;

    public const string Extensions = """
        select e.extname, n.nspname from pg_catalog.pg_extension e join pg_catalog.pg_namespace n on n.oid = e.extnamespace order by 1
        """;

    public static readonly string UserTypes = $"""
        select t.oid, n.nspname, t.typname, t.typtype::text, t.typrelid, t.typbasetype, t.typtypmod, t.typndims, t.typnotnull,
               t.typdefault, pg_catalog.obj_description(t.oid, 'pg_type')
        from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
        where {UserSchema} and t.typtype in ('e', 'c', 'd')
          and (t.typtype <> 'c' or (select c.relkind from pg_catalog.pg_class c where c.oid = t.typrelid) = 'c')
          and {NotExtensionMember("pg_type", "t.oid")}
        order by n.nspname, t.typname
        """;

    public const string EnumLabels = "select enumtypid, enumlabel from pg_catalog.pg_enum order by enumtypid, enumsortorder";

    public const string DomainChecks = """
        select contypid, pg_catalog.pg_get_expr(conbin, 0) from pg_catalog.pg_constraint where contypid <> 0 and contype = 'c' order by contypid, conname
        """;

    // pgmq.create() adds each queue's tables (pgmq.q_<queue>, pgmq.a_<queue>) to the extension, but they are the
    // project's data and SB2021 checks their grants and RLS: they are kept despite the membership.
    public static readonly string Relations = $$"""
        select c.oid, n.nspname, c.relname, c.relkind::text, c.relpersistence::text, c.relrowsecurity, c.relforcerowsecurity,
               pg_catalog.obj_description(c.oid, 'pg_class'), coalesce(c.reloptions, '{}'),
               case when c.relkind in ('v', 'm') then pg_catalog.pg_get_viewdef(c.oid) end, c.relowner
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where {{UserSchema}} and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c')
          and ({{NotExtensionMember("pg_class", "c.oid")}}
               or n.nspname = 'pgmq' and c.relkind in ('r', 'p') and (c.relname like 'q\_%' or c.relname like 'a\_%'))
        order by n.nspname, c.relname
        """;

    public const string Columns = """
        select a.attrelid, a.attname, a.atttypid, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attndims, a.attnotnull,
               a.attidentity::text, a.attgenerated::text, pg_catalog.pg_get_expr(d.adbin, d.adrelid),
               pg_catalog.col_description(a.attrelid, a.attnum)
        from pg_catalog.pg_attribute a
        left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = any(@relations) and a.attnum > 0 and not a.attisdropped
        order by a.attrelid, a.attnum
        """;

    public const string Constraints = """
        select c.conrelid, c.conname, c.contype::text, c.convalidated, coalesce(c.conkey, '{}'), c.confrelid, coalesce(c.confkey, '{}'),
               c.confdeltype::text, c.confupdtype::text, pg_catalog.pg_get_expr(c.conbin, c.conrelid),
               (select i.relname from pg_catalog.pg_class i where i.oid = c.conindid)
        from pg_catalog.pg_constraint c
        where c.conrelid = any(@relations) and c.contype in ('p', 'u', 'f', 'c', 'x')
        order by c.conrelid, c.conname
        """;

    // Key columns only: INCLUDE columns follow them in indkey and are not keys (the replay leaves them out too).
    public const string Indexes = """
        select ic.relname, i.indrelid, i.indisunique, i.indisprimary, am.amname, (i.indkey::int2[])[0:i.indnkeyatts - 1], pg_catalog.pg_get_expr(i.indpred, i.indrelid)
        from pg_catalog.pg_index i
        join pg_catalog.pg_class ic on ic.oid = i.indexrelid
        join pg_catalog.pg_am am on am.oid = ic.relam
        where i.indrelid = any(@relations)
        order by ic.relname
        """;

    public const string ViewSources = """
        select distinct r.ev_class, d.refobjid
        from pg_catalog.pg_rewrite r
        join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::regclass and d.objid = r.oid and d.refclassid = 'pg_catalog.pg_class'::regclass
        where r.ev_class = any(@relations) and d.refobjid <> r.ev_class
        """;

    public static readonly string Functions = $$"""
        select p.oid, n.nspname, p.proname, p.prokind::text, p.prorettype, p.proretset, l.lanname, p.prosecdef, p.provolatile::text,
               coalesce(p.proconfig, '{}'), coalesce(p.proargnames, '{}'), coalesce(p.proallargtypes, p.proargtypes::oid[]),
               coalesce(p.proargmodes::text[], '{}'), p.pronargdefaults, p.prosrc, pg_catalog.obj_description(p.oid, 'pg_proc'),
               (select coalesce(array_agg(case when a.grantee = 0 then 'public' else pg_catalog.pg_get_userbyid(a.grantee) end || ':' || a.privilege_type), '{}')
                  from pg_catalog.aclexplode(p.proacl) a where a.grantee <> p.proowner),
               p.proacl is null
        from pg_catalog.pg_proc p
        join pg_catalog.pg_namespace n on n.oid = p.pronamespace
        join pg_catalog.pg_language l on l.oid = p.prolang
        where {{UserSchema}} and p.prokind in ('f', 'p')
          and {{NotExtensionMember("pg_proc", "p.oid")}}
        order by n.nspname, p.proname, p.oid
        """;

    public const string Policies = """
        select p.polrelid, p.polname, p.polcmd::text, p.polpermissive,
               array(select case when r = 0 then 'public' else pg_catalog.pg_get_userbyid(r) end from unnest(p.polroles) r order by 1),
               pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)
        from pg_catalog.pg_policy p
        where p.polrelid = any(@relations)
        order by p.polrelid, p.polname
        """;

    public const string Triggers = """
        select t.tgrelid, t.tgname, t.tgtype, n.nspname, p.proname
        from pg_catalog.pg_trigger t
        join pg_catalog.pg_proc p on p.oid = t.tgfoid
        join pg_catalog.pg_namespace n on n.oid = p.pronamespace
        where t.tgrelid = any(@relations) and not t.tgisinternal
        order by t.tgrelid, t.tgname
        """;

    public const string RelationGrants = """
        select c.oid, case when a.grantee = 0 then 'public' else pg_catalog.pg_get_userbyid(a.grantee) end, a.privilege_type, null::name
        from pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a
        where c.oid = any(@relations) and a.grantee <> c.relowner
        union all
        select at.attrelid, case when a.grantee = 0 then 'public' else pg_catalog.pg_get_userbyid(a.grantee) end, a.privilege_type, at.attname
        from pg_catalog.pg_attribute at join pg_catalog.pg_class c on c.oid = at.attrelid, pg_catalog.aclexplode(at.attacl) a
        where at.attrelid = any(@relations) and at.attacl is not null and a.grantee <> c.relowner
        """;

    public const string SchemaGrants = """
        select n.nspname, case when a.grantee = 0 then 'public' else pg_catalog.pg_get_userbyid(a.grantee) end, a.privilege_type
        from pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
        where a.grantee <> n.nspowner
        """;
}
