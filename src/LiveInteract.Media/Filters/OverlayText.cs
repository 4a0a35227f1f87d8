using System.Globalization;
using System.Text;

namespace LiveInteract.Media.Filters;

/// <summary>
/// Turns user text into what OpenCV's Hershey fonts can draw (printable ASCII). A handful of gift emoji
/// become a drawn icon instead; other characters outside ASCII, and control/bidi/zero-width characters,
/// are dropped rather than drawn as garbage.
/// </summary>
internal static class OverlayText
{
    public const int MaxLength = 64;

    private static readonly Dictionary<string, string> EmojiIcons = new(StringComparer.Ordinal)
    {
        ["\u2764"] = "heart",
        ["\U0001F496"] = "heart",
        ["\U0001F495"] = "heart",
        ["\u2B50"] = "star",
        ["\U0001F31F"] = "star",
        ["\U0001F339"] = "rose",
        ["\U0001F451"] = "crown",
        ["\U0001F381"] = "gift",
    };

    /// <summary>The drawable text and the icon named by the first known emoji in it, if any.</summary>
    public static (string Text, string? Icon) Sanitize(string raw)
    {
        var text = new StringBuilder(raw.Length);
        string? icon = null;
        var elements = StringInfo.GetTextElementEnumerator(raw);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            var bare = element.Replace("\uFE0F", string.Empty, StringComparison.Ordinal);
            if (EmojiIcons.TryGetValue(bare, out var found))
            {
                icon ??= found;
                continue;
            }

            foreach (var c in element)
            {
                if (c is >= ' ' and <= '~')
                {
                    text.Append(c);
                }
                else if (char.IsWhiteSpace(c))
                {
                    text.Append(' ');
                }
            }
        }

        var collapsed = string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return (collapsed, icon);
    }
}
