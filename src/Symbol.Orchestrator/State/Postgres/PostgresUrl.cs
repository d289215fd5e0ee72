using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Npgsql;

namespace Symbol.Orchestrator.State.Postgres;

/// <summary>
/// A <c>State</c> setting that names a PostgreSQL database: <c>postgres://user:password@host:port/db?param=value</c> (or
/// <c>postgresql://</c>). Parts are percent-decoded; the port defaults to 5432; query parameters are Npgsql's connection
/// string keywords (<c>sslmode=require</c>, <c>MaxPoolSize=50</c>, <c>SearchPath=orchestrator</c>); <see cref="DefaultMaxPoolSize"/> unless
/// the URL sets the pool's size.
/// </summary>
public sealed record PostgresUrl
{
    public const int DefaultPort = 5432;

    /// <summary>
    /// Connections one process keeps at most, unless the URL says (<c>MaxPoolSize</c>): a store call waits for a free
    /// one. Npgsql's own default (100) is PostgreSQL's whole default <c>max_connections</c>, which a second host would
    /// then find used up ("too many clients"); three hosts at 20 leave room for the verbs and for psql.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    private PostgresUrl(string connectionString, string location)
    {
        ConnectionString = connectionString;
        Location = location;
    }

    /// <summary>What Npgsql connects with, password included: never for a message.</summary>
    public string ConnectionString { get; }

    /// <summary>The URL as messages and logs show it: no password, no query.</summary>
    public string Location { get; }

    /// <summary>True when <paramref name="state"/> is meant as a PostgreSQL URL (by its scheme), valid or not.</summary>
    public static bool IsUrl(string? state) =>
        state is not null
        && (state.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || state.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a URL; false with a one-line <paramref name="error"/> (never holding the password) when it is not one.</summary>
    public static bool TryParse(string state, [NotNullWhen(true)] out PostgresUrl? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        if (!IsUrl(state) || !Uri.TryCreate(state, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            return Fail("is not a URL of the form postgres://user:password@host:port/database", out error);
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
            return Fail("names no database: end it with /database, as in postgres://user@host:5432/orchestrator", out error);
        var (user, password) = UserInfo(uri.UserInfo);
        if (user.Length == 0)
            return Fail("names no user: start it with user@, as in postgres://user@host:5432/orchestrator", out error);
        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : Uri.UnescapeDataString(uri.Host);
        var builder = new NpgsqlConnectionStringBuilder { Host = host, Port = port, Username = user, Database = database, MaxPoolSize = DefaultMaxPoolSize };
        if (password is not null)
            builder.Password = password;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0].Replace('+', ' '));
            var value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : "";
            try
            {
                builder[key] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                return Fail($"has a query parameter Npgsql does not take: '{key}'{Suggestion(key) ?? $" ({e.Message})"}", out error);
            }
        }
        var hostText = uri.HostNameType == UriHostNameType.IPv6 ? $"[{host}]" : host;
        url = new PostgresUrl(builder.ConnectionString, $"postgres://{user}@{hostText}:{port.ToString(CultureInfo.InvariantCulture)}/{database}");
        error = null;
        return true;
    }

    /// <summary>Reads a URL, or throws <see cref="StateStoreException"/> saying what is wrong with it.</summary>
    public static PostgresUrl Parse(string state) =>
        TryParse(state, out var url, out var error) ? url : throw new StateStoreException($"The state URL {error}.");

    /// <summary>Why a connection failed, in a line: Npgsql names the host and port, and never the password.</summary>
    internal static string Describe(NpgsqlException e) =>
        e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message} ({inner.Message})" : e.Message;

    // Npgsql's keywords as its builder's properties name them (SslMode, MaxPoolSize, …), matched ignoring case as Npgsql does.
    private static readonly string[] Keywords = typeof(NpgsqlConnectionStringBuilder)
        .GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
        .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
        .Select(p => p.Name)
        .ToArray();

    // A known keyword with a bad value gets Npgsql's reason instead.
    private static string? Suggestion(string key) =>
        Keywords.Contains(key, StringComparer.OrdinalIgnoreCase) ? null
        : Language.Diagnostics.DidYouMean.Closest(key.ToLowerInvariant(), Keywords.Select(k => k.ToLowerInvariant())) is { } close
            ? $" (did you mean '{Keywords.First(k => k.Equals(close, StringComparison.OrdinalIgnoreCase))}'?)"
            : null;

    private static (string User, string? Password) UserInfo(string userInfo)
    {
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (Uri.UnescapeDataString(userInfo), null)
            : (Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
    }

    private static bool Fail(string problem, out string error)
    {
        error = problem;
        return false;
    }
}
