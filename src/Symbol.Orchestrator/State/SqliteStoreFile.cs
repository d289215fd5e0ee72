using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Symbol.Orchestrator.State;

/// <summary>
/// Decides whether a file may become, or already is, a state store this build can use, and brings its
/// schema up to date. Every check reads through a read-only connection, so a file that is refused is
/// left exactly as it was: SQLite never "repairs" anything on our behalf.
/// </summary>
/// <remarks>
/// Without a log file (<c>-wal</c>) beside it, the file is opened <c>immutable</c>, so the check does
/// not even create the log and index files: no process is writing to it, since SQLite keeps the log
/// while any connection is open. With a log, the check reads through it, as the last commits are there.
/// </remarks>
internal static class SqliteStoreFile
{
    private static ReadOnlySpan<byte> Header => "SQLite format 3\0"u8;

    /// <summary>Throws <see cref="StateStoreException"/> unless <paramref name="path"/> is missing, empty, or a store of a schema this build knows.</summary>
    public static void Check(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length == 0)
            return;
        Span<byte> head = stackalloc byte[Header.Length];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length || !head.SequenceEqual(Header))
                throw Refuse(path, "is not a SQLite database: it does not start with the SQLite header");
        }
        try
        {
            var source = File.Exists(path + "-wal") ? path : $"{FileUri(path)}?immutable=1";
            using var connection = new SqliteConnection(ConnectionString(source, SqliteOpenMode.ReadOnly, pooling: false));
            connection.Open();
            var applicationId = Pragma(connection, "application_id");
            var version = Pragma(connection, "user_version");
            if (applicationId != SqliteSql.ApplicationId && (applicationId != 0 || version != 0 || HasTables(connection)))
                throw Refuse(path, "is a SQLite database, but not an orchestrator state store");
            if (version > SqliteSql.SchemaVersion)
                throw Newer(path, version);
            var problems = QuickCheck(connection);
            if (problems.Count > 0)
                throw Refuse(path, $"is damaged; SQLite's integrity check (PRAGMA quick_check) reports: {string.Join("; ", problems)}");
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_CORRUPT or SQLitePCL.raw.SQLITE_NOTADB)
        {
            throw Refuse(path, $"is damaged ({e.Message})", e);
        }
        catch (SqliteException e)
        {
            throw Refuse(path, $"cannot be read as a SQLite database ({e.Message})", e);
        }
    }

    /// <summary>Applies the migrations from the file's schema version to the current one, in one transaction.</summary>
    public static void Migrate(SqliteCommands commands, string path)
    {
        commands.Execute("BEGIN IMMEDIATE");
        try
        {
            // Read again under the write lock: another process may have migrated the file meanwhile.
            var version = Convert.ToInt32(commands.Scalar("PRAGMA user_version"), CultureInfo.InvariantCulture);
            if (version > SqliteSql.SchemaVersion)
                throw Newer(path, version);
            for (var step = version; step < SqliteSql.SchemaVersion; step++)
                commands.Execute(SqliteSql.Migrations[step]);
            if (version < SqliteSql.SchemaVersion)
            {
                commands.Execute($"PRAGMA application_id = {SqliteSql.ApplicationId}");
                commands.Execute($"PRAGMA user_version = {SqliteSql.SchemaVersion}");
            }
            commands.Execute("COMMIT");
        }
        catch
        {
            commands.Execute("ROLLBACK");
            throw;
        }
    }

    public static string ConnectionString(string path, SqliteOpenMode mode, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = pooling,
        ForeignKeys = mode != SqliteOpenMode.ReadOnly,
    }.ToString();

    /// <summary>An SQLite URI for a full path: <c>%</c>, <c>?</c> and <c>#</c> escaped, forward slashes, a drive letter after <c>///</c>.</summary>
    private static string FileUri(string fullPath)
    {
        var path = string.Concat(fullPath.Replace('\\', '/').Select(c => c is '%' or '?' or '#' ? $"%{(int)c:X2}" : c.ToString()));
        return path.StartsWith('/') ? $"file://{path}" : $"file:///{path}";
    }

    public static StateStoreException Refuse(string path, string problem, Exception? inner = null) =>
        new($"The state store {path} {problem}. It was left unchanged; move it aside or choose another state file.", inner);

    private static StateStoreException Newer(string path, int version) =>
        Refuse(path, $"was written by a newer version of the orchestrator (schema version {version}; this version reads up to {SqliteSql.SchemaVersion})");

    private static int Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static bool HasTables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM sqlite_schema)";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    }

    private static List<string> QuickCheck(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(5)";
        var problems = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var line = reader.GetString(0);
            if (line != "ok")
                problems.Add(line);
        }
        return problems;
    }
}
