import type { IRetryPolicy, RetryContext } from '@microsoft/signalr';

/**
 * Keeps trying for as long as the page is open. SignalR's default policy (0, 2, 10, 30 s) gives up after four
 * tries, which strands a viewer whose silo restarted. This one backs off to a capped delay with jitter, so a
 * room's viewers do not all hammer a recovering server in the same instant.
 */
export class KeepTryingPolicy implements IRetryPolicy {
  constructor(private readonly delaysMs: readonly number[] = [0, 1000, 2000, 5000], private readonly capMs = 10_000) {}

  nextRetryDelayInMilliseconds(context: RetryContext): number {
    const planned = context.previousRetryCount < this.delaysMs.length ? this.delaysMs[context.previousRetryCount] : this.capMs;
    if (planned === 0) return 0;
    return planned + planned * 0.2 * Math.random();
  }
}
