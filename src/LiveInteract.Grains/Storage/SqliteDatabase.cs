using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Grains.Storage;

/// <summary>
/// One SQLite file of the Local profile, shared by grain storage and the room log. Reads run on pooled connections
/// beside the writer (WAL). Every write goes through one writer connection that commits whatever is queued in one
/// transaction (group commit): SQLite allows one writer at a time anyway, and many connections competing for its
/// lock wait in its busy handler's sleeps of up to 100 ms each, which is what capped a hot room's gifts. Each write
/// runs in its own savepoint, so one that fails (a stale ETag) is undone alone and the others still commit; the
/// caller's task completes only once its write is committed.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    /// <summary>Writes per transaction at most: a bound on how long one commit holds the file.</summary>
    private const int MaxBatch = 256;

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Channel<IQueuedWrite> _queue = Channel.CreateUnbounded<IQueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writing;
    private readonly ILogger<SqliteDatabase> _logger;

    public SqliteDatabase(string databasePath, ILogger<SqliteDatabase> logger)
    {
        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30, // Microsoft.Data.Sqlite retries a busy read this long
        }.ToString();
        _logger = logger;
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        using (var pragma = _writer.CreateCommand())
        {
            // WAL lets reads run beside the writer; NORMAL sync is durable across process crashes (not power loss).
            // secure_delete: a deleted or overwritten row is zeroed, not left in a free page (erase, docs/PRIVACY.md).
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;";
            pragma.ExecuteNonQuery();
        }
        _writing = Task.Run(WriteLoop);
    }

    /// <summary>Creates a store's tables (idempotent DDL), through the writer like every other write.</summary>
    public void EnsureSchema(string sql) =>
        Write(transaction =>
        {
            using var command = transaction.Command(sql);
            return command.ExecuteNonQuery();
        }).GetAwaiter().GetResult();

    /// <summary>
    /// Copies the write-ahead log into the file and empties it, so superseded row versions (an erased user's old rows)
    /// no longer sit in the log's frames. Best effort: pages a reader still holds are copied at the next checkpoint.
    /// </summary>
    public async Task Checkpoint()
    {
        await using var connection = OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A pooled connection for reading; dispose it when done.</summary>
    public SqliteConnection OpenRead()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Queues <paramref name="write"/> for the writer. It runs inside the writer's transaction (create commands with
    /// <see cref="SqliteWriteExtensions.Command"/>); its result is returned once that transaction has committed. If it
    /// throws, what it did is undone and the exception is the task's.
    /// </summary>
    public Task<T> Write<T>(Func<SqliteTransaction, T> write)
    {
        var queued = new QueuedWrite<T>(write);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(queued), this);
        return queued.Task;
    }

    private async Task WriteLoop()
    {
        var batch = new List<IQueuedWrite>(MaxBatch);
        var done = new List<IQueuedWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            done.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                using var transaction = _writer.BeginTransaction();
                foreach (var write in batch)
                {
                    Execute(transaction, "SAVEPOINT one_write");
                    try
                    {
                        write.Run(transaction);
                        Execute(transaction, "RELEASE one_write");
                        done.Add(write);
                    }
                    catch (Exception ex)
                    {
                        Execute(transaction, "ROLLBACK TO one_write; RELEASE one_write");
                        write.Fail(ex);
                    }
                }
                transaction.Commit();
                foreach (var write in done) write.Complete();
            }
            catch (Exception ex)
            {
                // The transaction itself failed (disk full, I/O error): nothing of this batch is stored.
                _logger.LogError(ex, "SQLite transaction of {Count} writes failed", batch.Count);
                foreach (var write in batch) write.Fail(ex);
            }
        }
    }

    private static void Execute(SqliteTransaction transaction, string sql)
    {
        using var command = transaction.Command(sql);
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private interface IQueuedWrite
    {
        void Run(SqliteTransaction transaction);
        void Complete();
        void Fail(Exception error);
    }

    private sealed class QueuedWrite<T>(Func<SqliteTransaction, T> write) : IQueuedWrite
    {
        // Asynchronous continuations: the grain that waits goes on elsewhere, never on the writer's loop.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;
        public void Run(SqliteTransaction transaction) => _result = write(transaction);
        public void Complete() => _done.TrySetResult(_result);
        public void Fail(Exception error) => _done.TrySetException(error);
    }
}

public static class SqliteWriteExtensions
{
    /// <summary>A command on the transaction's connection, enlisted in it (Microsoft.Data.Sqlite requires that).</summary>
    public static SqliteCommand Command(this SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
