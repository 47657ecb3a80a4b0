namespace Qadam.Statistics;

/// <summary>The data cannot support the requested analysis. <see cref="Code"/> is stable; the message says why in plain words.</summary>
public sealed class StatisticsException(string code, string message) : Exception(message)
{
    /// <param name="args">What a translated message needs besides the code (e.g. the item, its value and range).</param>
    public StatisticsException(string code, string message, params object[] args) : this(code, message) => Args = args;

    public string Code { get; } = code;
    public object[] Args { get; } = [];
}
