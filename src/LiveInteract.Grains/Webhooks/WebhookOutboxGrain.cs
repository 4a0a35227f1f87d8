using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Webhooks;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace LiveInteract.Grains.Webhooks;

/// <summary>
/// One endpoint's outbox. <see cref="Enqueue"/> stores the events before it returns, so a crash after that loses
/// nothing: a reminder (Redis-backed in the Cluster profile) wakes the outbox on another silo and delivery resumes
/// (at least once: an event whose answer was lost in the crash is sent again; receivers dedupe by id). Reentrant, so
/// a slow or hanging receiver never holds up <see cref="Enqueue"/> (the rooms' side); state writes are serialized.
/// </summary>
[Reentrant]
public sealed class WebhookOutboxGrain(
    [PersistentState("webhook-outbox", StorageNames.Default)] IPersistentState<WebhookOutboxState> state,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookOutboxGrain> logger) : Grain, IWebhookOutboxGrain, IRemindable
{
    private const string WakeReminder = "webhook-deliver";
    private readonly WebhookOptions _options = options.Value;
    private IGrainTimer? _timer;
    private bool _ticking;
    private bool _reminderOn;
    private Task _writing = Task.CompletedTask;

    private WebhookOutboxState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Pending.Count > 0) EnsureTimer();
        return Task.CompletedTask;
    }

    public async Task Enqueue(WebhookEndpoint endpoint, IReadOnlyList<WebhookEvent> events)
    {
        if (State.Closed) return;
        State.Endpoint = endpoint;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var e in events)
            if (!State.Add(e, now, _options)) logger.LogWarning("Webhook outbox {Endpoint} is full; refused event {EventId}", endpoint.Id, e.Id);
        await Save();
        await EnsureReminder();
        EnsureTimer();
    }

    public async Task<int> Replay(IReadOnlyList<string> eventIds)
    {
        if (State.Closed) return 0;
        var found = State.Replay(eventIds, time.GetUtcNow().ToUnixTimeMilliseconds(), _options);
        if (found == 0) return 0;
        await Save();
        await EnsureReminder();
        EnsureTimer();
        return found;
    }

    public Task<WebhookOutboxView> View(int limit)
    {
        var log = State.Log.AsEnumerable().Reverse().Take(Math.Clamp(limit, 1, _options.LogSize)).ToList();
        return Task.FromResult(new WebhookOutboxView(State.Pending.Count, log));
    }

    public async Task Close()
    {
        State.Closed = true;
        State.Pending.Clear();
        _timer?.Dispose();
        _timer = null;
        await Save();
        await StopReminder();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Pending.Count > 0) EnsureTimer();
        else return StopReminder();
        return Task.CompletedTask;
    }

    private void EnsureTimer() =>
        _timer ??= this.RegisterGrainTimer(_ => Tick(), new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = _options.PollInterval,
            Interleave = true,
            KeepAlive = true,
        });

    private async Task Tick()
    {
        if (_ticking || State.Endpoint is not { } endpoint) return;
        _ticking = true;
        try
        {
            var due = State.DueHeads(time.GetUtcNow().ToUnixTimeMilliseconds(), _options.MaxParallelAttempts);
            if (due.Count > 0)
            {
                var results = await Task.WhenAll(due.Select(p => sender.Send(endpoint, p.Event, p.Attempts + 1)));
                var now = time.GetUtcNow();
                for (var i = 0; i < due.Count; i++)
                {
                    if (State.Closed) break;
                    State.Record(due[i], results[i], now, _options, Random.Shared.NextDouble());
                    if (!results[i].Delivered)
                        logger.LogInformation("Webhook {Endpoint} event {EventId} attempt {Attempt}: {Reason}", endpoint.Id, due[i].Event.Id, due[i].Attempts, results[i].Reason);
                }
                await Save();
            }
            if (State.Pending.Count == 0)
            {
                _timer?.Dispose();
                _timer = null;
                await StopReminder();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage trouble: the events stay queued (in memory and in the last write) and the next tick retries.
            logger.LogWarning(ex, "Webhook outbox {Endpoint} could not record its deliveries", State.Endpoint?.Id);
        }
        finally { _ticking = false; }
    }

    /// <summary>Writes the state after any write in flight (interleaved calls must not write concurrently).</summary>
    private Task Save()
    {
        var previous = _writing;
        _writing = WriteAfter(previous);
        return _writing;

        async Task WriteAfter(Task before)
        {
            try { await before; }
            catch (Exception) { } // that write's caller saw its failure; this one writes the newer state
            await state.WriteStateAsync();
        }
    }

    private async Task EnsureReminder()
    {
        if (_reminderOn) return;
        await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        _reminderOn = true;
    }

    private async Task StopReminder()
    {
        var reminder = await this.GetReminder(WakeReminder);
        if (reminder is not null) await this.UnregisterReminder(reminder);
        _reminderOn = false;
    }
}
