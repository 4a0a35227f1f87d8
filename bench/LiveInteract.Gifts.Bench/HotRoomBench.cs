using System.Collections.Concurrent;
using System.Diagnostics;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Gifts.Bench;

/// <summary>
/// One hot room: <c>senders</c> wallets send gifts at a fixed total rate (open loop: a gift is sent on schedule, not
/// after the previous receipt) for <c>seconds</c>, while one viewer comments 10 times a second. A recording relay
/// subscribed to the room stands in for a silo's relay: comment delivery = comment sent -> batch holding it reaches
/// the relay. Receipt latency = gift scheduled -> wallet receipt (debit, creator credit and room display all stored). A call that
/// times out (30 s) is counted, not receipted; the audit (wallets spent = creator earned = room board) covers it.
/// </summary>
public sealed class HotRoomBench(IGrainFactory grains)
{
    private int _timedOut;

    public async Task<string> Run(int senders, int giftsPerSecond, int seconds)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var creator = new Actor($"{tag}-creator", "creator");
        var roomId = $"{tag}-hot";
        var room = grains.GetGrain<IRoomGrain>(roomId);
        await room.Create(creator, "hot room");
        await room.Start(creator);
        var relay = new TimingRelay();
        await room.Subscribe("bench-silo", grains.CreateObjectReference<IRoomFanout>(relay));
        var users = Enumerable.Range(0, senders).Select(i => new Actor($"{tag}-u{i}", $"user {i}")).ToList();
        await Task.WhenAll(users.Select(u => grains.GetGrain<IWalletGrain>(u.UserId).TopUp(1_000_000)));
        var commenter = new Actor($"{tag}-talker", "talker");

        var clock = Stopwatch.StartNew();
        relay.Clock = clock;
        var receipts = new ConcurrentBag<double>();
        var calls = new List<Task>();
        var commentsSent = new ConcurrentDictionary<string, double>();
        var total = giftsPerSecond * seconds;
        var commentsTotal = seconds * 10;
        var comments = Task.Run(async () =>
        {
            for (var i = 0; i < commentsTotal; i++)
            {
                var due = i * 100.0;
                var wait = due - clock.Elapsed.TotalMilliseconds;
                if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait));
                var text = $"c{i}";
                commentsSent[text] = clock.Elapsed.TotalMilliseconds;
                await room.SendComment(commenter, text);
            }
        });
        for (var i = 0; i < total; i++)
        {
            var due = i * 1000.0 / giftsPerSecond;
            var wait = due - clock.Elapsed.TotalMilliseconds;
            if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            var user = users[i % senders];
            var n = i;
            calls.Add(Task.Run(async () =>
            {
                try
                {
                    await grains.GetGrain<IWalletGrain>(user.UserId).SendGift(user, roomId, "rose", 1, $"{user.UserId}-{n}");
                    receipts.Add(clock.Elapsed.TotalMilliseconds - due);
                }
                catch (TimeoutException)
                {
                    Interlocked.Increment(ref _timedOut); // the call's outcome is unknown; the audit below still counts it
                }
            }));
        }
        await Task.WhenAll(calls);
        var receiptSpan = clock.Elapsed.TotalMilliseconds;
        await comments;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (relay.Comments.Count < commentsTotal && DateTime.UtcNow < deadline) await Task.Delay(50);

        foreach (var u in users) await grains.GetGrain<IWalletGrain>(u.UserId).DeliverPending();
        long spent = 0;
        foreach (var u in users) spent += 1_000_000 - (await grains.GetGrain<IWalletGrain>(u.UserId).Get()).Balance;
        var creatorCoins = (await grains.GetGrain<ICreatorGrain>(creator.UserId).GetEarnings()).Coins;
        var board = (await room.GetSnapshot(null, null)).Gifts!.TotalCoins;
        var delivery = commentsSent.Where(c => relay.Comments.ContainsKey(c.Key)).Select(c => relay.Comments[c.Key] - c.Value).Order().ToList();
        var latency = receipts.Order().ToList();
        return $"| {senders} | {giftsPerSecond} | {latency.Count} | {latency.Count / (receiptSpan / 1000):F0} | {P(latency, 0.5):F0} | {P(latency, 0.99):F0} | " +
               $"{delivery.Count}/{commentsTotal} | {P(delivery, 0.5):F0} | {P(delivery, 0.99):F0} | {_timedOut} | {(creatorCoins == board && creatorCoins == spent ? "yes" : $"NO {creatorCoins}/{board}/{spent}")} |";
    }

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

    private sealed class TimingRelay : IRoomFanout
    {
        public Stopwatch Clock { get; set; } = Stopwatch.StartNew();
        public ConcurrentDictionary<string, double> Comments { get; } = new();

        public Task OnEvents(EventBatch batch)
        {
            var now = Clock.Elapsed.TotalMilliseconds;
            foreach (var e in batch.Events)
                if (e is CommentEvent c) Comments.TryAdd(c.Text, now);
            return Task.CompletedTask;
        }
    }
}
