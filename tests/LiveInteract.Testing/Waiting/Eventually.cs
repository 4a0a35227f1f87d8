namespace LiveInteract.Testing;

/// <summary>
/// The one polling helper: waits until a condition holds, and on timeout fails with what was awaited and the last
/// state seen. Tests wait on conditions, never on fixed sleeps (tests/README.md).
/// </summary>
public static class Eventually
{
    /// <summary>Long enough for a loaded, shared CI machine; a passing wait returns as soon as its condition holds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    /// <param name="what">What is awaited, for the failure message ("the third comment").</param>
    /// <param name="state">Describes the current state for the failure message (what was seen instead).</param>
    public static Task Until(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? state = null) =>
        Until(() => Task.FromResult(condition()), what, timeout, state);

    /// <summary>Waits until the asynchronous <paramref name="condition"/> is true (each probe runs to completion).</summary>
    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? state = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw Timeout(what, limit, state?.Invoke());
            await Task.Delay(Interval);
        }
    }

    /// <summary>Probes until the value satisfies <paramref name="accept"/> and returns that value.</summary>
    public static Task<T> Value<T>(Func<T> probe, Func<T, bool> accept, string what, TimeSpan? timeout = null) =>
        Value(() => Task.FromResult(probe()), accept, what, timeout);

    /// <summary>Probes until the value satisfies <paramref name="accept"/> and returns it; on timeout the message shows the last value.</summary>
    public static async Task<T> Value<T>(Func<Task<T>> probe, Func<T, bool> accept, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (accept(value)) return value;
            if (DateTime.UtcNow > deadline) throw Timeout(what, limit, $"last value: {value}");
            await Task.Delay(Interval);
        }
    }

    /// <summary>
    /// Retries <paramref name="attempt"/> while it throws (a cluster recovering, a port not yet listening) and returns
    /// its first result; on timeout the last exception is the inner exception.
    /// </summary>
    public static async Task<T> Succeeds<T>(Func<Task<T>> attempt, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        var pause = Interval;
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (DateTime.UtcNow <= deadline && e is not OutOfMemoryException)
            {
                // Back off (up to 250 ms) so a recovering server is not hammered, yet recovery is seen within a quarter second.
                await Task.Delay(pause);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 250));
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out after {limit.TotalSeconds:0.#} s waiting for {what}: {e.Message}", e);
            }
        }
    }

    /// <inheritdoc cref="Succeeds{T}(Func{Task{T}}, string, TimeSpan?)"/>
    public static Task Succeeds(Func<Task> attempt, string what, TimeSpan? timeout = null) =>
        Succeeds(async () => { await attempt(); return true; }, what, timeout);

    private static TimeoutException Timeout(string what, TimeSpan limit, string? state) =>
        new($"timed out after {limit.TotalSeconds:0.#} s waiting for {what}" + (state is null ? "" : $"; {state}"));
}
