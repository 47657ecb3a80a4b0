namespace Qadam.Domain;

/// <summary>A rule of the domain was broken. <see cref="Code"/> is stable so clients can translate it.</summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
