using Npgsql;
using NpgsqlTypes;

namespace Supabase.Build.Migrations.Push;

/// <summary>How migration SQL is handed to Npgsql: verbatim, so PostgreSQL's error positions index the text of the file.</summary>
internal static class SqlExecution
{
    /// <summary>
    /// A batch command that sends <paramref name="sql"/> exactly as written. Npgsql rewrites the text of commands
    /// without parameters (named placeholders, and it refuses a semicolon it takes for a statement separator, such as
    /// the ones in a <c>BEGIN ATOMIC ... END</c> body). A command with positional parameters is sent untouched, so
    /// each statement gets one unused, typed parameter; PostgreSQL accepts a declared parameter the statement does not
    /// reference. (Npgsql's global EnableSqlRewriting switch would do the same for the whole process, including other
    /// tasks in the same MSBuild node, so it is not used.)
    /// </summary>
    public static NpgsqlBatchCommand Verbatim(string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = DBNull.Value });
        return command;
    }
}
