using System.Data.Common;

namespace LabelStudioMl.Bot.Storage;

/// <summary>
/// One unit of work on the store: a connection with its transaction open, for a change that must be saved whole with
/// what it causes (the watcher's states and their alerts, a training result and its post). Features run their SQL on
/// <see cref="Connection"/> within <see cref="Transaction"/> and commit once; disposing without committing rolls back.
/// </summary>
internal sealed class StoreTransaction(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    /// <summary>The open connection.</summary>
    public DbConnection Connection => connection;

    /// <summary>The transaction every statement of the unit runs in.</summary>
    public DbTransaction Transaction => transaction;

    /// <summary>Saves the unit.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
