using System.Globalization;
using System.Text;

namespace LiveInteract.Grains.Text;

/// <summary>
/// The keyword filter. Text and blocked words are folded the same way: NFKC (full-width and styled letters become
/// plain), lower case, accents removed, common look-alikes (Cyrillic and Greek letters, and in one of two readings
/// digits and @/$) mapped to Latin letters, and every separator (spaces, dots, punctuation, zero-width characters)
/// dropped. A word matches when its folded form occurs in the folded text starting where a word of the text starts
/// and ending where one ends: "b.a.d", "B A D", "ｂａｄ" and "bäd" match "bad", "badly" and "sinbad" do not.
/// </summary>
public sealed class BlockedWordMatcher
{
    private readonly (string Literal, string LookAlike)[] _words;

    public BlockedWordMatcher(IEnumerable<string> words) =>
        _words = [.. words.Select(w => (Fold(w, lookAlikes: false).Text, Fold(w, lookAlikes: true).Text)).Where(w => w.Item1.Length > 0 || w.Item2.Length > 0)];

    public bool IsEmpty => _words.Length == 0;

    /// <summary>True when <paramref name="text"/> contains any blocked word.</summary>
    public bool Matches(string text)
    {
        if (_words.Length == 0) return false;
        var literal = Fold(text, lookAlikes: false);
        var lookAlike = Fold(text, lookAlikes: true);
        foreach (var (lit, alike) in _words)
            if (Contains(literal, lit) || Contains(lookAlike, alike)) return true;
        return false;
    }

    /// <summary>The folded form of a word, empty when nothing of it is left (the word is then refused).</summary>
    public static string Key(string word) => Fold(word, lookAlikes: false).Text;

    private static bool Contains(Folded text, string word)
    {
        if (word.Length == 0 || word.Length > text.Text.Length) return false;
        for (var at = text.Text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.Text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            if (text.Starts[at] && text.Ends[at + word.Length - 1]) return true;
        }
        return false;
    }

    private readonly record struct Folded(string Text, bool[] Starts, bool[] Ends);

    private static Folded Fold(string input, bool lookAlikes)
    {
        var decomposed = input.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var starts = new List<bool>(decomposed.Length);
        var separated = true;
        foreach (var rune in decomposed.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            // Accents and invisible characters neither count as letters nor split a word.
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.Format) continue;
            var mapped = Map(rune, lookAlikes);
            if (mapped is null && !Rune.IsLetterOrDigit(rune))
            {
                separated = true;
                continue;
            }
            var before = sb.Length;
            if (mapped is { } c) sb.Append(c); else sb.Append(rune.ToString());
            for (var i = before; i < sb.Length; i++) starts.Add(separated && i == before);
            separated = false;
        }
        var text = sb.ToString();
        // A position ends a word when the next folded character starts one (or it is the last).
        var ends = new bool[text.Length];
        for (var i = 0; i < text.Length; i++) ends[i] = i == text.Length - 1 || starts[i + 1];
        return new Folded(text, [.. starts], ends);
    }

    private static char? Map(Rune rune, bool lookAlikes)
    {
        if (!rune.IsBmp) return null;
        var c = (char)rune.Value;
        var letter = c switch
        {
            // Cyrillic and Greek letters drawn like Latin ones.
            'а' or 'α' => 'a', 'в' => 'b', 'е' or 'ε' => 'e', 'к' or 'κ' => 'k', 'м' => 'm', 'н' or 'η' => 'h',
            'о' or 'ο' or 'σ' => 'o', 'р' or 'ρ' => 'p', 'с' => 'c', 'т' or 'τ' => 't', 'у' or 'γ' => 'y',
            'х' or 'χ' => 'x', 'і' or 'ι' => 'i', 'ј' => 'j', 'ѕ' => 's', 'ν' => 'v', 'υ' => 'u', 'ı' => 'i',
            _ => '\0',
        };
        if (letter != '\0') return letter;
        if (!lookAlikes) return null;
        return c switch
        {
            '0' => 'o', '1' or '!' => 'i', '|' => 'l', '3' => 'e', '4' or '@' => 'a', '5' or '$' => 's', '7' or '+' => 't', '8' => 'b',
            _ => null,
        };
    }
}
