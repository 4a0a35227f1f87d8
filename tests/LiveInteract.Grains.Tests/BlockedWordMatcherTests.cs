using LiveInteract.Grains.Text;

namespace LiveInteract.Grains.Tests;

public sealed class BlockedWordMatcherTests
{
    private static readonly BlockedWordMatcher Matcher = new(["scam", "free coins", "idiot"]);

    [Theory]
    [InlineData("scam")]
    [InlineData("SCAM")]
    [InlineData("this is a Scam!!")]
    [InlineData("scàm")]
    [InlineData("s c a m")]
    [InlineData("s.c.a.m")]
    [InlineData("s-c/a\\m")]
    [InlineData("ｓｃａｍ")]
    [InlineData("𝐬𝐜𝐚𝐦")] // mathematical bold: NFKC folds it
    [InlineData("s\u200Bcam")]
    [InlineData("5c4m")]
    [InlineData("$c@m")]
    [InlineData("ѕсаm")] // Cyrillic dze, es, a
    [InlineData("FREE COINS here")]
    [InlineData("freecoins")]
    [InlineData("f r e e . c o i n s")]
    [InlineData("1d10t")]
    [InlineData("ídíót")]
    public void Evasions_are_caught(string text) => Assert.True(Matcher.Matches(text));

    [Theory]
    [InlineData("scampi")]
    [InlineData("ascam")]
    [InlineData("free coinsx")]
    [InlineData("idiotic")]
    [InlineData("a scampering cat")]
    [InlineData("hello world")]
    [InlineData("")]
    public void Innocent_text_passes(string text) => Assert.False(Matcher.Matches(text));

    [Fact]
    public void A_word_without_letters_has_no_key() => Assert.Equal("", BlockedWordMatcher.Key("... !!"));
}
