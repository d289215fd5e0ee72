using System.Globalization;
using Npgsql;

namespace Symbol.Orchestrator.State.Postgres;

/// <summary>
/// Creates the store's tables in a database, or brings them up to date, in one transaction under an advisory lock: hosts
/// starting together wait for one another, and the last to come finds the work done. A schema newer than this build's
/// is refused and left alone, as <see cref="SqliteStoreFile"/> does with a file.
/// </summary>
internal static class PostgresSchema
{
    public static async Task MigrateAsync(NpgsqlDataSource source, PostgresUrl url, CancellationToken ct)
    {
        try
        {
            await using var connection = await source.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await Execute(connection, PostgresSql.TakeSchemaLock, ct).ConfigureAwait(false);
            await Execute(connection, PostgresSql.CreateVersionTable, ct).ConfigureAwait(false);
            await using (var read = new NpgsqlCommand(PostgresSql.SelectVersion, connection))
            {
                var found = await read.ExecuteScalarAsync(ct).ConfigureAwait(false);
                var version = found is DBNull or null ? 0 : Convert.ToInt32(found, CultureInfo.InvariantCulture);
                if (version > PostgresSql.SchemaVersion)
                    throw Refuse(url, $"was written by a newer version of the orchestrator (schema version {version}; this version reads up to {PostgresSql.SchemaVersion})");
                if (version == PostgresSql.SchemaVersion)
                    return;
                for (var step = version; step < PostgresSql.SchemaVersion; step++)
                    await Execute(connection, PostgresSql.Migrations[step], ct).ConfigureAwait(false);
            }
            await using (var write = new NpgsqlCommand(PostgresSql.SetVersion, connection))
            {
                write.Parameters.AddWithValue("version", PostgresSql.SchemaVersion);
                await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateTable)
        {
            throw Refuse(url, $"holds tables of something else ({e.MessageText}); give the orchestrator a database (or schema, ?SearchPath=…) of its own", e);
        }
        // The server answered but will not let us in: say what to do, not only PostgreSQL's words (never the password).
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new StateStoreException(
                $"The state store {url.Location} names a database that does not exist ({e.MessageText}): create it first (createdb, or CREATE DATABASE); the orchestrator creates its tables, not the database", e);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            throw new StateStoreException($"The state store {url.Location} refused the login ({e.MessageText}): check the user and password in State", e);
        }
        catch (PostgresException e)
        {
            throw Refuse(url, $"could not be prepared ({e.MessageText})", e);
        }
        catch (NpgsqlException e) when (!ct.IsCancellationRequested)
        {
            throw new StateStoreException($"The state store {url.Location} could not be reached: {PostgresUrl.Describe(e)}", e);
        }
    }

    private static StateStoreException Refuse(PostgresUrl url, string problem, Exception? inner = null) =>
        new($"The state store {url.Location} {problem}. It was left unchanged.", inner);

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
