using Microsoft.Data.Sqlite;

namespace Symbol.Orchestrator.State;

/// <summary>
/// Runs statements on one connection, keeping each prepared command for reuse: the writer runs the same
/// handful of statements thousands of times a second, and preparing one costs more than running it.
/// </summary>
internal sealed class SqliteCommands(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _prepared = new(ReferenceEqualityComparer.Instance);

    public SqliteConnection Connection => connection;

    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> args) =>
        Bind(sql, args).ExecuteNonQuery();

    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> args) =>
        Bind(sql, args).ExecuteScalar() is var value && value is DBNull ? null : value;

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var rows = new List<T>();
        using var reader = Bind(sql, args).ExecuteReader();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
            command.Dispose();
        _prepared.Clear();
    }

    private SqliteCommand Bind(string sql, ReadOnlySpan<(string Name, object? Value)> args)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _prepared.Add(sql, command);
        }
        var parameters = command.Parameters;
        // Each statement is bound with the same names in the same order: set the values in place.
        var same = parameters.Count == args.Length;
        for (var i = 0; same && i < args.Length; i++)
            same = parameters[i].ParameterName == args[i].Name;
        if (!same)
        {
            parameters.Clear();
            foreach (var (name, _) in args)
                parameters.Add(new SqliteParameter { ParameterName = name });
        }
        for (var i = 0; i < args.Length; i++)
            parameters[i].Value = args[i].Value ?? DBNull.Value;
        return command;
    }
}
