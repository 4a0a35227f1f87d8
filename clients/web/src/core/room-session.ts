import { errorMessage } from './api';
import type { LiveConnection } from './live-connection';
import { EventLog } from './event-log';
import type { EventBatch, RoomCounters, RoomEvent, RoomSnapshot, RoomStatus } from './types';

type Handler<T> = (value: T) => void;

/**
 * One joined room on the page's connection: joins (and rejoins after every reconnect with the highest seq seen),
 * dedupes and orders events by seq, fills gaps, and hands each event to the panels that registered for its type.
 * Panels are independent modules: a gift panel, say, only needs `session.on('gift', ...)`.
 */
export class RoomSession {
  readonly log = new EventLog();
  private readonly handlers = new Map<string, Handler<RoomEvent>[]>();
  private readonly snapshotHandlers: Handler<RoomSnapshot>[] = [];
  private readonly counterHandlers: Handler<RoomCounters>[] = [];
  private readonly sampledHandlers: Handler<number>[] = [];
  private readonly viewerHandlers: Handler<number>[] = [];
  private readonly statusHandlers: Handler<RoomStatus>[] = [];
  private readonly replayGapHandlers: Handler<void>[] = [];
  private readonly removedHandlers: Handler<string>[] = [];
  private removedReason: string | null = null;
  private joined = false;
  private joining = false;
  private refilling: Promise<void> | null = null;
  private lagged = false;
  private currentStatus: RoomStatus | null = null;
  private snapshotValue: RoomSnapshot | null = null;

  constructor(readonly roomId: string, private readonly connection: LiveConnection) {
    const hub = connection.hub;
    hub.on('Events', (batch: EventBatch) => {
      if (batch.roomId === this.roomId) this.onBatch(batch);
    });
    hub.on('ViewerCount', (roomId: string, count: number) => {
      if (roomId === this.roomId) this.viewerHandlers.forEach(h => h(count));
    });
    hub.on('RoomEnded', (roomId: string) => {
      if (roomId === this.roomId) this.setStatus('ended');
    });
    hub.on('Kicked', (roomId: string, reason: string) => {
      if (roomId === this.roomId) this.removed(reason);
    });
    // This page read too slowly: the server took its connection out of the room's live stream after sending every
    // event up to lastSeq (docs/PROTOCOL.md, "Lagged"). Rejoin from the highest seq seen; the server replays the rest.
    hub.on('Lagged', (roomId: string) => {
      if (roomId === this.roomId) this.onLagged();
    });
    connection.onUp(() => this.join());
  }

  /** Why this user was removed from the room ('banned'), or null while they are in it. */
  get removedBecause(): string | null {
    return this.removedReason;
  }

  /**
   * The server removed this user from the room (Kicked), or refused to let them back in: no rejoin can succeed,
   * so the page stops its connection instead of retrying forever, and says so.
   */
  onRemoved(handler: Handler<string>): void {
    this.removedHandlers.push(handler);
  }

  /** Joined and connected now: not before the first join's reply, not while the connection is down or rejoining. */
  get inRoom(): boolean {
    return this.joined && !this.joining && this.connection.connected && this.removedReason === null;
  }

  get snapshot(): RoomSnapshot | null {
    return this.snapshotValue;
  }

  get status(): RoomStatus | null {
    return this.currentStatus;
  }

  on(type: string, handler: Handler<RoomEvent>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler);
    this.handlers.set(type, list);
  }

  onSnapshot(handler: Handler<RoomSnapshot>): void {
    this.snapshotHandlers.push(handler);
  }

  onCounters(handler: Handler<RoomCounters>): void {
    this.counterHandlers.push(handler);
  }

  /** Comments the room counted but did not show (it samples them above its display rate): how many, per batch. */
  onSampled(handler: Handler<number>): void {
    this.sampledHandlers.push(handler);
  }

  onViewerCount(handler: Handler<number>): void {
    this.viewerHandlers.push(handler);
  }

  onStatus(handler: Handler<RoomStatus>): void {
    this.statusHandlers.push(handler);
  }

  /** The server's buffer no longer held everything this page missed while away. */
  onReplayGap(handler: Handler<void>): void {
    this.replayGapHandlers.push(handler);
  }

  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.connection.hub.invoke<T>(method, this.roomId, ...args);
  }

  send(method: string, ...args: unknown[]): Promise<void> {
    return this.connection.hub.send(method, this.roomId, ...args);
  }

  /** Joins for the first time, or rejoins asking for everything after the highest seq seen. */
  private async join(): Promise<void> {
    const lastSeq = this.joined ? this.log.lastSeq : null;
    this.lagged = false;
    this.joining = true;
    let snapshot: RoomSnapshot;
    try {
      snapshot = await this.connection.hub.invoke<RoomSnapshot>('JoinRoom', this.roomId, lastSeq);
    } catch (error) {
      // A ban is final: stop here (no retry loop) and tell the page. Anything else is retried by the connection.
      if (errorMessage(error) === 'you are banned from this room') {
        this.removed('banned');
        return;
      }
      throw error;
    } finally {
      this.joining = false;
    }
    if (!this.joined) {
      // History starts wherever the server's buffer does.
      this.log.resetTo(snapshot.events.length > 0 ? snapshot.events[0].seq - 1 : snapshot.lastSeq);
      this.joined = true;
      this.snapshotValue = snapshot;
      this.snapshotHandlers.forEach(h => h(snapshot));
    } else if (!snapshot.replayComplete) {
      this.skipTo(snapshot);
    }
    this.deliver(snapshot.events);
    this.counterHandlers.forEach(h => h(snapshot.counters));
    this.setStatus(snapshot.status);
    // Batches that overtook the reply are delivered now; one that overtook it by more than it covers leaves a gap.
    if (this.log.hasGap) this.refill();
  }

  private onBatch(batch: EventBatch): void {
    if (!this.joined) {
      // Sent to the room's group after our join but arriving before the join's reply: keep for when it comes.
      this.log.hold(batch.events);
      return;
    }
    if (this.deliver(batch.events) && !this.joining) this.refill();
    if (batch.counters) {
      const counters = batch.counters;
      this.counterHandlers.forEach(h => h(counters));
    }
    const sampled = batch.sampled ?? 0;
    if (sampled > 0) this.sampledHandlers.forEach(h => h(sampled));
  }

  /** Delivers what is new and in order; true when events wait behind a gap. */
  private deliver(events: readonly RoomEvent[]): boolean {
    for (const event of this.log.accept(events)) {
      if (event.type === 'status') this.setStatus((event as { status: RoomStatus }).status);
      this.handlers.get(event.type)?.forEach(h => h(event));
      this.handlers.get('*')?.forEach(h => h(event));
    }
    return this.log.hasGap;
  }

  private onLagged(): void {
    if (!this.joined || this.removedReason !== null) return;
    this.lagged = true;
    this.refill();
  }

  /**
   * A gap in the live stream, or lagged: ask the room for everything after lastSeq (JoinRoom is idempotent per
   * connection, and makes a lagged connection live again).
   */
  private refill(): void {
    if (this.refilling) return;
    this.lagged = false;
    this.refilling = this.connection.hub
      .invoke<RoomSnapshot>('JoinRoom', this.roomId, this.log.lastSeq)
      .then(snapshot => {
        if (!snapshot.replayComplete) this.skipTo(snapshot);
        this.deliver(snapshot.events);
      })
      .catch(error => {
        if (errorMessage(error) === 'you are banned from this room') this.removed('banned');
        else console.warn('gap refill failed', error);
      })
      .finally(() => {
        this.refilling = null;
        // Still a gap (the reply was overtaken by newer batches), or lagged again while asking: ask again (at once when
        // lagged, since nothing more arrives until then). When the connection is down the rejoin after the reconnect
        // does this instead.
        if ((this.log.hasGap || this.lagged) && this.connection.connected && this.removedReason === null)
          setTimeout(() => this.refill(), this.lagged ? 0 : 250);
      });
  }

  /** Too long away: the server's buffer no longer has what we missed. Continue from what it has, and say so. */
  private skipTo(snapshot: RoomSnapshot): void {
    this.log.resetTo(snapshot.events.length > 0 ? snapshot.events[0].seq - 1 : snapshot.lastSeq);
    this.replayGapHandlers.forEach(h => h());
  }

  private removed(reason: string): void {
    if (this.removedReason !== null) return;
    this.removedReason = reason;
    this.removedHandlers.forEach(h => h(reason));
    void this.connection.stop();
  }

  private setStatus(status: RoomStatus): void {
    if (status === this.currentStatus) return;
    // A room never goes back from ended (a late snapshot must not reopen it on screen).
    if (this.currentStatus === 'ended') return;
    this.currentStatus = status;
    this.statusHandlers.forEach(h => h(status));
  }
}
