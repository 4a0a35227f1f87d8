using LiveInteract.Contracts.Webhooks;

namespace LiveInteract.Grains.Webhooks;

/// <summary>An event waiting for its endpoint: how often it was tried, since when, and when it is due again.</summary>
[GenerateSerializer, Alias("li.PendingWebhook")]
public sealed class PendingWebhook
{
    [Id(0)] public required WebhookEvent Event { get; init; }
    [Id(1)] public int Attempts { get; set; }
    [Id(2)] public long FirstAttemptAt { get; set; }
    [Id(3)] public long NextAttemptAt { get; set; }
}

/// <summary>
/// One endpoint's durable outbox and its rules (plain, testable without a silo): events wait in arrival order;
/// per room only the oldest is tried, so a room's events arrive in order even across retries, while another room's
/// events are not held up by it. Bounded: <see cref="WebhookOptions.MaxPending"/> waiting events, and
/// <see cref="WebhookOptions.LogSize"/> log entries and delivered events (for replay).
/// </summary>
[GenerateSerializer, Alias("li.WebhookOutboxState")]
public sealed class WebhookOutboxState
{
    [Id(0)] public WebhookEndpoint? Endpoint { get; set; }
    [Id(1)] public List<PendingWebhook> Pending { get; set; } = [];
    [Id(2)] public List<WebhookDeliveryRecord> Log { get; set; } = [];
    [Id(3)] public List<WebhookEvent> Delivered { get; set; } = [];
    [Id(4)] public bool Closed { get; set; }

    /// <summary>Queues <paramref name="e"/>; false (and a <c>refused</c> log entry) when the outbox is full.</summary>
    public bool Add(WebhookEvent e, long now, WebhookOptions options)
    {
        if (Pending.Count >= options.MaxPending)
        {
            AddLog(new WebhookDeliveryRecord(e.Id, e.Type, e.RoomId, 0, "refused", null, $"outbox full ({options.MaxPending} events waiting)", now), options);
            return false;
        }
        Pending.Add(new PendingWebhook { Event = e, NextAttemptAt = now });
        return true;
    }

    /// <summary>Per room, its oldest waiting event if it is due; at most <paramref name="max"/>, oldest rooms first.</summary>
    public IReadOnlyList<PendingWebhook> DueHeads(long now, int max)
    {
        var seenRooms = new HashSet<string>(StringComparer.Ordinal);
        List<PendingWebhook> due = [];
        foreach (var p in Pending)
        {
            if (!seenRooms.Add(p.Event.RoomId)) continue; // not this room's head
            if (p.NextAttemptAt <= now) due.Add(p);
            if (due.Count == max) break;
        }
        return due;
    }

    /// <summary>Applies one attempt's result: delivered or given up leaves the queue; a failure is scheduled again.</summary>
    public void Record(PendingWebhook p, WebhookAttemptResult result, DateTimeOffset now, WebhookOptions options, double random01)
    {
        p.Attempts++;
        var nowMs = now.ToUnixTimeMilliseconds();
        if (p.Attempts == 1) p.FirstAttemptAt = nowMs;
        var e = p.Event;
        if (result.Delivered)
        {
            Pending.Remove(p);
            Delivered.Add(e);
            if (Delivered.Count > options.LogSize) Delivered.RemoveRange(0, Delivered.Count - options.LogSize);
            AddLog(new WebhookDeliveryRecord(e.Id, e.Type, e.RoomId, p.Attempts, "delivered", result.Status, result.Reason, nowMs), options);
        }
        else if (RetrySchedule.GiveUp(DateTimeOffset.FromUnixTimeMilliseconds(p.FirstAttemptAt), now, options))
        {
            Pending.Remove(p);
            AddLog(new WebhookDeliveryRecord(e.Id, e.Type, e.RoomId, p.Attempts, "gave_up", result.Status, result.Reason, nowMs), options);
        }
        else
        {
            p.NextAttemptAt = nowMs + (long)RetrySchedule.Delay(p.Attempts, options, random01).TotalMilliseconds;
            AddLog(new WebhookDeliveryRecord(e.Id, e.Type, e.RoomId, p.Attempts, "failed", result.Status, result.Reason, nowMs), options);
        }
    }

    /// <summary>Queues delivered events again by id; returns how many were found in the kept history.</summary>
    public int Replay(IEnumerable<string> eventIds, long now, WebhookOptions options)
    {
        var found = 0;
        foreach (var id in eventIds.Distinct(StringComparer.Ordinal))
        {
            var e = Delivered.FindLast(d => d.Id == id);
            if (e is not null && Add(e, now, options)) found++;
        }
        return found;
    }

    private void AddLog(WebhookDeliveryRecord record, WebhookOptions options)
    {
        Log.Add(record);
        if (Log.Count > options.LogSize) Log.RemoveRange(0, Log.Count - options.LogSize);
    }
}
