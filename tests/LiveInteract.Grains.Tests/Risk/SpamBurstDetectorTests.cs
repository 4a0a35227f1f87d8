using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Risk;

namespace LiveInteract.Grains.Tests.Risk;

/// <summary>The spam-burst signal fires on its pattern and not on honest twins of it.</summary>
public sealed class SpamBurstDetectorTests
{
    private const long T0 = 1_767_607_200_000;
    private const string Spam = "Cheap followers at follow-fast dot example!";

    private static CommentEvent Comment(string user, string text, long seq) => new($"c{seq}", text) { Seq = seq, UserId = user };

    private static List<RiskFlag> Run(IEnumerable<(string User, string Text, long At)> comments)
    {
        var detector = new SpamBurstDetector("room1", new RiskOptions());
        List<RiskFlag> flags = [];
        long seq = 0;
        foreach (var (user, text, at) in comments)
            if (detector.Observe(Comment(user, text, ++seq), at) is { } flag) flags.Add(flag);
        return flags;
    }

    [Fact]
    public void Five_accounts_posting_the_same_text_within_a_minute_flag_once_with_the_evidence()
    {
        // Case, spacing and punctuation do not make a text different.
        var flags = Run(Enumerable.Range(0, 7).Select(i => ($"bot{i}", i % 2 == 0 ? Spam : Spam.ToUpperInvariant().Replace("!", "", StringComparison.Ordinal), T0 + i * 5_000L)));
        var flag = Assert.Single(flags);
        Assert.Equal(RiskSignals.SpamBurst, flag.Signal);
        Assert.Equal(["bot0", "bot1", "bot2", "bot3", "bot4"], flag.UserIds);
        Assert.Equal(["c1", "c2", "c3", "c4", "c5"], flag.Evidence.Select(e => e.Ref));
        Assert.Equal(T0 + 20_000, flag.At);
        Assert.Contains("5 accounts posted the same text within 60 s in room room1", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Honest_twins_do_not_flag()
    {
        // Five accounts, five different texts.
        Assert.Empty(Run(Enumerable.Range(0, 5).Select(i => ($"fan{i}", $"{Spam} number {i} of mine", T0 + i * 1_000L))));
        // One account repeating itself (slow mode and mutes are for that).
        Assert.Empty(Run(Enumerable.Range(0, 10).Select(i => ("fan", Spam, T0 + i * 1_000L))));
        // Everyone saying the same short thing.
        Assert.Empty(Run(Enumerable.Range(0, 20).Select(i => ($"fan{i}", "lol!!", T0 + i * 100L))));
        // Five accounts with the same text, but over five minutes.
        Assert.Empty(Run(Enumerable.Range(0, 5).Select(i => ($"fan{i}", Spam, T0 + i * 61_000L))));
    }
}
