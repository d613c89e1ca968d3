using Supabase.Build.Migrations.Advising;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Rules.Advisors;
using Supabase.Build.Migrations.Tests.Introspection;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

/// <summary>
/// The policy, view and exposure rules find the same objects in the replayed history and in the database the history
/// was applied to (where expressions come back from pg_get_expr, qualified and cast, and grants from the ACLs).
/// </summary>
[Collection(ModelsPostgres.Name)]
public sealed class PolicyRulesLiveAgreementTests(ThrowawayPostgres postgres)
{
    private static readonly ISchemaRule[] Rules =
    {
        new SB2002PolicyExistsRlsDisabled(), new SB2003RlsEnabledNoPolicy(), new SB2005AuthUsersExposed(), new SB2006SecurityDefinerView(),
        new SB2007RlsReferencesUserMetadata(), new SB2008AuthRlsInitplan(), new SB2012RlsPolicyAlwaysTrue(), new SB2013MultiplePermissivePolicies(),
        new SB2015MaterializedViewInApi(), new SB2018SensitiveColumnsExposed(), new SB2019ForeignTableInApi(), new SB2021InsecureQueueExposedInApi(),
    };

    [Fact]
    public async Task Every_rule_fires_on_the_same_objects_offline_and_live()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_tables.sql", """
            create table public.todos (id bigint primary key, owner uuid, team text);
            create policy "owner reads" on public.todos for select to authenticated using (auth.uid() = owner);
            create policy "team reads" on public.todos for select to authenticated
              using (team = (select auth.jwt() -> 'user_metadata' ->> 'team'));
            create policy "anyone deletes" on public.todos for delete to anon using (true);
            create policy "everyone reads" on public.todos for select using (true);
            create table public.drafts (id int, owner uuid);
            create policy "own drafts" on public.drafts using (owner = (select auth.uid()));
            create table public."Audit Log" (id int);
            create table public.accounts (id int, email text, "Password" text);
            create schema private;
            create table private.keys (id int, api_key text);
            """);
        workspace.Add("20240201000000_security.sql", """
            alter table public.todos enable row level security;
            alter table public."Audit Log" enable row level security;
            drop policy "everyone reads" on public.todos;
            create policy "everyone reads" on public.todos for select using (1 = 1);
            """);
        workspace.Add("20240301000000_views.sql", """
            create view public.members as select u.id, u.email from auth.users u join public.todos t on t.owner = u.id;
            create view public.safe_todos with (security_invoker = true) as select id, team from public.todos;
            create view public.member_count with (security_invoker = true) as with m as (select * from public.members) select count(*) as n from m;
            create materialized view public.todo_stats as select team, count(*) as n from public.todos group by team;
            create view private.hidden as select id from auth.users;
            create foreign data wrapper dummy;
            create server remote foreign data wrapper dummy;
            create foreign table public.remote_orders (id int) server remote;
            create schema pgmq;
            create table pgmq.q_jobs (msg_id bigint primary key, message jsonb);
            create table pgmq.a_jobs (msg_id bigint primary key, message jsonb);
            grant select on pgmq.q_jobs, pgmq.a_jobs to anon;
            -- pgmq.create() makes its tables members of the extension; the introspector must still see them.
            alter extension pgcrypto add table pgmq.a_jobs;
            """);

        var (history, live) = await ModelsPostgres.OfflineAndLiveAsync(postgres, MigrationDiscovery.Discover(workspace.Directory));
        var offline = history.Final;
        var advisor = new SchemaAdvisor(Rules);

        foreach (var exposed in new[] { ExposedSchemas.Default, new ExposedSchemas(new[] { "public", "pgmq_public" }) })
        {
            var expected = Found(advisor.Advise(offline, exposed));
            Assert.Equal(expected, Found(advisor.Advise(live, exposed)));
            var ids = expected.Select(f => f.Id).ToHashSet();
            Assert.Equal(exposed.Names.Contains("pgmq_public") ? 2 : 0, expected.Count(f => f.Id == "SB2021"));
            Assert.All(Rules.Where(r => r.Descriptor.Id != "SB2021" || exposed.Names.Contains("pgmq_public")), r => Assert.Contains(r.Descriptor.Id, ids));
        }
    }

    private static List<(string Id, SchemaObjectKind Kind, string Name)> Found(IEnumerable<SchemaFinding> findings) =>
        findings.Select(f => (f.Id, f.Target.Kind, f.Target.Name)).Distinct().Order().ToList();
}
