using LiveInteract.Client;
using LiveInteract.Contracts.Rooms;
using LiveInteract.LoadTests.Baseline;
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

    [Fact]
    public async Task The_baselines_joins_carry_the_recent_comments_and_each_run_gets_fresh_rooms()
    {
        await using var baselineServer = await ServerProcess.StartBaseline(LiveInteract.Testing.Artifacts.LoadToolDll);
        var url = new Uri(baselineServer.BaseUrl + "/");
        await using var talker = new LiveClient(url);
        talker.UseToken("baseline");
        await talker.ConnectAsync();
        await talker.JoinRoomAsync("history");
        for (var i = 1; i <= BaselineServer.JoinHistory + 10; i++) await talker.SendCommentAsync("history", $"comment {i}");
        await using var newcomer = new LiveClient(url);
        newcomer.UseToken("baseline");
        await newcomer.ConnectAsync();

        var snapshot = await newcomer.JoinRoomAsync("history");

        // As LiveInteract's snapshot: the newest Rooms:JoinHistory events, in seq order, ending at lastSeq.
        Assert.Equal(BaselineServer.JoinHistory + 10, snapshot.LastSeq);
        Assert.Equal(Enumerable.Range(11, BaselineServer.JoinHistory).Select(n => (long)n), snapshot.Events.Select(e => e.Seq));
        Assert.Equal("comment 60", ((CommentEvent)snapshot.Events[^1]).Text);

        // A second run on the same server (a priming run, then the measured one) must not see the first run's comments as
        // history: their ledger numbers would count as duplicates.
        var settings = Presets.All["chatty-room"] with { Viewers = 20, RampPerSecond = 100, Duration = TimeSpan.FromSeconds(2) };
        for (var run = 0; run < 2; run++)
        {
            var result = await new LoadRun(settings, url, "baseline", baselineServer).Execute();
            Assert.Equal((result.Comments.Acknowledged * 20, 0L, 0L), (result.Comments.Delivered, result.Comments.Lost, result.Comments.Duplicates));
        }
    }
}
