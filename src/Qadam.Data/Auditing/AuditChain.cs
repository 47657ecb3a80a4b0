using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Qadam.Auditing;

/// <summary>The hash chain: each event's hash covers its content and the previous event's hash.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string ComputeHash(
        string previousHash, long sequence, DateTimeOffset occurredAt, Guid? userId, string? userName,
        Guid? organisationId, AuditAction action, string? entityType, string? entityId, Guid? subjectOrganisationId, string? ip, string? details)
    {
        // Unit-separator-delimited canonical form; timestamps as UTC ticks so providers that round-trip
        // differently (text vs timestamptz) produce the same bytes.
        var canonical = string.Join('\u001f',
            previousHash,
            sequence.ToString(CultureInfo.InvariantCulture),
            occurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            userId?.ToString("N") ?? "",
            userName ?? "",
            organisationId?.ToString("N") ?? "",
            ((int)action).ToString(CultureInfo.InvariantCulture),
            entityType ?? "",
            entityId ?? "",
            subjectOrganisationId?.ToString("N") ?? "",
            ip ?? "",
            details ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public static string ComputeHash(AuditEvent e) => ComputeHash(
        e.PreviousHash, e.Sequence, e.OccurredAt, e.UserId, e.UserName, e.OrganisationId, e.Action,
        e.EntityType, e.EntityId, e.SubjectOrganisationId, e.IpAddress, e.Details);

    /// <summary>The first event that breaks the chain, or null when the whole sequence holds.</summary>
    public static ChainBreak? FindFirstBreak(IEnumerable<AuditEvent> ordered, string expectedPrevious = Genesis, long expectedSequence = 1)
    {
        foreach (var e in ordered)
        {
            if (e.Sequence != expectedSequence)
                return new ChainBreak(e.Sequence, $"sequence gap: expected {expectedSequence}, found {e.Sequence}");
            if (e.PreviousHash != expectedPrevious)
                return new ChainBreak(e.Sequence, "previous-hash link does not match the preceding event");
            if (ComputeHash(e) != e.Hash)
                return new ChainBreak(e.Sequence, "content does not match its hash (the event was altered)");
            expectedPrevious = e.Hash;
            expectedSequence++;
        }
        return null;
    }
}

public sealed record ChainBreak(long Sequence, string Reason);
