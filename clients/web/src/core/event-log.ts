import type { RoomEvent } from './types';

/** Events held while waiting for a gap to fill; past this, newer ones are dropped and come back with the refill. */
const maxHeld = 2000;

/**
 * The room's events as this page has seen them: each seq delivered to listeners exactly once and in order.
 * Events arrive from places that overlap and race (the join's snapshot, live batches that can overtake the
 * join's reply, the replay after a reconnect): anything at or below the highest seq delivered is a duplicate;
 * anything past lastSeq + 1 is held until the seqs before it arrive, and while something is held there is a gap
 * the caller fills by asking the room for the events after lastSeq.
 */
export class EventLog {
  private last = 0;
  private readonly held = new Map<number, RoomEvent>();

  get lastSeq(): number {
    return this.last;
  }

  /** True while events past a missing seq wait. */
  get hasGap(): boolean {
    return this.held.size > 0;
  }

  /** Sets where delivery continues from (a fresh join's history starts wherever the server's buffer does). */
  resetTo(seq: number): void {
    this.last = seq;
    for (const held of [...this.held.keys()]) if (held <= seq) this.held.delete(held);
  }

  /** Keeps events without delivering them (batches that arrive before the first join's reply). */
  hold(events: readonly RoomEvent[]): void {
    for (const event of events) if (event.seq > this.last && this.held.size < maxHeld) this.held.set(event.seq, event);
  }

  /** Takes events in any order; returns those now deliverable (contiguous after lastSeq), in seq order. */
  accept(events: readonly RoomEvent[]): RoomEvent[] {
    this.hold(events);
    const fresh: RoomEvent[] = [];
    for (let next = this.held.get(this.last + 1); next; next = this.held.get(this.last + 1)) {
      this.held.delete(next.seq);
      this.last = next.seq;
      fresh.push(next);
    }
    return fresh;
  }
}
