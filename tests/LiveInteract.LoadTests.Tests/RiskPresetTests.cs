using LiveInteract.Contracts.Insights;
using LiveInteract.LoadTests.Hosting;
using LiveInteract.LoadTests.Risk;

namespace LiveInteract.LoadTests.Tests;

/// <summary>
/// The abuse presets at small scale against the real server process the tool starts: each pattern is flagged by the
/// risk endpoint with its accounts as evidence, and its honest twin room is not.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class RiskPresetTests(ServerProcessFixture fixture)
{
    [Theory]
    [InlineData("fraud-ring", RiskSignals.GiftRing)]
    [InlineData("spam-burst", RiskSignals.SpamBurst)]
    public async Task The_pattern_is_flagged_and_its_honest_twin_is_not(string preset, string signal)
    {
        var result = await new RiskPatternRun(preset, 5, fixture.Url, ServerProcess.ServiceApiKey, TimeSpan.FromSeconds(30)).Execute();

        Assert.True(result.Flag is not null, $"{preset} was not flagged");
        Assert.Equal(signal, result.Flag!.Signal);
        Assert.Equal(5, result.Flag.UserIds.Count);
        Assert.False(result.TwinFlagged, "the honest twin room was flagged");
        Assert.True(result.Passed);
    }

    [Fact]
    public void The_command_line_names_the_presets_and_needs_a_key_with_a_url()
    {
        Assert.True(RiskCommandLine.Handles(["fraud-ring"]));
        Assert.False(RiskCommandLine.Handles(["gift-rush"]));
        Assert.Equal(9, RiskCommandLine.Parse(["spam-burst", "--accounts", "9"]).Accounts);
        Assert.Throws<ArgumentException>(() => RiskCommandLine.Parse(["fraud-ring", "--url", "http://127.0.0.1:5000"]));
        Assert.Throws<ArgumentException>(() => RiskCommandLine.Parse(["fraud-ring", "--viewers", "3"]));
    }
}
