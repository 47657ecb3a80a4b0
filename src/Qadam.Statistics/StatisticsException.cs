namespace Qadam.Statistics;

/// <summary>The data cannot support the requested analysis. <see cref="Code"/> is stable; the message says why in plain words.</summary>
public sealed class StatisticsException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
