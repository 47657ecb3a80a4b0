using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Qadam.Domain
{
    /// <summary>An entity whose <see cref="Version"/> is its optimistic-concurrency token, raised on every saved change.</summary>
    public interface IVersioned
    {
        int Version { get; set; }
    }

    /// <summary>An entity that records when it last changed.</summary>
    public interface ITimestamped
    {
        DateTimeOffset UpdatedAt { get; set; }
    }
}

namespace Qadam.Data
{
    using Qadam.Domain;

    /// <summary>
    /// Keeps <see cref="IVersioned.Version"/> and <see cref="ITimestamped.UpdatedAt"/> for every saved change, so no use
    /// case stamps by hand (and none can forget to). The concurrency check still compares the version that was read.
    /// </summary>
    public sealed class StampsInterceptor(TimeProvider clock) : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Stamp(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Stamp(eventData.Context);
            return ValueTask.FromResult(result);
        }

        private void Stamp(DbContext? context)
        {
            if (context is null) return;
            var now = clock.GetUtcNow();
            foreach (var entry in context.ChangeTracker.Entries())
            {
                if (entry.State == EntityState.Added)
                {
                    if (entry.Entity is ITimestamped { UpdatedAt: var at } t && at == default) t.UpdatedAt = now;
                    if (entry.Entity is IVersioned { Version: 0 } v) v.Version = 1;
                }
                else if (entry.State == EntityState.Modified)
                {
                    if (entry.Entity is ITimestamped t) t.UpdatedAt = now;
                    if (entry.Entity is IVersioned v) v.Version++;
                }
            }
        }
    }
}
