using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Qadam.Data;

/// <summary>
/// A query compiled once (<c>EF.CompileAsyncQuery</c>) for each model it runs on: a compiled query keeps the first model it
/// ran on, and one process can hold several (the tests run both providers).
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> compiled = new();

    public TQuery For(DbContext db) => compiled.GetOrAdd(db.Model, _ => compile());
}
