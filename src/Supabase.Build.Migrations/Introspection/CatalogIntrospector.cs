using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Npgsql;
using Supabase.Build.Migrations.Schema;
using Supabase.Build.PgQuery;

namespace Supabase.Build.Migrations.Introspection;

/// <summary>
/// Fills a <see cref="SchemaModel"/> from a live database's catalog (pg_catalog, read with Npgsql): the same model the
/// replay of the migrations builds, so the generator, the rules and the agreement tests treat both alike. Expressions
/// (defaults, CHECKs, policies, view queries) come back as text from pg_get_expr / pg_get_viewdef and are parsed into
/// the same parse trees. Objects that extensions created are left out. No object has a <see cref="SchemaSource"/>.
/// </summary>
public sealed partial class CatalogIntrospector
{
    private readonly PgParser _parser;

    public CatalogIntrospector(PgParser parser) => _parser = parser;

    public async Task<SchemaModel> ReadAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SchemaModel> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var reader = new Reader(connection, transaction, cancellationToken);
        var types = new Dictionary<uint, (string Schema, string Name, uint Element, string Category)>();
        await reader.EachAsync(CatalogQueries.Types, r => types[r.Get<uint>(0)] = (r.GetString(1), r.GetString(2), r.Get<uint>(3), r.GetString(4))).ConfigureAwait(false);

        TypeRef TypeOf(uint oid, int dimensions = 0, string? formatted = null)
        {
            if (!types.TryGetValue(oid, out var type))
            {
                return new TypeRef(new ObjectName(string.Empty, "unknown"), IsResolved: false);
            }

            var modifier = formatted is null ? null : ModifierPattern().Match(formatted) is { Success: true } m ? m.Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal) : null;
            if (type.Category == "A" && type.Element != 0 && types.TryGetValue(type.Element, out var element))
            {
                return new TypeRef(new ObjectName(element.Schema, element.Name), Math.Max(dimensions, 1), modifier);
            }

            return new TypeRef(new ObjectName(type.Schema, type.Name), 0, modifier);
        }

        var model = SchemaModel.Empty;
        await reader.EachAsync(CatalogQueries.Schemas, r =>
            model = model with { Schemas = model.Schemas.SetItem(r.GetString(0), new SchemaObjectModel(r.GetString(0), Comment: r.Null<string>(1))) }).ConfigureAwait(false);
        await reader.EachAsync(CatalogQueries.SchemaGrants, r =>
        {
            if (model.Schemas.TryGetValue(r.GetString(0), out var schema))
            {
                model = model with { Schemas = model.Schemas.SetItem(schema.Name, schema with { Grants = schema.Grants.Add(new Grant(r.GetString(1), r.GetString(2))) }) };
            }
        }).ConfigureAwait(false);
        await reader.EachAsync(CatalogQueries.Extensions, r =>
            model = model with { Extensions = model.Extensions.SetItem(r.GetString(0), new ExtensionModel(r.GetString(0), r.GetString(1))) }).ConfigureAwait(false);

        // Types: enums (labels in sort order), domains (with their checks), composites (attributes with the relations).
        var labels = new Dictionary<uint, List<string>>();
        await reader.EachAsync(CatalogQueries.EnumLabels, r => (labels.TryGetValue(r.Get<uint>(0), out var l) ? l : labels[r.Get<uint>(0)] = new List<string>()).Add(r.GetString(1))).ConfigureAwait(false);
        var domainChecks = new Dictionary<uint, List<SqlExpression>>();
        await reader.EachAsync(CatalogQueries.DomainChecks, r =>
        {
            if (Expression(r.Null<string>(1)) is { } check)
            {
                (domainChecks.TryGetValue(r.Get<uint>(0), out var l) ? l : domainChecks[r.Get<uint>(0)] = new List<SqlExpression>()).Add(check);
            }
        }).ConfigureAwait(false);
        var compositeByRelation = new Dictionary<uint, (ObjectName Name, string? Comment)>();
        await reader.EachAsync(CatalogQueries.UserTypes, r =>
        {
            var oid = r.Get<uint>(0);
            var name = new ObjectName(r.GetString(1), r.GetString(2));
            var comment = r.Null<string>(10);
            switch (r.GetString(3))
            {
                case "e":
                    model = model with { Enums = model.Enums.SetItem(name, new EnumModel(name, (labels.GetValueOrDefault(oid) ?? new List<string>()).ToImmutableList(), comment)) };
                    break;
                case "d":
                    var baseType = TypeOf(r.Get<uint>(5), r.GetInt32(7));
                    model = model with
                    {
                        Domains = model.Domains.SetItem(name, new DomainModel(name, baseType, r.GetBoolean(8), Expression(r.Null<string>(9)), (domainChecks.GetValueOrDefault(oid) ?? new List<SqlExpression>()).ToImmutableList(), comment)),
                    };
                    break;
                case "c":
                    compositeByRelation[r.Get<uint>(4)] = (name, comment);
                    break;
            }
        }).ConfigureAwait(false);

        // Relations, then their columns, constraints, indexes, policies, triggers and grants by oid.
        var relations = new Dictionary<uint, Relation>();
        await reader.EachAsync(CatalogQueries.Relations, r => relations[r.Get<uint>(0)] = new Relation(
            new ObjectName(r.GetString(1), r.GetString(2)),
            r.GetString(3),
            r.GetString(4) == "t",
            r.GetBoolean(5),
            r.GetBoolean(6),
            r.Null<string>(7),
            r.Get<string[]>(8),
            r.Null<string>(9))).ConfigureAwait(false);
        var oids = relations.Keys.Concat(compositeByRelation.Keys).Distinct().ToArray();
        reader.Parameter = oids;

        var columns = new Dictionary<uint, List<ColumnModel>>();
        await reader.EachAsync(CatalogQueries.Columns, r =>
        {
            var identity = r.GetString(6) switch { "a" => IdentityKind.Always, "d" => IdentityKind.ByDefault, _ => IdentityKind.None };
            var column = new ColumnModel(
                r.GetString(1),
                TypeOf(r.Get<uint>(2), r.GetInt32(4), r.GetString(3)),
                r.GetBoolean(5),
                Expression(r.Null<string>(8)),
                identity,
                r.GetString(7) == "s",
                Comment: r.Null<string>(9));
            (columns.TryGetValue(r.Get<uint>(0), out var list) ? list : columns[r.Get<uint>(0)] = new List<ColumnModel>()).Add(column);
        }).ConfigureAwait(false);

        var attributeNames = new Dictionary<(uint, short), string>();
        string Attribute(uint relation, short attnum) => attributeNames.GetValueOrDefault((relation, attnum)) ?? string.Empty;
        await reader.EachAsync("select attrelid, attnum, attname from pg_catalog.pg_attribute where attrelid = any(@relations) and attnum > 0 and not attisdropped",
            r => attributeNames[(r.Get<uint>(0), r.GetInt16(1))] = r.GetString(2)).ConfigureAwait(false);

        var constraints = new Dictionary<uint, List<ConstraintModel>>();
        var foreignTargets = new List<(uint Relation, string Name, uint Target, short[] Keys)>();
        await reader.EachAsync(CatalogQueries.Constraints, r =>
        {
            var relation = r.Get<uint>(0);
            var kind = r.GetString(2) switch { "p" => ConstraintKind.PrimaryKey, "u" => ConstraintKind.Unique, "f" => ConstraintKind.ForeignKey, "c" => ConstraintKind.Check, _ => ConstraintKind.Exclusion };
            var keys = r.Get<short[]>(4).Select(k => Attribute(relation, k)).ToImmutableList();
            var constraint = new ConstraintModel(
                r.GetString(1),
                kind,
                kind == ConstraintKind.Check ? ImmutableList<string>.Empty : keys,
                r.GetBoolean(3),
                kind == ConstraintKind.ForeignKey ? new ForeignKeyTarget(default, ImmutableList<string>.Empty, r.GetString(7)[0], r.GetString(8)[0]) : null,
                Expression(r.Null<string>(9)),
                kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclusion ? r.Null<string>(10) : null);
            if (kind == ConstraintKind.ForeignKey)
            {
                foreignTargets.Add((relation, constraint.Name, r.Get<uint>(5), r.Get<short[]>(6)));
            }

            (constraints.TryGetValue(relation, out var list) ? list : constraints[relation] = new List<ConstraintModel>()).Add(constraint);
        }).ConfigureAwait(false);

        // Referenced tables may be outside the user schemas' reach (auth.users is in one): name them by oid.
        var relationNames = relations.ToDictionary(p => p.Key, p => p.Value.Name);
        var missing = foreignTargets.Select(f => f.Target).Where(t => !relationNames.ContainsKey(t)).Distinct().ToArray();
        if (missing.Length > 0)
        {
            reader.Parameter = missing;
            await reader.EachAsync("select c.oid, n.nspname, c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where c.oid = any(@relations)",
                r => relationNames[r.Get<uint>(0)] = new ObjectName(r.GetString(1), r.GetString(2))).ConfigureAwait(false);
            await reader.EachAsync("select attrelid, attnum, attname from pg_catalog.pg_attribute where attrelid = any(@relations) and attnum > 0",
                r => attributeNames[(r.Get<uint>(0), r.GetInt16(1))] = r.GetString(2)).ConfigureAwait(false);
            reader.Parameter = oids;
        }

        foreach (var (relation, name, target, keys) in foreignTargets)
        {
            var list = constraints[relation];
            var index = list.FindIndex(c => c.Name == name);
            list[index] = list[index] with
            {
                References = list[index].References! with
                {
                    Table = relationNames.GetValueOrDefault(target),
                    Columns = keys.Select(k => Attribute(target, k)).ToImmutableList(),
                },
            };
        }

        var indexes = new List<IndexModel>();
        await reader.EachAsync(CatalogQueries.Indexes, r =>
        {
            var relation = r.Get<uint>(1);
            if (!relations.TryGetValue(relation, out var owner))
            {
                return;
            }

            var keys = r.Get<short[]>(5).Select(k => k == 0 ? null : (string?)Attribute(relation, k)).ToImmutableList();
            var constraint = constraints.GetValueOrDefault(relation)?.Find(c => c.IndexName == r.GetString(0));
            indexes.Add(new IndexModel(new ObjectName(owner.Name.Schema, r.GetString(0)), owner.Name, keys, r.GetBoolean(2), r.GetBoolean(3), r.GetString(4), Expression(r.Null<string>(6)), constraint?.Name));
        }).ConfigureAwait(false);

        var policies = new Dictionary<uint, List<PolicyModel>>();
        await reader.EachAsync(CatalogQueries.Policies, r =>
        {
            var relation = r.Get<uint>(0);
            var command = r.GetString(2) switch { "r" => "SELECT", "a" => "INSERT", "w" => "UPDATE", "d" => "DELETE", _ => "ALL" };
            var policy = new PolicyModel(r.GetString(1), relations[relation].Name, command, r.GetBoolean(3), r.Get<string[]>(4).ToImmutableList(), Expression(r.Null<string>(5)), Expression(r.Null<string>(6)));
            (policies.TryGetValue(relation, out var list) ? list : policies[relation] = new List<PolicyModel>()).Add(policy);
        }).ConfigureAwait(false);

        var triggers = new Dictionary<uint, List<TriggerModel>>();
        await reader.EachAsync(CatalogQueries.Triggers, r =>
        {
            var relation = r.Get<uint>(0);
            var type = r.GetInt16(2);
            var events = new List<string>();
            if ((type & (1 << 2)) != 0)
            {
                events.Add("INSERT");
            }

            if ((type & (1 << 3)) != 0)
            {
                events.Add("DELETE");
            }

            if ((type & (1 << 4)) != 0)
            {
                events.Add("UPDATE");
            }

            if ((type & (1 << 5)) != 0)
            {
                events.Add("TRUNCATE");
            }

            var timing = (type & (1 << 1)) != 0 ? "BEFORE" : (type & (1 << 6)) != 0 ? "INSTEAD OF" : "AFTER";
            var trigger = new TriggerModel(r.GetString(1), relations[relation].Name, timing, events.ToImmutableList(), (type & 1) != 0, new ObjectName(r.GetString(3), r.GetString(4)));
            (triggers.TryGetValue(relation, out var list) ? list : triggers[relation] = new List<TriggerModel>()).Add(trigger);
        }).ConfigureAwait(false);

        var grants = new Dictionary<uint, HashSet<Grant>>();
        await reader.EachAsync(CatalogQueries.RelationGrants, r =>
            (grants.TryGetValue(r.Get<uint>(0), out var set) ? set : grants[r.Get<uint>(0)] = new HashSet<Grant>()).Add(new Grant(r.GetString(1), r.GetString(2), r.Null<string>(3)))).ConfigureAwait(false);

        var viewSources = new Dictionary<uint, List<uint>>();
        await reader.EachAsync(CatalogQueries.ViewSources, r =>
            (viewSources.TryGetValue(r.Get<uint>(0), out var list) ? list : viewSources[r.Get<uint>(0)] = new List<uint>()).Add(r.Get<uint>(1))).ConfigureAwait(false);
        var sourceOids = viewSources.Values.SelectMany(v => v).Where(o => !relationNames.ContainsKey(o)).Distinct().ToArray();
        if (sourceOids.Length > 0)
        {
            reader.Parameter = sourceOids;
            await reader.EachAsync("select c.oid, n.nspname, c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where c.oid = any(@relations)",
                r => relationNames[r.Get<uint>(0)] = new ObjectName(r.GetString(1), r.GetString(2))).ConfigureAwait(false);
        }

        foreach (var (oid, relation) in relations)
        {
            var relationColumns = (columns.GetValueOrDefault(oid) ?? new List<ColumnModel>()).ToImmutableList();
            var relationGrants = (grants.GetValueOrDefault(oid) ?? new HashSet<Grant>()).ToImmutableHashSet();
            switch (relation.Kind)
            {
                case "v" or "m":
                    var options = relation.Options.Select(o => o.Split('=', 2)).ToImmutableDictionary(p => p[0], p => p.Length > 1 ? p[1] : "true");
                    var query = relation.Definition is { } definition && _parser.Parse(definition) is { Succeeded: true, Statements.Count: > 0 } parsed ? parsed.Statements[0].Node : default;
                    var reads = (viewSources.GetValueOrDefault(oid) ?? new List<uint>()).Where(relationNames.ContainsKey).Select(o => relationNames[o]).Distinct().OrderBy(n => n).ToImmutableList();
                    model = model with
                    {
                        Views = model.Views.SetItem(relation.Name, new ViewModel(relation.Name, relationColumns.Select(c => c with { NotNull = false }).ToImmutableList(), relation.Kind == "m", query, reads, options, relationGrants, relation.Comment)),
                    };
                    break;
                case "c":
                    if (compositeByRelation.TryGetValue(oid, out var composite))
                    {
                        model = model with { CompositeTypes = model.CompositeTypes.SetItem(composite.Name, new CompositeTypeModel(composite.Name, relationColumns, composite.Comment)) };
                    }

                    break;
                default:
                    var table = new TableModel(
                        relation.Name,
                        relationColumns,
                        (constraints.GetValueOrDefault(oid) ?? new List<ConstraintModel>()).ToImmutableList(),
                        relation.Kind switch { "p" => TableKind.PartitionedTable, "f" => TableKind.ForeignTable, _ => TableKind.Table },
                        relation.IsTemporary,
                        relation.RowLevelSecurity,
                        relation.ForceRowLevelSecurity,
                        (policies.GetValueOrDefault(oid) ?? new List<PolicyModel>()).ToImmutableList(),
                        (triggers.GetValueOrDefault(oid) ?? new List<TriggerModel>()).ToImmutableList(),
                        relationGrants,
                        relation.Comment);
                    model = model with { Tables = model.Tables.SetItem(relation.Name, table) };
                    break;
            }
        }

        foreach (var index in indexes)
        {
            model = model with { Indexes = model.Indexes.SetItem(index.Name, index) };
        }

        await reader.EachAsync(CatalogQueries.Functions, r =>
        {
            var function = ReadFunction(r, TypeOf);
            model = model with { Functions = model.Functions.SetItem(function.Signature, function) };
        }).ConfigureAwait(false);

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return model;
    }

    private static FunctionModel ReadFunction(NpgsqlDataReader r, Func<uint, int, string?, TypeRef> typeOf)
    {
        var names = r.Get<string[]>(10);
        var argTypes = r.Get<uint[]>(11);
        var modes = r.Get<string[]>(12);
        var defaults = r.GetInt16(13);
        var parameters = new List<FunctionParameter>();
        for (var i = 0; i < argTypes.Length; i++)
        {
            var mode = (modes.Length > i ? modes[i] : "i") switch
            {
                "o" => ParameterMode.Out,
                "b" => ParameterMode.InOut,
                "v" => ParameterMode.Variadic,
                "t" => ParameterMode.Table,
                _ => ParameterMode.In,
            };
            var name = names.Length > i && names[i].Length > 0 ? names[i] : null;
            parameters.Add(new FunctionParameter(name, typeOf(argTypes[i], 0, null), mode));
        }

        // The last pronargdefaults input parameters have defaults.
        var inputs = parameters.Select((p, i) => (p, i)).Where(x => x.p.IsInput).Select(x => x.i).ToList();
        foreach (var index in inputs.Skip(Math.Max(0, inputs.Count - defaults)))
        {
            parameters[index] = parameters[index] with { HasDefault = true };
        }

        var settings = r.Get<string[]>(9)
            .Select(s => s.Split('=', 2))
            .ToImmutableDictionary(p => p[0], p => p.Length > 1 ? p[1].Replace("\"\"", string.Empty, StringComparison.Ordinal) : string.Empty);
        var grants = r.GetBoolean(17)
            ? ImmutableHashSet.Create(new Grant("public", "EXECUTE"))
            : r.Get<string[]>(16).Select(g => g.Split(':', 2)).Select(p => new Grant(p[0], p[1])).ToImmutableHashSet();
        var isProcedure = r.GetString(3) == "p";
        return new FunctionModel(
            new ObjectName(r.GetString(1), r.GetString(2)),
            parameters.ToImmutableList(),
            isProcedure ? null : typeOf(r.Get<uint>(4), 0, null),
            r.GetBoolean(5),
            r.GetString(6),
            r.GetBoolean(7),
            r.GetString(8) switch { "i" => "immutable", "s" => "stable", _ => "volatile" },
            isProcedure,
            settings,
            r.Null<string>(14),
            grants,
            r.Null<string>(15));
    }

    /// <summary>An expression from pg_get_expr, parsed into the tree the replay would hold; null for none.</summary>
    private SqlExpression? Expression(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parsed = _parser.Parse("SELECT " + text);
        var node = parsed.Succeeded && parsed.Statements.Count == 1 ? parsed.Statements[0].Node.List("targetList").FirstOrDefault().Child("val") : default;
        return new SqlExpression(node, text);
    }

    [GeneratedRegex(@"\(([^)]*)\)")]
    private static partial Regex ModifierPattern();

    private sealed record Relation(ObjectName Name, string Kind, bool IsTemporary, bool RowLevelSecurity, bool ForceRowLevelSecurity, string? Comment, string[] Options, string? Definition);

    /// <summary>Runs one catalog query after another on one connection and transaction, with the relation oids as <c>@relations</c>.</summary>
    private sealed class Reader
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;
        private readonly CancellationToken _cancellationToken;

        public Reader(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            _connection = connection;
            _transaction = transaction;
            _cancellationToken = cancellationToken;
        }

        public uint[] Parameter { get; set; } = Array.Empty<uint>();

        public async Task EachAsync(string sql, Action<NpgsqlDataReader> row)
        {
            await using var command = new NpgsqlCommand(sql, _connection, _transaction);
            if (sql.Contains("@relations", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter("relations", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid) { Value = Parameter });
            }

            await using var reader = await command.ExecuteReaderAsync(_cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(_cancellationToken).ConfigureAwait(false))
            {
                row(reader);
            }
        }
    }
}

internal static class DataReaderExtensions
{
    public static T Get<T>(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal);

    public static T? Null<T>(this NpgsqlDataReader reader, int ordinal)
        where T : class => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
