using System.Diagnostics;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;

namespace LiveInteract.Gifts.Bench;

/// <summary>
/// A poll with many voters (issue 17): <c>voters</c> distinct users vote once each, paced evenly over <c>seconds</c>,
/// into one live room with SQLite state. A subscribed relay (a real grain observer) records the batched
/// <c>poll_tally</c> events. Vote-to-tally latency of vote k: from its call until the first tally whose total reaches
/// k + 1 (votes are applied in about the order they are sent, so this is the time until a tally covers it).
/// </summary>
internal sealed class PollBench(IGrainFactory grains)
{
    public async Task<string> Run(int voters, int seconds)
    {
        var creator = new Actor("poll-bench-creator", "Host") { Role = Roles.Creator };
        var room = grains.GetGrain<IRoomGrain>($"poll-bench-{Guid.NewGuid():N}");
        await room.Create(creator, "Poll bench");
        await room.Start(creator);
        var clock = Stopwatch.StartNew();
        var relay = new TallyRelay(clock);
        await room.Subscribe("bench-silo", grains.CreateObjectReference<IRoomFanout>(relay));
        var pollId = (await room.StartPoll(creator, "Bench?", ["a", "b", "c", "d"], 3600)).PollId;

        var sent = new double[voters];
        var expected = new long[4];
        var calls = new List<Task>(voters);
        var started = clock.Elapsed;
        var slot = TimeSpan.FromMilliseconds(10);
        var perSlot = Math.Max(1, (int)Math.Ceiling(voters / (seconds * 100.0)));
        for (var k = 0; k < voters; k++)
        {
            if (k % perSlot == 0)
            {
                var due = started + slot * (k / perSlot);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
            }
            var option = k % 7 % 4;
            expected[option]++;
            sent[k] = clock.Elapsed.TotalMilliseconds;
            calls.Add(room.Vote(new Actor($"voter-{k}", $"Voter {k}"), pollId, option));
        }
        await Task.WhenAll(calls);
        var offeredSeconds = (clock.Elapsed - started).TotalSeconds;
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(30);
        while (relay.LastTotal < voters && clock.Elapsed < deadline) await Task.Delay(20);

        var latencies = new List<double>(voters);
        var tallies = relay.Tallies;
        var t = 0;
        for (var k = 0; k < voters; k++)
        {
            while (t < tallies.Count && tallies[t].Total < k + 1) t++;
            if (t == tallies.Count) break;
            latencies.Add(tallies[t].At - sent[k]);
        }
        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? double.NaN : latencies[(int)Math.Min(latencies.Count - 1, Math.Floor(q * latencies.Count))];
        var final = tallies.Count > 0 ? tallies[^1].Counts : [];
        var correct = final.SequenceEqual(expected);
        return FormattableString.Invariant(
            $"| {voters} | {seconds} | {offeredSeconds:F1} | {voters / offeredSeconds:F0} | {tallies.Count} | {latencies.Count} | {P(0.5):F0} | {P(0.99):F0} | {P(1.0 - 1e-9):F0} | {correct} |");
    }

    private sealed class TallyRelay(Stopwatch clock) : IRoomFanout
    {
        private readonly Lock _gate = new();
        private readonly List<(double At, long Total, long[] Counts)> _tallies = [];

        public long LastTotal { get { lock (_gate) return _tallies.Count == 0 ? 0 : _tallies[^1].Total; } }

        public List<(double At, long Total, long[] Counts)> Tallies { get { lock (_gate) return [.. _tallies]; } }

        public Task OnEvents(EventBatch batch)
        {
            var at = clock.Elapsed.TotalMilliseconds;
            lock (_gate)
                foreach (var tally in batch.Events.OfType<PollTallyEvent>())
                    _tallies.Add((at, tally.Total, [.. tally.Counts]));
            return Task.CompletedTask;
        }
    }
}
