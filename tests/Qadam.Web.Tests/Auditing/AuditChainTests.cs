using Qadam.Auditing;

namespace Qadam.Web.Tests.Auditing;

public sealed class AuditChainTests
{
    private static List<AuditEvent> Chain(int n)
    {
        var list = new List<AuditEvent>();
        var previous = AuditChain.Genesis;
        var t = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= n; i++)
        {
            var user = Guid.NewGuid();
            var hash = AuditChain.ComputeHash(previous, i, t.AddMinutes(i), user, "u@x", null, AuditAction.Person_Viewed, "Person", $"p{i}", null, "127.0.0.1", "{}");
            list.Add(new AuditEvent { Sequence = i, OccurredAt = t.AddMinutes(i), UserId = user, UserName = "u@x", Action = AuditAction.Person_Viewed,
                EntityType = "Person", EntityId = $"p{i}", IpAddress = "127.0.0.1", Details = "{}", PreviousHash = previous, Hash = hash });
            previous = hash;
        }
        return list;
    }

    [Fact]
    public void FindFirstBreak_IntactChain_IsNull() => Assert.Null(AuditChain.FindFirstBreak(Chain(20)));

    [Fact]
    public void FindFirstBreak_AlteredEvent_ReportsIt()
    {
        var chain = Chain(10);
        var e = chain[4];
        chain[4] = new AuditEvent { Sequence = e.Sequence, OccurredAt = e.OccurredAt, UserId = e.UserId, UserName = e.UserName, Action = AuditAction.Person_Updated,
            EntityType = e.EntityType, EntityId = e.EntityId, IpAddress = e.IpAddress, Details = e.Details, PreviousHash = e.PreviousHash, Hash = e.Hash };
        var broken = AuditChain.FindFirstBreak(chain);
        Assert.NotNull(broken);
        Assert.Equal(5, broken.Sequence);
    }

    [Fact]
    public void FindFirstBreak_DeletedEvent_ReportsTheGap()
    {
        var chain = Chain(10);
        chain.RemoveAt(6);
        Assert.Equal(8, AuditChain.FindFirstBreak(chain)!.Sequence);
    }

    [Fact]
    public void FindFirstBreak_RehashedForgery_BreaksTheNextLink()
    {
        // An attacker who edits event 3 and recomputes its hash still breaks event 4's link.
        var chain = Chain(6);
        var e = chain[2];
        var forgedHash = AuditChain.ComputeHash(e.PreviousHash, e.Sequence, e.OccurredAt, e.UserId, "someone-else", null, e.Action, e.EntityType, e.EntityId, null, e.IpAddress, e.Details);
        chain[2] = new AuditEvent { Sequence = 3, OccurredAt = e.OccurredAt, UserId = e.UserId, UserName = "someone-else", Action = e.Action,
            EntityType = e.EntityType, EntityId = e.EntityId, IpAddress = e.IpAddress, Details = e.Details, PreviousHash = e.PreviousHash, Hash = forgedHash };
        Assert.Equal(4, AuditChain.FindFirstBreak(chain)!.Sequence);
    }

    [Fact]
    public void ComputeHash_DependsOnEveryField()
    {
        var t = DateTimeOffset.UnixEpoch;
        var baseline = AuditChain.ComputeHash("a", 1, t, null, "u", null, AuditAction.Login_Failed, null, null, null, null, null);
        Assert.NotEqual(baseline, AuditChain.ComputeHash("b", 1, t, null, "u", null, AuditAction.Login_Failed, null, null, null, null, null));
        Assert.NotEqual(baseline, AuditChain.ComputeHash("a", 2, t, null, "u", null, AuditAction.Login_Failed, null, null, null, null, null));
        Assert.NotEqual(baseline, AuditChain.ComputeHash("a", 1, t.AddTicks(10000), null, "u", null, AuditAction.Login_Failed, null, null, null, null, null));
        Assert.NotEqual(baseline, AuditChain.ComputeHash("a", 1, t, null, "v", null, AuditAction.Login_Failed, null, null, null, null, null));
        Assert.NotEqual(baseline, AuditChain.ComputeHash("a", 1, t, null, "u", null, AuditAction.Login_Succeeded, null, null, null, null, null));
        Assert.NotEqual(baseline, AuditChain.ComputeHash("a", 1, t, null, "u", null, AuditAction.Login_Failed, null, null, null, null, "{}"));
        Assert.NotEqual(baseline, AuditChain.ComputeHash("a", 1, t, null, "u", null, AuditAction.Login_Failed, null, null, Guid.Empty, null, null));
    }
}
