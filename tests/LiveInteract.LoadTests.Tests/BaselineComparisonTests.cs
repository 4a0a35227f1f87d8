using LiveInteract.LoadTests.Hosting;
using LiveInteract.LoadTests.Reporting;
using LiveInteract.LoadTests.Running;

namespace LiveInteract.LoadTests.Tests;

/// <summary>The baseline server speaks the same wire shapes, so the same viewers count the same things against it.</summary>
[Collection(LoadCollection.Name)]
public sealed class BaselineComparisonTests(ServerProcessFixture fixture)
{
    [Fact]
    public async Task Same_scenario_runs_against_both_targets_and_reports_ratios()
    {
        var settings = Presets.All["chatty-room"] with { Viewers = 20, RampPerSecond = 100, Duration = TimeSpan.FromSeconds(3) };
        var live = await new LoadRun(settings, fixture.Url, "liveinteract", fixture.Server).Execute();
        await using var baselineServer = await ServerProcess.StartBaseline(LiveInteract.Testing.Artifacts.LoadToolDll);
        var baseline = await new LoadRun(settings, new Uri(baselineServer.BaseUrl + "/"), "baseline", baselineServer).Execute();

        Assert.Contains(baseline.Notes, n => n.Contains("baseline", StringComparison.Ordinal));
        Assert.True(baseline.Comments.Acknowledged >= 40);
        Assert.Equal(baseline.Comments.Acknowledged * 20, baseline.Comments.Delivered);
        Assert.Equal(0, baseline.Comments.Lost);
        Assert.Equal(0, baseline.Comments.Duplicates);

        var ratios = Comparison.Ratios([live, baseline]);
        Assert.Equal(live.LatencyMs.P99 / baseline.LatencyMs.P99, ratios["latency_p99"]);
        Assert.True(ratios["deliveries_per_second"] > 0);

        var directory = Path.Combine(Path.GetTempPath(), $"li-load-report-{Guid.NewGuid():N}");
        try
        {
            var (json, html) = await ReportWriter.Write(directory, [live, baseline], ratios);
            Assert.Contains("\"latency_p99\"", await File.ReadAllTextAsync(json), StringComparison.Ordinal);
            var page = await File.ReadAllTextAsync(html);
            Assert.Equal(8, page.Split("data:image/png;base64,").Length - 1); // four plots per target
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
