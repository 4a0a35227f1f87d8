using System.Text.Json;
using LiveInteract.Testing;

namespace LiveInteract.LoadTests.Tests;

/// <summary>
/// <c>--prime</c> as a user runs it: the tool starts both servers, primes each one, and only then measures; what the
/// priming run sent is not in the report.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class PrimeRunTests
{
    private const int Viewers = 10;
    private const int CommentsPerSecond = 10;

    [Fact]
    public async Task Every_target_is_primed_before_the_first_measurement_and_priming_is_not_counted()
    {
        var output = Path.Combine(Path.GetTempPath(), $"li-load-prime-{Guid.NewGuid():N}");
        try
        {
            var (exit, lines, errors) = await CliProcess.RunDllAsync(Artifacts.LoadToolDll, 120_000,
                "chatty-room", "--viewers", $"{Viewers}", "--ramp", "50", "--comments", $"{CommentsPerSecond}", "--likes", "0",
                "--duration", "2", "--drain", "2", "--prime", "2", "--compare-baseline",
                "--server-dll", Artifacts.ServerDll, "--quiet", "--out", output);
            Assert.True(exit == 0, $"exit {exit}; stdout: {string.Join('\n', lines)}; stderr: {errors}");

            // With --quiet the priming runs print one line each; every "[target] phase ..." line is a measurement's.
            var primed = new[] { "liveinteract", "baseline" }
                .Select(target => lines.ToList().FindIndex(l => l.StartsWith($"[{target}] primed: {Viewers} viewers", StringComparison.Ordinal)))
                .ToList();
            var firstMeasured = lines.ToList().FindIndex(l => l.StartsWith('[') && !l.Contains("] primed:", StringComparison.Ordinal));
            Assert.All(primed, index => Assert.InRange(index, 0, firstMeasured - 1));

            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "result.json")));
            var results = report.RootElement.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(["liveinteract", "baseline"], results.Select(r => r.GetProperty("target").GetString()));
            foreach (var result in results)
            {
                var comments = result.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "comment");
                var acknowledged = comments.GetProperty("acknowledged").GetInt64();
                // 2 s of sending at 10/s measured; the 2 s primed before would double it if it were counted.
                Assert.InRange(acknowledged, CommentsPerSecond, CommentsPerSecond * 3);
                Assert.Equal(acknowledged * Viewers, comments.GetProperty("delivered").GetInt64());
                Assert.Equal(0, comments.GetProperty("lost").GetInt64());
            }
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
