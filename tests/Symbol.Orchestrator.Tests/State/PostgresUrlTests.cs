using Npgsql;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.State.Postgres;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>How a <c>State</c> of <c>postgres://…</c> becomes a connection, without a server.</summary>
public sealed class PostgresUrlTests
{
    [Theory]
    [InlineData("postgres://orchestrator:secret@db.example.com:6543/flows", "db.example.com", 6543, "orchestrator", "secret", "flows")]
    [InlineData("postgresql://orchestrator@db/flows", "db", 5432, "orchestrator", null, "flows")]
    [InlineData("POSTGRES://me@127.0.0.1/flows", "127.0.0.1", 5432, "me", null, "flows")]
    [InlineData("postgres://us%40er:p%40ss%3Aw%2Frd@db:5432/my%20db", "db", 5432, "us@er", "p@ss:w/rd", "my db")]
    [InlineData("postgres://me@[::1]:5433/flows", "::1", 5433, "me", null, "flows")]
    public void AUrlGivesItsHostPortUserPasswordAndDatabase(string text, string host, int port, string user, string? password, string database)
    {
        var url = PostgresUrl.Parse(text);

        var built = new NpgsqlConnectionStringBuilder(url.ConnectionString);
        Assert.Equal((host, port, user, password, database), (built.Host, built.Port, built.Username, built.Password, built.Database));
        Assert.Equal(PostgresUrl.DefaultMaxPoolSize, built.MaxPoolSize);
    }

    [Fact]
    public void QueryParametersGoToNpgsql()
    {
        var url = PostgresUrl.Parse("postgres://me@db/flows?sslmode=require&MaxPoolSize=50&Search%20Path=orchestrator");

        var built = new NpgsqlConnectionStringBuilder(url.ConnectionString);
        Assert.Equal((SslMode.Require, 50, "orchestrator"), (built.SslMode, built.MaxPoolSize, built.SearchPath));
    }

    [Theory]
    [InlineData("postgres://me:secret@db:6543/flows?sslmode=require", "postgres://me@db:6543/flows")]
    [InlineData("postgresql://me@db/flows", "postgres://me@db:5432/flows")]
    public void ItsLocationLeavesThePasswordAndQueryOut(string text, string location) =>
        Assert.Equal(location, PostgresUrl.Parse(text).Location);

    [Theory]
    [InlineData("postgres://me:secret@db:6543", "names no database")]
    [InlineData("postgres://db/flows", "names no user")]
    [InlineData("postgres://me:secret@db/flows?nosuchthing=1", "has a query parameter Npgsql does not take: 'nosuchthing'")]
    [InlineData("postgres://me:secret@db/flows?sslmod=require", "has a query parameter Npgsql does not take: 'sslmod' (did you mean 'SslMode'?)")]
    [InlineData("postgres://me:secret@db/flows?MaxPolSize=5", "has a query parameter Npgsql does not take: 'MaxPolSize' (did you mean 'MaxPoolSize'?)")]
    [InlineData("postgres://me:secret@db/flows?MaxPoolSize=many", "has a query parameter Npgsql does not take: 'MaxPoolSize'")]
    [InlineData("postgres://", "is not a URL of the form postgres://user:password@host:port/database")]
    public void AMalformedUrlIsRefusedInOneLineWithoutItsPassword(string text, string problem)
    {
        Assert.False(PostgresUrl.TryParse(text, out _, out var error));

        Assert.Contains(problem, error);
        Assert.DoesNotContain("secret", error);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData("postgres://x@y/z", true)]
    [InlineData("PostgreSQL://x@y/z", true)]
    [InlineData(".orchestrator/state.db", false)]
    [InlineData("postgres.db", false)]
    public void OnlyAPostgresSchemeIsAUrl(string state, bool isUrl) => Assert.Equal(isUrl, PostgresUrl.IsUrl(state));

    [Fact]
    public async Task AnUnreachableDatabaseIsNamedByHostAndPortNeverByItsPassword()
    {
        var url = PostgresUrl.Parse($"postgres://orchestrator:s3cret-pw@127.0.0.1:{ClosedPort()}/flows?Timeout=5");

        var refused = await Assert.ThrowsAsync<StateStoreException>(() => new PostgresStateStoreFactory(url, TimeProvider.System).OpenAsync());

        Assert.StartsWith($"The state store {url.Location} could not be reached", refused.Message);
        Assert.Matches(@"^postgres://orchestrator@127\.0\.0\.1:\d+/flows$", url.Location);
        Assert.DoesNotContain("s3cret-pw", refused.Message);
    }

    // A port nothing listens on: one the system just gave out and took back.
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
