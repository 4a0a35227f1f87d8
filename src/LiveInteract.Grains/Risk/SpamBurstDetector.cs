using System.Globalization;
using System.Text;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Risk;

/// <summary>
/// Comment spam bursts in one room: the same text (case, spacing and punctuation ignored) from at least
/// <see cref="RiskOptions.SpamBurstAccounts"/> accounts within <see cref="RiskOptions.SpamBurstWindow"/>. A text flags
/// once per burst: its sightings are cleared when it fires. Plain and bounded (texts tracked, sightings per text).
/// </summary>
public sealed class SpamBurstDetector(string roomId, RiskOptions options)
{
    private readonly Dictionary<string, List<RiskEvidence>> _texts = new(StringComparer.Ordinal);

    public RiskFlag? Observe(CommentEvent comment, long now)
    {
        if (comment.UserId is not { } userId) return null;
        var key = Normalize(comment.Text);
        if (key.Length < options.SpamBurstMinTextLength) return null;
        var cutoff = now - (long)options.SpamBurstWindow.TotalMilliseconds;
        if (!_texts.TryGetValue(key, out var seen))
        {
            Prune(cutoff);
            if (_texts.Count >= options.SpamBurstTextsTracked)
                _texts.Remove(_texts.MinBy(t => t.Value[^1].At).Key);
            _texts[key] = seen = [];
        }
        seen.RemoveAll(e => e.At < cutoff);
        seen.Add(new RiskEvidence(userId, comment.CommentId, now, comment.Text));
        if (seen.Count > options.SpamBurstAccounts * 4) seen.RemoveAt(0);
        var accounts = seen.Select(e => e.UserId).Distinct(StringComparer.Ordinal).ToArray();
        if (accounts.Length < options.SpamBurstAccounts) return null;
        _texts.Remove(key);
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"{accounts.Length} accounts posted the same text within {options.SpamBurstWindow.TotalSeconds:0} s in room {roomId}: \"{Clip(comment.Text)}\"");
        return new RiskFlag($"risk_{Guid.NewGuid():N}", RiskSignals.SpamBurst, reason, now, roomId, accounts, [.. seen]);
    }

    private void Prune(long cutoff)
    {
        foreach (var (key, seen) in _texts.ToArray())
            if (seen.Count == 0 || seen[^1].At < cutoff) _texts.Remove(key);
    }

    /// <summary>Letters and digits only, lower case: "Buy followers!!" and "buy  followers" are one text.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
        return builder.ToString();
    }

    private static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
