using System.ComponentModel.DataAnnotations.Schema;
using System.Reflection;
using Supabase.Build.Migrations.CodeGen;
using Supabase.Build.Migrations.Discovery;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.Migrations.Tests.Support;
using static Supabase.Build.Migrations.Tests.Schema.SchemaTestKit;

namespace Supabase.Build.Migrations.Tests.CodeGen;

public sealed class ModelGeneratorTests
{
    private static string SampleSql() =>
        string.Join("\n", Directory.GetFiles(SampleMigrations, "*.sql").Order(StringComparer.Ordinal).Select(File.ReadAllText));

    private static SchemaModel SampleModel() =>
        new SchemaReplay(MigrationWorkspace.Parser).Replay(MigrationDiscovery.Discover(SampleMigrations)).Final;

    [Fact]
    public void Sample_models_compile_with_nullable_enabled_and_warnings_as_errors()
    {
        var code = Generate(SampleModel()).Code;
        var assembly = GeneratedCode.Compile("Sample", code);

        var row = assembly.GetType("Test.Models.TodosRow")!;
        Assert.Equal(("todos", "public"), (row.GetCustomAttribute<TableAttribute>()!.Name, row.GetCustomAttribute<TableAttribute>()!.Schema));
        Assert.Equal("user_id", row.GetProperty("UserId")!.GetCustomAttribute<ColumnAttribute>()!.Name);
        Assert.Equal(typeof(long), row.GetProperty("Id")!.PropertyType);
        Assert.Equal(typeof(Guid), row.GetProperty("UserId")!.PropertyType);
        Assert.Equal(typeof(DateTime), row.GetProperty("InsertedAt")!.PropertyType);
        var insert = assembly.GetType("Test.Models.TodosInsert")!;
        Assert.Equal(typeof(long?), insert.GetProperty("Id")!.PropertyType);
        Assert.Equal(typeof(bool?), insert.GetProperty("IsComplete")!.PropertyType);
        Assert.Equal(typeof(Guid), insert.GetProperty("UserId")!.PropertyType);
        var update = assembly.GetType("Test.Models.TodosUpdate")!;
        Assert.Equal(typeof(Guid?), update.GetProperty("UserId")!.PropertyType);

        // Exact nullability of reference types: NOT NULL title is string, nullable full_name is string?.
        var nullability = new NullabilityInfoContext();
        Assert.Equal(NullabilityState.NotNull, nullability.Create(row.GetProperty("Title")!).ReadState);
        Assert.Equal(NullabilityState.Nullable, nullability.Create(assembly.GetType("Test.Models.ProfilesRow")!.GetProperty("FullName")!).ReadState);
        var relationships = assembly.GetType("Test.Models.SupabaseRelationships")!;
        dynamic foreignKey = relationships.GetField("TodosUserIdFkey")!.GetValue(null)!;
        Assert.Equal("todos_user_id_fkey", (string)foreignKey.Name);
        Assert.Equal("users", (string)foreignKey.ReferencedTable);
        Assert.False((bool)foreignKey.IsOneToOne);
        Assert.True((bool)((dynamic)relationships.GetField("ProfilesIdFkey")!.GetValue(null)!).IsOneToOne);
    }

    [Fact]
    public void Output_is_byte_identical_across_runs()
    {
        var model = Model("create table public.items (id int primary key, title text, is_visible bool, \"İstanbul\" int, \"idx\" int);", SampleSql());
        var first = Generate(model).Code;
        var second = Generate(Model("create table public.items (id int primary key, title text, is_visible bool, \"İstanbul\" int, \"idx\" int);", SampleSql())).Code;
        Assert.Equal(first, second);

        // Another machine, another culture (Turkish casing of i/I is the classic trap): the same bytes.
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("tr-TR");
            Assert.Equal(first, Generate(model).Code);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }

        Assert.Contains("public bool? IsVisible { get; init; }", first, StringComparison.Ordinal);
        Assert.Contains("public int? İstanbul { get; init; }", first, StringComparison.Ordinal);
        Assert.Contains(" Idx { get; init; }", first, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", first, StringComparison.Ordinal);
        Assert.DoesNotContain(Environment.MachineName, first, StringComparison.Ordinal);
    }

    [Fact]
    public void Weird_names_reserved_words_spaces_unicode_collisions_and_a_column_named_like_its_class()
    {
        var model = Model("""
            create table "class" ("class" int primary key, "event" text, "order by" text, "ToString" text, "equals" int, "1st" int, "café ☕" text, "!!!" text);
            create table "user_profile" (id int primary key);
            create table "UserProfile" (id int primary key);
            create table "User Profile" ("UserProfileRow" int primary key, user_profile_row int);
            create table "日本語" ("列" text);
            create type "weird enum" as enum ('in progress', 'done!', 'Done', '-', '1st', 'class');
            create table uses (e "weird enum" not null, weird_enum text, mood "weird enum");
            """);

        var code = Generate(model).Code;
        var assembly = GeneratedCode.Compile("Weird", code);

        var @class = assembly.GetType("Test.Models.ClassRow")!;
        Assert.Equal(new[] { "Class", "Event", "OrderBy", "ToStringValue", "EqualsValue", "_1st", "Café", "Column" }, @class.GetProperties().Where(p => p.GetCustomAttribute<ColumnAttribute>() is not null).Select(p => p.Name));
        // Tables sort by SQL name ("User Profile" < "UserProfile" < "user_profile"), and claim names in that order.
        var spaced = assembly.GetType("Test.Models.UserProfileRow")!;
        Assert.Equal("User Profile", spaced.GetCustomAttribute<TableAttribute>()!.Name);
        Assert.Equal("UserProfile", assembly.GetType("Test.Models.UserProfile2Row")!.GetCustomAttribute<TableAttribute>()!.Name);
        Assert.Equal("user_profile", assembly.GetType("Test.Models.UserProfile3Row")!.GetCustomAttribute<TableAttribute>()!.Name);
        Assert.Equal(new[] { "UserProfileRowValue", "UserProfileRowValue2" }, spaced.GetProperties().Where(p => p.GetCustomAttribute<ColumnAttribute>() is not null).Select(p => p.Name));
        Assert.NotNull(assembly.GetType("Test.Models.日本語Row")!.GetProperty("列"));
        var labels = Enum.GetNames(assembly.GetType("Test.Models.WeirdEnum")!);
        Assert.Equal(new[] { "InProgress", "Done", "Done2", "Empty", "_1st", "Class" }, labels);
        Assert.Equal(assembly.GetType("Test.Models.WeirdEnum"), assembly.GetType("Test.Models.UsesRow")!.GetProperty("E")!.PropertyType);
        Assert.Contains("[global::NpgsqlTypes.PgName(\"in progress\")]", code, StringComparison.Ordinal);
    }

    [Fact]
    public void History_with_renames_drops_and_added_enum_values_generates_the_final_schema()
    {
        var model = Model(
            "create type state as enum ('new', 'done'); create table tickets (id int primary key, title text, legacy text, s state);",
            "alter table tickets rename column title to subject; alter table tickets drop column legacy; alter type state add value 'blocked' before 'done';",
            "alter table tickets rename to issues; comment on table issues is 'Work to do & <review>.'; comment on column issues.subject is 'One line';");

        var code = Generate(model).Code;
        var assembly = GeneratedCode.Compile("History", code);

        Assert.Null(assembly.GetType("Test.Models.TicketsRow"));
        var row = assembly.GetType("Test.Models.IssuesRow")!;
        Assert.Equal(new[] { "Id", "Subject", "S" }, row.GetProperties().Where(p => p.GetCustomAttribute<ColumnAttribute>() is not null).Select(p => p.Name));
        Assert.Equal(new[] { "New", "Blocked", "Done" }, Enum.GetNames(assembly.GetType("Test.Models.State")!));
        Assert.Contains("/// Work to do &amp; &lt;review&gt;.", code, StringComparison.Ordinal);
        Assert.Contains("/// One line", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Types_follow_Npgsql_default_mapping()
    {
        var model = Model("""
            create domain email as text check (value like '%@%');
            create type address as (street text, zip int);
            create table everything (
              a bool not null, b smallint not null, c int not null, d bigint not null, e real not null, f double precision not null,
              g numeric not null, h text not null, i varchar(10) not null, j char(3) not null, k uuid not null, l bytea not null,
              m date not null, n time not null, o timetz not null, p timestamp not null, q timestamptz not null, r interval not null,
              s json not null, t jsonb not null, u inet not null, v int[] not null, w text[][] not null, x email not null,
              y address, z macaddr, aa int4range, bb money not null, cc vector(3), dd citext
            );
            """);

        var text = Generate(model).Code;
        var documents = Generate(model, new ModelGeneratorOptions { Namespace = "Test.Models", Json = JsonMapping.JsonDocument }).Code;
        var row = GeneratedCode.Compile("Types", text).GetType("Test.Models.EverythingRow")!;
        var json = GeneratedCode.Compile("Json", documents).GetType("Test.Models.EverythingRow")!;

        string TypeOf(string property) => row.GetProperty(property)!.PropertyType.ToString();
        Assert.Equal("System.Boolean", TypeOf("A"));
        Assert.Equal("System.Int16", TypeOf("B"));
        Assert.Equal("System.Int32", TypeOf("C"));
        Assert.Equal("System.Int64", TypeOf("D"));
        Assert.Equal("System.Single", TypeOf("E"));
        Assert.Equal("System.Double", TypeOf("F"));
        Assert.Equal("System.Decimal", TypeOf("G"));
        Assert.Equal("System.String", TypeOf("H"));
        Assert.Equal("System.String", TypeOf("I"));
        Assert.Equal("System.String", TypeOf("J"));
        Assert.Equal("System.Guid", TypeOf("K"));
        Assert.Equal("System.Byte[]", TypeOf("L"));
        Assert.Equal("System.DateOnly", TypeOf("M"));
        Assert.Equal("System.TimeOnly", TypeOf("N"));
        Assert.Equal("System.DateTimeOffset", TypeOf("O"));
        Assert.Equal("System.DateTime", TypeOf("P"));
        Assert.Equal("System.DateTime", TypeOf("Q"));
        Assert.Equal("System.TimeSpan", TypeOf("R"));
        Assert.Equal("System.String", TypeOf("S"));
        Assert.Equal("System.Text.Json.JsonDocument", json.GetProperty("T")!.PropertyType.ToString());
        Assert.Equal("System.Net.IPAddress", TypeOf("U"));
        Assert.Equal("System.Int32[]", TypeOf("V"));
        Assert.Equal("System.String[,]", TypeOf("W"));
        Assert.Equal("System.String", TypeOf("X"));
        Assert.Equal("Test.Models.Address", TypeOf("Y"));
        Assert.Equal("System.Net.NetworkInformation.PhysicalAddress", TypeOf("Z"));
        Assert.Equal("System.Nullable`1[NpgsqlTypes.NpgsqlRange`1[System.Int32]]", TypeOf("Aa"));
        Assert.Equal("System.Decimal", TypeOf("Bb"));
        Assert.Equal("System.String", TypeOf("Cc"));
        Assert.Contains("vector(3): its type is not known to the migrations; mapped to string", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Functions_views_and_composites_are_typed_signatures_and_records()
    {
        var model = Model("""
            create table posts (id bigint primary key, author uuid not null, title text not null, published boolean not null default false);
            create view published_posts as select id, title from posts where published;
            create materialized view post_counts as select author, count(*) as n from posts group by author;
            create function posts_by(author_id uuid, max_rows int default 10) returns setof posts language sql stable as $$ select * from posts where author = author_id limit max_rows $$;
            create function post_summary(p_id bigint, out title text, out words int) language sql as $$ select title, 3 from posts where id = p_id $$;
            create function search(q text) returns table (id bigint, rank real) language sql as $$ select id, 1.0::real from posts $$;
            create function count_posts() returns bigint language sql as $$ select count(*) from posts $$;
            create procedure touch(p_id bigint) language sql as $$ update posts set published = true where id = p_id $$;
            create function trg() returns trigger language plpgsql as $$ begin return new; end $$;
            comment on function count_posts() is 'How many posts there are.';
            """);

        var code = Generate(model).Code;
        var assembly = GeneratedCode.Compile("Functions", code);

        Assert.NotNull(assembly.GetType("Test.Models.PublishedPostsRow"));
        Assert.Null(assembly.GetType("Test.Models.PublishedPostsInsert"));
        Assert.Equal(typeof(long?), assembly.GetType("Test.Models.PostCountsRow")!.GetProperty("N")!.PropertyType);
        Assert.Equal("select * from public.posts_by(@AuthorId::uuid, @MaxRows::int4)", Constant(assembly, "PostsByFunction", "Sql"));
        Assert.Equal(typeof(int?), assembly.GetType("Test.Models.PostsByArgs")!.GetProperty("MaxRows")!.PropertyType);
        Assert.Equal(typeof(Guid), assembly.GetType("Test.Models.PostsByArgs")!.GetProperty("AuthorId")!.PropertyType);
        Assert.NotNull(assembly.GetType("Test.Models.PostSummaryResult")!.GetProperty("Words"));
        Assert.Equal(typeof(float?), assembly.GetType("Test.Models.SearchResult")!.GetProperty("Rank")!.PropertyType);
        Assert.Equal("select public.count_posts() as count_posts", Constant(assembly, "CountPostsFunction", "Sql"));
        Assert.Equal("call public.touch(@PId::int8)", Constant(assembly, "TouchFunction", "Sql"));
        Assert.Null(assembly.GetType("Test.Models.TrgFunction"));
        Assert.Contains("/// How many posts there are.", code, StringComparison.Ordinal);
    }

    private static string Constant(Assembly assembly, string type, string field) =>
        (string)assembly.GetType("Test.Models." + type)!.GetField(field)!.GetRawConstantValue()!;
}
