using Npgsql;
using Supabase.Build.Migrations.Database;

namespace Supabase.Build.Testing.Tests;

public sealed class RepositoryLayoutAndUrlTests
{
    [Fact]
    public void Root_is_the_folder_with_the_solution()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryLayout.Root, RepositoryLayout.SolutionFileName)));
        Assert.True(File.Exists(RepositoryLayout.SupabaseBootstrapSql));
        Assert.Equal(RepositoryLayout.Root, RepositoryLayout.FindRoot(Path.Combine(RepositoryLayout.TestsDirectory, "x", "y")));
        Assert.Equal(Path.Combine(RepositoryLayout.Root, "build", "pg-start.sh"), RepositoryLayout.PathOf("build", "pg-start.sh"));
    }

    [Fact]
    public void FindRoot_says_what_it_looked_for()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => RepositoryLayout.FindRoot(Path.GetTempPath()));
        Assert.Contains(RepositoryLayout.SolutionFileName, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Urls_round_trip_with_escaped_credentials()
    {
        var builder = PostgresUrl.Parse("postgresql://app%40user:p%40ss%3Aw%2Ford@db.example.test:6543/my%20db?sslmode=require&application_name=x");
        Assert.Equal("app@user", builder.Username);
        Assert.Equal("p@ss:w/ord", builder.Password);
        Assert.Equal("db.example.test", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("my db", builder.Database);
        Assert.Equal(SslMode.Require, builder.SslMode);

        var again = PostgresUrl.Parse(PostgresUrl.Format(builder));
        Assert.Equal(builder.Password, again.Password);
        Assert.Equal(builder.Database, again.Database);
        Assert.Equal(
            "postgresql://app%40user:***@db.example.test:6543/my%20db?sslmode=require&application_name=x",
            PostgresUrl.Redact(builder));
    }

    [Fact]
    public void Url_defaults_follow_libpq()
    {
        var builder = PostgresUrl.Parse("postgres://someone@localhost");
        Assert.Equal(5432, builder.Port);
        Assert.Equal("someone", builder.Database);
        Assert.Throws<FormatException>(() => PostgresUrl.Parse("Host=localhost;Password=secret"));
    }
}
