using System.Globalization;
using System.Text;
using LiveInteract.Contracts.Errors;

namespace LiveInteract.Grains.Text;

/// <summary>
/// Hygiene for every user string (comments, display names, titles): NFC normalisation, control, format
/// (bidi overrides, zero-width) and unpaired surrogate characters removed, whitespace runs collapsed.
/// The result is plain text; clients render it as text, never as HTML.
/// </summary>
public static class TextSanitizer
{
    public static string Clean(string? input)
    {
        if (string.IsNullOrEmpty(input)) return string.Empty;
        var normalized = input.IsNormalized(NormalizationForm.FormC) ? input : SafeNormalize(input);
        var sb = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < normalized.Length && char.IsLowSurrogate(normalized[i + 1]))
                {
                    var category = CharUnicodeInfo.GetUnicodeCategory(normalized, i);
                    if (category is not (UnicodeCategory.Format or UnicodeCategory.PrivateUse))
                    {
                        FlushSpace(sb, ref pendingSpace);
                        sb.Append(c).Append(normalized[i + 1]);
                    }
                    i++;
                }
                continue;
            }
            if (char.IsLowSurrogate(c)) continue;
            if (char.IsWhiteSpace(c)) { pendingSpace = sb.Length > 0; continue; }
            var cat = char.GetUnicodeCategory(c);
            // Cc: control characters; Cf: bidi overrides and isolates, zero-width spaces and joiners, BOM.
            if (cat is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse) continue;
            FlushSpace(sb, ref pendingSpace);
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Cleans <paramref name="input"/> and checks it is 1..<paramref name="maxChars"/> characters (text elements, so an
    /// emoji counts once) and at most 4 UTF-8 bytes per allowed character. Throws a readable error otherwise.
    /// </summary>
    public static string Require(string? input, string what, int maxChars)
    {
        var clean = Clean(input);
        if (clean.Length == 0)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"{what} is empty");
        if (new StringInfo(clean).LengthInTextElements > maxChars || Encoding.UTF8.GetByteCount(clean) > maxChars * 4)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"{what} is longer than {maxChars} characters");
        if (MostMarksOnOneCharacter(clean) > MaxMarksPerCharacter)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"{what} has more than {MaxMarksPerCharacter} combining marks on one character");
        return clean;
    }

    /// <summary>
    /// Combining marks one character may carry. Real scripts and emoji need at most a few (a keycap emoji has two,
    /// Vietnamese after NFC one or two); "zalgo" text stacks hundreds on one letter so it counts as one character
    /// while drawing over its neighbours' lines.
    /// </summary>
    public const int MaxMarksPerCharacter = 4;

    private static int MostMarksOnOneCharacter(string text)
    {
        int most = 0, current = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                most = Math.Max(most, ++current);
            else
                current = 0;
        }
        return most;
    }

    private static void FlushSpace(StringBuilder sb, ref bool pendingSpace)
    {
        if (pendingSpace) sb.Append(' ');
        pendingSpace = false;
    }

    // Normalize throws on ill-formed UTF-16 (lone surrogates); drop them first in that case.
    private static string SafeNormalize(string input)
    {
        try { return input.Normalize(NormalizationForm.FormC); }
        catch (ArgumentException)
        {
            var sb = new StringBuilder(input.Length);
            for (var i = 0; i < input.Length; i++)
            {
                if (char.IsHighSurrogate(input[i]) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1])) { sb.Append(input, i, 2); i++; }
                else if (!char.IsSurrogate(input[i])) sb.Append(input[i]);
            }
            return sb.ToString().Normalize(NormalizationForm.FormC);
        }
    }
}
