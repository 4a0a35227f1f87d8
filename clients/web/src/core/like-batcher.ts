/**
 * Sums like taps and sends them as one number every interval (the server caps one call at 100 likes),
 * so a viewer tapping ten times a second costs four hub messages a second, not ten.
 */
export class LikeBatcher {
  static readonly maxPerCall = 100;
  private pending = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly sendLikes: (count: number) => Promise<void>, private readonly intervalMs = 250) {}

  /** Taps not yet sent. */
  get unsent(): number {
    return this.pending;
  }

  tap(count = 1): void {
    this.pending += count;
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs);
  }

  async flush(): Promise<void> {
    if (this.pending === 0) {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      return;
    }
    const count = Math.min(this.pending, LikeBatcher.maxPerCall);
    this.pending -= count;
    try {
      await this.sendLikes(count);
    } catch {
      // Likes are cheap and best effort: a refused or lost batch is dropped, never retried in a loop.
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.pending = 0;
  }
}
