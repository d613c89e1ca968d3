using System.Collections;
using System.ComponentModel.DataAnnotations.Schema;
using System.Data;
using System.Net;
using System.Net.NetworkInformation;
using System.Reflection;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Supabase.Build.Migrations.CodeGen;
using Supabase.Build.Migrations.Tests.CodeGen;
using Supabase.Build.Testing;
using static Supabase.Build.Migrations.Tests.Schema.SchemaTestKit;

namespace Supabase.Build.Migrations.Tests.Introspection;

/// <summary>
/// Every mapped type, through the generated records, into the real database and back: with Npgsql (enums and
/// composites mapped by the generated MapSupabaseTypes()) and with Dapper (its column map built from [Column]).
/// </summary>
[Collection(ModelsPostgres.Name)]
public sealed class RoundTripTests(ThrowawayPostgres postgres)
{
    private const string Schema = """
        create type mood as enum ('happy', 'so-so', 'in a hurry');
        create type address as (street text, zip int);
        create domain email as text check (value like '%@%');
        create table samples (
          id bigint generated always as identity primary key,
          a_bool boolean not null, a_int2 smallint not null, a_int4 integer not null, a_int8 bigint not null,
          a_float4 real not null, a_float8 double precision not null, a_numeric numeric(12,4) not null, a_money money,
          a_text text not null, a_varchar varchar(20), a_char char(3), a_uuid uuid not null default gen_random_uuid(),
          a_bytea bytea, a_date date not null, a_time time, a_timetz timetz, a_timestamp timestamp, a_timestamptz timestamptz not null default now(),
          a_interval interval, a_json json, a_jsonb jsonb, a_inet inet, a_macaddr macaddr, a_ints integer[] not null default '{}',
          a_texts text[], a_email email, a_range int4range, a_mood mood, a_address address, a_oid oid,
          a_generated text generated always as (a_text || '!') stored
        );
        """;

    private static readonly string[] DapperSkipped = { "AMood", "AAddress", "ARange", "AOid", "ATimetz" };

    [Fact]
    public async Task Every_mapped_type_round_trips_through_Npgsql_and_Dapper()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using (var setup = new NpgsqlConnection(database.ConnectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand(Schema, setup);
            await create.ExecuteNonQueryAsync();
        }

        var model = Model(Schema);
        var sqlTypes = model.Tables[Public("samples")].Columns.ToDictionary(c => c.Name, c => c.Type.ToString());
        var code = Generate(model, new ModelGeneratorOptions { Namespace = "RoundTrip", NpgsqlAttributes = true }).Code;
        var assembly = GeneratedCode.Compile("RoundTrip", code);
        var insertType = assembly.GetType("RoundTrip.SamplesInsert")!;
        var rowType = assembly.GetType("RoundTrip.SamplesRow")!;
        var mood = assembly.GetType("RoundTrip.Mood")!;
        var address = assembly.GetType("RoundTrip.Address")!;

        var values = new Dictionary<string, object?>
        {
            ["ABool"] = true, ["AInt2"] = (short)-7, ["AInt4"] = 123456, ["AInt8"] = 9_000_000_000L, ["AFloat4"] = 1.5f, ["AFloat8"] = 2.25d,
            ["ANumeric"] = 12345.6789m, ["AMoney"] = 12.34m, ["AText"] = "héllo ☕", ["AVarchar"] = "short", ["AChar"] = "abc",
            ["AUuid"] = Guid.Parse("0b5d1c7e-5a9f-4b51-9d52-1f1f6a2b3c4d"), ["ABytea"] = new byte[] { 0, 1, 254, 255 },
            ["ADate"] = new DateOnly(2024, 2, 29), ["ATime"] = new TimeOnly(13, 14, 15), ["ATimetz"] = new DateTimeOffset(1, 1, 2, 10, 11, 12, TimeSpan.FromHours(2)),
            ["ATimestamp"] = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified), ["ATimestamptz"] = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc),
            ["AInterval"] = TimeSpan.FromMinutes(90), ["AJson"] = "{\"a\": 1}", ["AJsonb"] = "{\"b\": [1, 2]}", ["AInet"] = IPAddress.Parse("192.168.1.20"),
            ["AMacaddr"] = PhysicalAddress.Parse("08-00-2B-01-02-03"), ["AInts"] = new[] { 1, 2, 3 }, ["ATexts"] = new[] { "x", "y z" },
            ["AEmail"] = "someone@example.com", ["ARange"] = new NpgsqlRange<int>(1, true, 10, false), ["AMood"] = Enum.Parse(mood, "InAHurry"),
            ["AOid"] = 42u,
        };
        var addressValue = Activator.CreateInstance(address)!;
        address.GetProperty("Street")!.SetValue(addressValue, "1 Main St");
        address.GetProperty("Zip")!.SetValue(addressValue, 12345);
        values["AAddress"] = addressValue;

        // Npgsql: the Insert record's properties as parameters, the Row record filled with GetFieldValue<T>.
        var builder = new NpgsqlDataSourceBuilder(database.ConnectionString);
        assembly.GetType("RoundTrip.SupabaseNpgsqlMapping")!.GetMethod("MapSupabaseTypes")!.MakeGenericMethod(typeof(NpgsqlDataSourceBuilder)).Invoke(null, new object[] { builder });
        await using var dataSource = builder.Build();
        var insert = Create(insertType, values);
        var columns = Columns(insertType).Where(p => p.Property.GetValue(insert) is not null).ToList();
        await using (var command = dataSource.CreateCommand(
            $"insert into samples ({string.Join(", ", columns.Select(c => c.Column))}) values ({string.Join(", ", columns.Select((c, i) => $"${i + 1}::{sqlTypes[c.Column]}"))})"))
        {
            foreach (var (property, _) in columns)
            {
                // oid reads as uint and timetz as DateTimeOffset; Npgsql writes those only when told the PostgreSQL type.
                var value = property.GetValue(insert);
                command.Parameters.Add(value switch
                {
                    uint => new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Oid },
                    DateTimeOffset => new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.TimeTz },
                    _ => new NpgsqlParameter { Value = value },
                });
            }

            await command.ExecuteNonQueryAsync();
        }

        await using (var select = dataSource.CreateCommand("select * from samples"))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            var row = Activator.CreateInstance(rowType)!;
            foreach (var (property, column) in Columns(rowType))
            {
                var ordinal = reader.GetOrdinal(column);
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var value = reader.IsDBNull(ordinal) ? null : typeof(NpgsqlDataReader).GetMethod("GetFieldValue")!.MakeGenericMethod(type).Invoke(reader, new object[] { ordinal });
                property.SetValue(row, value);
            }

            AssertSame(values, row, rowType);
            Assert.Equal("héllo ☕!", rowType.GetProperty("AGenerated")!.GetValue(row));
            Assert.Equal(1L, rowType.GetProperty("Id")!.GetValue(row));
        }

        // Dapper: the same records, Dapper's type map taken from [Column], and the type handlers Dapper needs for
        // DateOnly, TimeOnly, IPAddress and PhysicalAddress (it has none of its own). Enums, composites and ranges need Npgsql's own
        // mapping (Dapper sends enums as integers), and oid and timetz need an NpgsqlDbType: they are left out of this half.
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new TimeOnlyHandler());
        SqlMapper.AddTypeHandler(new PassThroughHandler<IPAddress>());
        SqlMapper.AddTypeHandler(new PassThroughHandler<PhysicalAddress>());
        SqlMapper.SetTypeMap(rowType, new CustomPropertyTypeMap(rowType, (type, column) => Columns(type).FirstOrDefault(c => c.Column == column).Property!));
        var dapperValues = values.Where(v => !DapperSkipped.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value);
        var dapperInsert = Create(insertType, dapperValues);
        var dapperColumns = Columns(insertType).Where(p => p.Property.GetValue(dapperInsert) is not null).ToList();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("delete from samples");
        await connection.ExecuteAsync(
            $"insert into samples ({string.Join(", ", dapperColumns.Select(c => c.Column))}) values ({string.Join(", ", dapperColumns.Select(c => $"@{c.Property.Name}::{sqlTypes[c.Column]}"))})",
            dapperInsert);
        var dapperRow = (await connection.QueryAsync(rowType, "select " + string.Join(", ", Columns(rowType).Where(c => !DapperSkipped.Contains(c.Property.Name)).Select(c => c.Column)) + " from samples")).Single();
        AssertSame(dapperValues, dapperRow, rowType);
    }

    private static object Create(Type type, IReadOnlyDictionary<string, object?> values)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var (name, value) in values)
        {
            type.GetProperty(name)!.SetValue(instance, value);
        }

        return instance;
    }

    private static List<(PropertyInfo Property, string Column)> Columns(Type type) =>
        type.GetProperties().Where(p => p.GetCustomAttribute<ColumnAttribute>() is not null).Select(p => (p, p.GetCustomAttribute<ColumnAttribute>()!.Name!)).ToList();

    private static void AssertSame(IReadOnlyDictionary<string, object?> expected, object row, Type rowType)
    {
        foreach (var (name, value) in expected)
        {
            var actual = rowType.GetProperty(name)!.GetValue(row);
            switch (value)
            {
                case DateTime time:
                    Assert.Equal(time, Assert.IsType<DateTime>(actual));
                    break;
                case IEnumerable sequence and not string:
                    Assert.Equal(sequence.Cast<object>(), Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object>());
                    break;
                case string json when name.StartsWith("AJson", StringComparison.Ordinal):
                    Assert.Equal(json.Replace(" ", string.Empty, StringComparison.Ordinal), ((string)actual!).Replace(" ", string.Empty, StringComparison.Ordinal));
                    break;
                case string text when name == "AChar":
                    Assert.Equal(text, ((string)actual!).TrimEnd());
                    break;
                default:
                    Assert.Equal(value, actual);
                    break;
            }
        }
    }

    /// <summary>Dapper knows no handler for these; Npgsql takes and returns them as they are.</summary>
    private sealed class PassThroughHandler<T> : SqlMapper.TypeHandler<T>
    {
        public override T Parse(object value) => (T)value;

        public override void SetValue(IDbDataParameter parameter, T? value) => parameter.Value = value;
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override DateOnly Parse(object value) => value is DateTime time ? DateOnly.FromDateTime(time) : (DateOnly)value;

        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value;
        }
    }

    private sealed class TimeOnlyHandler : SqlMapper.TypeHandler<TimeOnly>
    {
        public override TimeOnly Parse(object value) => value is TimeSpan span ? TimeOnly.FromTimeSpan(span) : (TimeOnly)value;

        public override void SetValue(IDbDataParameter parameter, TimeOnly value)
        {
            parameter.DbType = DbType.Time;
            parameter.Value = value;
        }
    }
}
