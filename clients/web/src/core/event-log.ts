import type { RoomEvent } from './types';

/**
 * The room's events as this page has seen them: each seq delivered to listeners exactly once and in order.
 * Events arrive from three places that overlap (the join snapshot, live batches, the replay after a reconnect);
 * anything at or below the highest seq seen is a duplicate. A batch that starts past lastSeq + 1 reveals a gap,
 * which the caller fills by rejoining with lastSeq.
 */
export class EventLog {
  private last = 0;

  get lastSeq(): number {
    return this.last;
  }

  /** Starts after a seq (e.g. a fresh join's history starts wherever the server's buffer does). */
  resetTo(seq: number): void {
    this.last = seq;
  }

  /**
   * Takes events in seq order; returns the new ones (contiguous after lastSeq) and whether a gap stopped it.
   * Events after a gap are held back: they are delivered when the gap is filled, so order is never broken.
   */
  accept(events: readonly RoomEvent[]): { fresh: RoomEvent[]; gap: boolean } {
    const fresh: RoomEvent[] = [];
    for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
      if (event.seq <= this.last) continue;
      if (event.seq > this.last + 1) return { fresh, gap: true };
      fresh.push(event);
      this.last = event.seq;
    }
    return { fresh, gap: false };
  }
}
