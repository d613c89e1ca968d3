using System.Reflection;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Schema;

/// <summary>
/// What every Supabase database has before the first migration (roles aside): schemas auth, storage, extensions;
/// auth.users; storage.buckets/objects; auth.uid(), auth.role(), auth.email(), auth.jwt(); pgcrypto and uuid-ossp in
/// extensions. It is the repository's build/supabase-bootstrap.sql, embedded and replayed once per process, so a
/// view over auth.users or a foreign key to it is typed and resolved offline as it is live.
/// </summary>
public static class SupabaseBaseline
{
    private const string ResourceName = "Supabase.Build.Migrations.Schema.supabase-bootstrap.sql";
    private static readonly object Gate = new();
    private static SchemaModel? cached;

    public static string Sql
    {
        get
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the engine assembly");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    public static SchemaModel Model(PgParser parser)
    {
        lock (Gate)
        {
            if (cached is null)
            {
                var model = new SchemaReplay(parser).Apply(SchemaModel.Empty with
                {
                    Schemas = SchemaModel.Empty.Schemas.Add("public", new SchemaObjectModel("public")),
                }, Sql);
                cached = model;
            }

            return cached;
        }
    }
}
