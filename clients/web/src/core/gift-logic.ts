import type { Battle, GiftEvent, GiftTier, TopGifter } from './types';

// The gift rules of the pages, kept free of the DOM so tests can run them directly: combo streaks, the top-gifter
// ranking, the battle bar's numbers and the idempotent gift sender.

/** One gift streak on screen: a user repeating the same gift within the server's combo window. */
export interface Streak {
  comboId: string;
  userId: string | null;
  displayName: string;
  giftId: string;
  name: string;
  tier: GiftTier;
  /** The streak's running count as the server numbers it (x1, x2, ... or x5, x10 for sends of five). */
  count: number;
  /** Coins of the streak's sends seen by this page. */
  coins: number;
  /** Local time (ms) of the streak's last send: it leaves the screen `holdMs` later. */
  lastSeen: number;
}

/**
 * Groups gift events into streaks by the server's `comboId`, so twelve roses in a row show as one growing "x12"
 * instead of twelve animations. The count never goes down: the server's `comboCount` is a running count, and an
 * event replayed after a reconnect (same seq, filtered by the event log) or delivered late cannot shrink it.
 */
export class ComboTracker {
  private readonly streaks = new Map<string, Streak>();

  constructor(private readonly holdMs = 4000) {}

  /** Adds a gift; returns its streak and whether it is a new one (a new animation) or a repeat (a bump). */
  add(gift: GiftEvent, now: number): { streak: Streak; started: boolean } {
    const current = this.streaks.get(gift.comboId);
    if (current) {
      current.count = Math.max(current.count, gift.comboCount);
      current.coins += gift.coins;
      current.lastSeen = now;
      return { streak: current, started: false };
    }
    const streak: Streak = {
      comboId: gift.comboId,
      userId: gift.userId,
      displayName: gift.displayName ?? 'someone',
      giftId: gift.giftId,
      name: gift.name,
      tier: gift.tier,
      count: Math.max(1, gift.comboCount),
      coins: gift.coins,
      lastSeen: now,
    };
    this.streaks.set(gift.comboId, streak);
    return { streak, started: true };
  }

  /** Streaks with no send for `holdMs`: removed here and returned, for the page to take off the screen. */
  expire(now: number): Streak[] {
    const gone: Streak[] = [];
    for (const [id, streak] of this.streaks) {
      if (now - streak.lastSeen >= this.holdMs) {
        this.streaks.delete(id);
        gone.push(streak);
      }
    }
    return gone;
  }

  /** On screen now, biggest tier first, then newest. */
  get active(): Streak[] {
    return [...this.streaks.values()].sort((a, b) => tierRank(b.tier) - tierRank(a.tier) || b.lastSeen - a.lastSeen);
  }
}

const tiers: readonly GiftTier[] = ['small', 'medium', 'large', 'epic'];

export function tierRank(tier: GiftTier): number {
  const rank = tiers.indexOf(tier);
  return rank < 0 ? 0 : rank;
}

/** A replayed gift older than this (a viewer joining late) goes to the feed but is not animated. */
export const animateWithinMs = 10_000;

export function isFresh(at: number, now: number): boolean {
  return now - at < animateWithinMs;
}

export interface RankedGifter extends TopGifter {
  /** 1-based; gifters with the same coins share a rank (1, 2, 2, 4). */
  rank: number;
}

/**
 * The top-gifter board as shown: one line per user (the highest sum if a user appears twice), most coins first,
 * equal sums in the server's order (the server keeps who got there first first), at most `limit` lines.
 */
export function rankGifters(top: readonly TopGifter[], limit = 10): RankedGifter[] {
  const best = new Map<string, { gifter: TopGifter; order: number }>();
  top.forEach((gifter, order) => {
    const seen = best.get(gifter.userId);
    if (!seen || gifter.coins > seen.gifter.coins) best.set(gifter.userId, { gifter, order: seen?.order ?? order });
  });
  const sorted = [...best.values()].filter(x => x.gifter.coins > 0).sort((a, b) => b.gifter.coins - a.gifter.coins || a.order - b.order);
  const ranked: RankedGifter[] = [];
  sorted.slice(0, limit).forEach(({ gifter }, i) => {
    const previous = ranked[i - 1];
    ranked.push({ ...gifter, rank: previous && previous.coins === gifter.coins ? previous.rank : i + 1 });
  });
  return ranked;
}

export interface BattleBarView {
  ours: number;
  theirs: number;
  /** Our share of the bar in percent (50 when nobody has scored). */
  share: number;
  /** Whole seconds left while running, else null. */
  secondsLeft: number | null;
  outcome: 'running' | 'invited' | 'won' | 'lost' | 'draw' | 'declined';
  opponentRoomId: string | null;
}

/** The numbers of the battle bar for the room `roomId`, at local time `now`. */
export function battleBar(battle: Battle, roomId: string, now: number): BattleBarView {
  const ourSide = battle.sides.find(s => s.roomId === roomId);
  const theirSide = battle.sides.find(s => s.roomId !== roomId);
  const ours = ourSide?.score ?? 0;
  const theirs = theirSide?.score ?? 0;
  const share = ours + theirs === 0 ? 50 : Math.round((ours / (ours + theirs)) * 1000) / 10;
  let outcome: BattleBarView['outcome'];
  if (battle.status === 'ended') outcome = battle.winnerRoomId === roomId ? 'won' : battle.winnerRoomId ? 'lost' : 'draw';
  else outcome = battle.status;
  const secondsLeft = battle.status === 'running' && battle.endsAt !== null ? Math.max(0, Math.ceil((battle.endsAt - now) / 1000)) : null;
  return { ours, theirs, share, secondsLeft, outcome, opponentRoomId: theirSide?.roomId ?? null };
}

/** A new idempotency key: 128 random bits (getRandomValues also works on plain-http pages, randomUUID does not). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `g-${Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')}`;
}

interface Unconfirmed {
  giftId: string;
  count: number;
  key: string;
}

/**
 * Sends gifts so that a retry can never pay twice. Each press gets a fresh idempotency key; a send that got no
 * answer (the connection dropped: it may or may not have been debited) is retried with the same key, and if it is
 * still unanswered its key is kept, so the next press of the same gift and count retries that send instead of
 * starting a new one. A refusal from the server (not enough coins, banned, ended) is final: nothing was debited.
 */
export class GiftSender<Receipt> {
  private readonly unconfirmed: Unconfirmed[] = [];

  constructor(
    private readonly invoke: (giftId: string, count: number, key: string) => Promise<Receipt>,
    private readonly isRefusal: (error: unknown) => boolean,
    private readonly retryDelaysMs: readonly number[] = [500, 1500, 3000],
    private readonly newKey: () => string = newIdempotencyKey,
  ) {}

  /** Sends whose outcome is unknown (kept for the next press of the same gift). */
  get pending(): number {
    return this.unconfirmed.length;
  }

  async send(giftId: string, count: number): Promise<Receipt> {
    const index = this.unconfirmed.findIndex(u => u.giftId === giftId && u.count === count);
    const attempt = index >= 0 ? this.unconfirmed.splice(index, 1)[0] : { giftId, count, key: this.newKey() };
    for (let retry = 0; ; retry++) {
      try {
        return await this.invoke(giftId, count, attempt.key);
      } catch (error) {
        if (this.isRefusal(error)) throw error;
        if (retry >= this.retryDelaysMs.length) {
          this.unconfirmed.push(attempt);
          throw error;
        }
        await new Promise(resolve => setTimeout(resolve, this.retryDelaysMs[retry]));
      }
    }
  }
}
