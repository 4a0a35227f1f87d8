/**
 * Sums like taps and sends them as one number every interval (the server caps one call at 100 likes),
 * so a viewer tapping ten times a second costs four hub messages a second, not ten. While the room is not joined
 * (the connection is down or rejoining) taps are held, up to {@link LikeBatcher.maxHeld}, and sent once it is:
 * a send then could only fail.
 */
export class LikeBatcher {
  static readonly maxPerCall = 100;
  /** The most taps held: a page cut off for long sends a few calls when it is back, not a flood. */
  static readonly maxHeld = 1000;
  private pending = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly sendLikes: (count: number) => Promise<void>,
    private readonly intervalMs = 250,
    private readonly canSend: () => boolean = () => true,
  ) {}

  /** Taps not yet sent. */
  get unsent(): number {
    return this.pending;
  }

  tap(count = 1): void {
    this.pending = Math.min(this.pending + count, LikeBatcher.maxHeld);
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs);
  }

  async flush(): Promise<void> {
    if (this.pending === 0) {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      return;
    }
    // Not joined: keep the taps (and the timer) until the room is back.
    if (!this.canSend()) return;
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
