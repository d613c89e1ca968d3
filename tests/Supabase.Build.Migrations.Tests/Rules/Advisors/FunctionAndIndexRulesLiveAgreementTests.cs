using Supabase.Build.Migrations.Advising;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Rules.Advisors;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.Migrations.Tests.Introspection;
using Supabase.Build.Migrations.Tests.Support;
using Supabase.Build.Testing;
using Xunit.Abstractions;

namespace Supabase.Build.Migrations.Tests.Rules.Advisors;

/// <summary>
/// SB2004, SB2009, SB2010, SB2011, SB2014, SB2016, SB2017 and SB2020 find the same objects in a history replayed
/// offline and in the database that history built, read back by the catalog introspector.
/// </summary>
[Collection(ModelsPostgres.Name)]
public sealed class FunctionAndIndexRulesLiveAgreementTests(ThrowawayPostgres postgres, ITestOutputHelper output)
{
    private static readonly ISchemaRule[] Rules =
    {
        new SB2004FunctionSearchPathMutable(), new SB2009ExtensionInPublic(), new SB2010UnindexedForeignKey(), new SB2011NoPrimaryKey(),
        new SB2014SecurityDefinerFunctionExecutable(), new SB2016DuplicateIndex(), new SB2017FkeyToAuthUnique(), new SB2020UnsupportedRegTypes(),
    };

    [Fact]
    public async Task Offline_and_live_findings_name_the_same_objects()
    {
        using var workspace = new MigrationWorkspace();
        workspace.Add("20240101000000_tables.sql", """
            create extension if not exists pg_trgm;
            create extension if not exists citext with schema extensions;
            create extension if not exists hstore;
            create table public.authors (id bigint generated always as identity primary key, phone text references auth.users (phone), name text);
            create table public.books (id bigint primary key, author_id bigint references public.authors, title text, handler regproc, kind regclass);
            create index books_author_title on public.books (author_id, title);
            create index books_title_a on public.books (title) where title is not null;
            create index books_title_b on public.books (title) where (title IS NOT NULL);
            create unique index books_title_uq on public.books (title);
            create table public.log (at timestamptz, what text);
            create index log_at on public.log (at) include (what);
            create index log_at_2 on public.log (at);
            create table public.profiles (id uuid primary key references auth.users on delete cascade);
            """);
        workspace.Add("20240102000000_functions.sql", """
            alter extension hstore set schema extensions;
            alter table public.books add constraint books_title_key unique (title);
            create function public.mutable() returns int language sql as $$ select 1 $$;
            create function public.definer(a int) returns int language sql security definer as $$ select a $$;
            create function public.definer(a text) returns int language sql security definer set search_path = '' as $$ select 1 $$;
            revoke execute on function public.definer(text) from public, anon, authenticated;
            create function public.pinned() returns int language sql set search_path = '' as $$ select 1 $$;
            create function public.later() returns int language sql security definer as $$ select 1 $$;
            alter function public.later() set search_path = '';
            revoke execute on function public.later() from public;
            create schema private;
            create function private."Helper"() returns int language sql security definer as $$ select 1 $$;
            """);

        var (history, live) = await ModelsPostgres.OfflineAndLiveAsync(postgres, MigrationDiscovery.Discover(workspace.Directory));
        var offline = history.Final;

        var advisor = new SchemaAdvisor(Rules);
        var fromHistory = Findings(advisor, offline);
        var fromDatabase = Findings(advisor, live);
        output.WriteLine("offline:\n  " + string.Join("\n  ", fromHistory));
        output.WriteLine("live:\n  " + string.Join("\n  ", fromDatabase));

        Assert.Equal(fromHistory, fromDatabase);
        Assert.Equal(Rules.Select(r => r.Descriptor.Id).Order(), fromHistory.Select(f => f.Id).Distinct().Order());
        Assert.Contains(("SB2016", SchemaObjectKind.Index, "public.books_title_b"), fromHistory);
        Assert.Contains(("SB2016", SchemaObjectKind.Index, "public.books_title_uq"), fromHistory);
        Assert.Contains(("SB2014", SchemaObjectKind.Function, "public.later()"), fromHistory);
        Assert.DoesNotContain(fromHistory, f => f.Name.StartsWith("public.definer(text", StringComparison.Ordinal) || f.Name.Contains("hstore", StringComparison.Ordinal));
    }

    private static SortedSet<(string Id, SchemaObjectKind Kind, string Name)> Findings(SchemaAdvisor advisor, SchemaModel model) =>
        new(advisor.Advise(model, ExposedSchemas.Default).Select(f => (f.Id, f.Target.Kind, f.Target.Name)));
}
