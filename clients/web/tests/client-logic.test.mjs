// The client's delivery and batching rules, exercised directly (the browser test covers them end to end).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { importClientModule } from './support/compile.mjs';

const comment = (seq, text = `c${seq}`) => ({ type: 'comment', seq, at: seq, userId: 'u', displayName: 'U', commentId: `c${seq}`, text });
const seqs = events => events.map(e => e.seq);

describe('EventLog: every seq once, in order', () => {
  let EventLog;
  before(async () => ({ EventLog } = await importClientModule('src/core/event-log.ts')));

  it('delivers contiguous events and drops ones already delivered', () => {
    const log = new EventLog();
    log.resetTo(10);
    assert.deepEqual(seqs(log.accept([comment(11), comment(12)])), [11, 12]);
    assert.deepEqual(seqs(log.accept([comment(12), comment(11), comment(13)])), [13]);
    assert.equal(log.lastSeq, 13);
    assert.equal(log.hasGap, false);
  });

  it('holds events past a gap and delivers them, in order, when the gap fills', () => {
    const log = new EventLog();
    log.resetTo(0);
    assert.deepEqual(seqs(log.accept([comment(1), comment(4), comment(5)])), [1]);
    assert.equal(log.hasGap, true);
    assert.deepEqual(seqs(log.accept([comment(3), comment(2)])), [2, 3, 4, 5]);
    assert.equal(log.hasGap, false);
    assert.equal(log.lastSeq, 5);
  });

  it('keeps batches that overtake the first join and delivers them after its history', () => {
    const log = new EventLog();
    log.hold([comment(42), comment(43)]); // live batches before the join's reply
    log.resetTo(39); // the join's history starts at 40
    assert.deepEqual(seqs(log.accept([comment(40), comment(41)])), [40, 41, 42, 43]);
  });

  it('forgets held events at or below a new starting point', () => {
    const log = new EventLog();
    log.resetTo(0);
    log.accept([comment(5), comment(9)]);
    log.resetTo(7); // the server no longer has 1..7: continue after it
    assert.equal(log.hasGap, true); // 9 still waits for 8
    assert.deepEqual(seqs(log.accept([comment(8)])), [8, 9]);
    assert.equal(log.hasGap, false);
  });
});

describe('LikeBatcher: taps summed into few calls', () => {
  let LikeBatcher;
  before(async () => ({ LikeBatcher } = await importClientModule('src/core/like-batcher.ts')));

  it('sends the taps of one interval as one number', async () => {
    const sent = [];
    const batcher = new LikeBatcher(async n => void sent.push(n), 40);
    for (let i = 0; i < 9; i++) batcher.tap();
    assert.equal(batcher.unsent, 9);
    await new Promise(ok => setTimeout(ok, 100));
    batcher.stop();
    assert.deepEqual(sent, [9]);
    assert.equal(batcher.unsent, 0);
  });

  it('never sends more than the server takes in one call', async () => {
    const sent = [];
    const batcher = new LikeBatcher(async n => void sent.push(n), 20);
    batcher.tap(250);
    await new Promise(ok => setTimeout(ok, 150));
    batcher.stop();
    assert.deepEqual(sent, [100, 100, 50]);
  });

  it('holds taps while the room is not joined and sends them once it is', async () => {
    const sent = [];
    let joined = false;
    const batcher = new LikeBatcher(async n => void sent.push(n), 10, () => joined);
    batcher.tap(130);
    batcher.tap(5);
    // Several intervals pass with the connection down: nothing is sent, nothing is lost.
    for (let i = 0; i < 5; i++) await batcher.flush();
    assert.deepEqual(sent, []);
    assert.equal(batcher.unsent, 135);
    joined = true;
    await batcher.flush();
    await batcher.flush();
    assert.deepEqual(sent, [100, 35]);
    batcher.stop();
  });

  it('holds at most maxHeld taps during an outage', () => {
    const batcher = new LikeBatcher(async () => {}, 10_000, () => false);
    batcher.tap(LikeBatcher.maxHeld + 500);
    batcher.tap();
    assert.equal(batcher.unsent, LikeBatcher.maxHeld);
    batcher.stop();
  });

  it('drops a refused batch instead of retrying it forever', async () => {
    let calls = 0;
    const batcher = new LikeBatcher(async () => {
      calls++;
      throw new Error('room has ended');
    }, 20);
    batcher.tap(3);
    await new Promise(ok => setTimeout(ok, 120));
    batcher.stop();
    assert.equal(calls, 1);
  });
});

describe('KeepTryingPolicy: reconnects forever, backing off', () => {
  let KeepTryingPolicy;
  before(async () => ({ KeepTryingPolicy } = await importClientModule('src/core/retry-policy.ts')));

  it('retries at once, then backs off to a capped delay, and never gives up', () => {
    const policy = new KeepTryingPolicy([0, 1000, 2000, 5000], 10_000);
    const delay = n => policy.nextRetryDelayInMilliseconds({ previousRetryCount: n, elapsedMilliseconds: n * 1000, retryReason: new Error('x') });
    assert.equal(delay(0), 0);
    for (const [n, base] of [[1, 1000], [2, 2000], [3, 5000]]) {
      const d = delay(n);
      assert.ok(d >= base && d <= base * 1.2, `retry ${n}: ${d} ms`);
    }
    for (const n of [4, 50, 10_000]) {
      const d = delay(n);
      assert.ok(d >= 10_000 && d <= 12_000, `retry ${n}: ${d} ms`);
    }
  });
});

const gift = (seq, { comboId = 'k1', comboCount = 1, giftId = 'rose', coins = 1, tier = 'small', user = 'u1', at = 1000 } = {}) =>
  ({ type: 'gift', seq, at, userId: user, displayName: user.toUpperCase(), giftId, name: giftId, coins, count: 1, tier, comboId, comboCount, roomTotal: 0 });

describe('ComboTracker: one growing streak per combo, not one animation per gift', () => {
  let ComboTracker;
  before(async () => ({ ComboTracker } = await importClientModule('src/core/gift-logic.ts')));

  it('groups gifts with the same comboId into one streak whose count follows the server', () => {
    const tracker = new ComboTracker(4000);
    assert.equal(tracker.add(gift(1, { comboCount: 1 }), 0).started, true);
    const second = tracker.add(gift(2, { comboCount: 2 }), 100);
    assert.equal(second.started, false);
    const third = tracker.add(gift(3, { comboCount: 3 }), 200);
    assert.equal(third.streak.count, 3);
    assert.equal(third.streak.coins, 3);
    assert.equal(tracker.active.length, 1);
  });

  it('never counts a streak down when an older event of it arrives late', () => {
    const tracker = new ComboTracker(4000);
    tracker.add(gift(5, { comboCount: 5 }), 0);
    assert.equal(tracker.add(gift(4, { comboCount: 4 }), 10).streak.count, 5);
  });

  it('keeps different combos (another gift, another sender, or after a pause) apart, biggest tier first', () => {
    const tracker = new ComboTracker(4000);
    tracker.add(gift(1, { comboId: 'a' }), 0);
    tracker.add(gift(2, { comboId: 'b', giftId: 'galaxy', tier: 'large', user: 'u2' }), 10);
    tracker.add(gift(3, { comboId: 'c', comboCount: 1 }), 20);
    assert.deepEqual(tracker.active.map(s => s.comboId), ['b', 'c', 'a']);
  });

  it('lets a streak go once nothing was added to it for the hold time', () => {
    const tracker = new ComboTracker(1000);
    tracker.add(gift(1, { comboId: 'a' }), 0);
    tracker.add(gift(2, { comboId: 'b' }), 600);
    assert.deepEqual(tracker.expire(999), []);
    assert.deepEqual(tracker.expire(1000).map(s => s.comboId), ['a']);
    tracker.add(gift(3, { comboId: 'b', comboCount: 2 }), 1500);
    assert.deepEqual(tracker.expire(2000), [], 'a repeat keeps the streak on screen');
    assert.deepEqual(tracker.expire(2500).map(s => s.comboId), ['b']);
  });
});

describe('rankGifters: the top-gifter board', () => {
  let rankGifters;
  before(async () => ({ rankGifters } = await importClientModule('src/core/gift-logic.ts')));
  const g = (userId, coins) => ({ userId, displayName: userId, coins });

  it('orders by coins, keeps the server order for equal sums, and gives equal sums the same rank', () => {
    const ranked = rankGifters([g('b', 30), g('a', 500), g('c', 30), g('d', 7)]);
    assert.deepEqual(ranked.map(r => [r.userId, r.rank]), [['a', 1], ['b', 2], ['c', 2], ['d', 4]]);
  });

  it('shows one line per user with their highest sum, drops zero sums, and cuts at the limit', () => {
    const ranked = rankGifters([g('a', 5), g('b', 9), g('a', 12), g('z', 0), g('c', 1)], 2);
    assert.deepEqual(ranked.map(r => [r.userId, r.coins]), [['a', 12], ['b', 9]]);
  });
});

describe('battleBar: the numbers of the battle bar', () => {
  let battleBar;
  before(async () => ({ battleBar } = await importClientModule('src/core/gift-logic.ts')));
  const battle = (status, ours, theirs, extra = {}) => ({ battleId: 'b1', status, sides: [{ roomId: 'them', creatorId: 'x', score: theirs }, { roomId: 'us', creatorId: 'y', score: ours }], endsAt: 100_000, winnerRoomId: null, endReason: null, ...extra });

  it('splits the bar by score from this room\'s side, half and half at 0:0, and counts down whole seconds', () => {
    assert.equal(battleBar(battle('running', 0, 0), 'us', 0).share, 50);
    const view = battleBar(battle('running', 300, 100), 'us', 98_500);
    assert.deepEqual([view.ours, view.theirs, view.share, view.secondsLeft, view.opponentRoomId], [300, 100, 75, 2, 'them']);
    assert.equal(battleBar(battle('running', 1, 1), 'us', 200_000).secondsLeft, 0);
  });

  it('names the outcome from this room\'s point of view', () => {
    assert.equal(battleBar(battle('ended', 5, 1, { winnerRoomId: 'us' }), 'us', 0).outcome, 'won');
    assert.equal(battleBar(battle('ended', 5, 1, { winnerRoomId: 'us' }), 'them', 0).outcome, 'lost');
    assert.equal(battleBar(battle('ended', 2, 2), 'us', 0).outcome, 'draw');
    assert.equal(battleBar(battle('ended', 2, 2), 'us', 0).secondsLeft, null);
  });
});

describe('GiftSender: a retried gift never pays twice', () => {
  let GiftSender;
  before(async () => ({ GiftSender } = await importClientModule('src/core/gift-logic.ts')));
  const refusal = message => new Error(`An unexpected error occurred invoking 'SendGift' on the server. HubException: ${message}`);
  const isRefusal = e => e.message.includes('HubException');
  let keys;
  const newKey = () => `k${++keys}`;

  it('retries a send that got no answer with the same key', async () => {
    keys = 0;
    const seen = [];
    let calls = 0;
    const sender = new GiftSender(async (giftId, count, key) => {
      seen.push(key);
      if (++calls < 3) throw new Error('Invocation canceled due to the underlying connection being closed.');
      return { key };
    }, isRefusal, [1, 1, 1], newKey);
    assert.deepEqual(await sender.send('rose', 1), { key: 'k1' });
    assert.deepEqual(seen, ['k1', 'k1', 'k1']);
    assert.equal(sender.pending, 0);
  });

  it('gives every new press its own key', async () => {
    keys = 0;
    const seen = [];
    const sender = new GiftSender(async (giftId, count, key) => void seen.push(key), isRefusal, [], newKey);
    await sender.send('rose', 1);
    await sender.send('rose', 1);
    assert.deepEqual(seen, ['k1', 'k2']);
  });

  it('does not retry a refusal: the server answered and nothing was paid', async () => {
    keys = 0;
    let calls = 0;
    const sender = new GiftSender(async () => {
      calls++;
      throw refusal('not enough coins');
    }, isRefusal, [1, 1], newKey);
    await assert.rejects(sender.send('yacht', 1), /not enough coins/);
    assert.equal(calls, 1);
    assert.equal(sender.pending, 0);
  });

  it('keeps the key of a send still unanswered after its retries, and the next press of that gift reuses it', async () => {
    keys = 0;
    const seen = [];
    let online = false;
    const sender = new GiftSender(async (giftId, count, key) => {
      seen.push(`${giftId}:${key}`);
      if (!online) throw new Error('Cannot send data if the connection is not in the \'Connected\' State.');
      return key;
    }, isRefusal, [1], newKey);
    await assert.rejects(sender.send('rose', 1));
    assert.equal(sender.pending, 1);
    online = true;
    assert.equal(await sender.send('donut', 1), 'k2', 'another gift is another send');
    assert.equal(await sender.send('rose', 1), 'k1', 'the same gift again finishes the unanswered send');
    assert.equal(sender.pending, 0);
    assert.deepEqual(seen, ['rose:k1', 'rose:k1', 'donut:k2', 'rose:k1']);
  });
});

describe('newIdempotencyKey', () => {
  it('is a fresh 128-bit key each time, within the server\'s 100 characters', async () => {
    const { newIdempotencyKey } = await importClientModule('src/core/gift-logic.ts');
    const keys = new Set(Array.from({ length: 100 }, () => newIdempotencyKey()));
    assert.equal(keys.size, 100);
    for (const key of keys) assert.match(key, /^g-[0-9a-f]{32}$/);
  });
});

describe('parseWords: the blocked-word box', () => {
  it('splits on commas and lines, trims, drops blanks and repeats', async () => {
    const { parseWords } = await importClientModule('src/panels/moderation-settings.ts');
    assert.deepEqual(parseWords(' scam, free coins\n\nspam ,scam,'), ['scam', 'free coins', 'spam']);
    assert.deepEqual(parseWords(' , \n'), []);
  });
});

describe('RoomSession: Lagged (the server took a slow connection out of the live stream)', () => {
  let RoomSession;
  before(async () => ({ RoomSession } = await importClientModule('src/core/room-session.ts')));

  // A connection whose hub is driven by the test: it pushes server messages and answers JoinRoom from a queue.
  function fakeConnection() {
    const handlers = new Map();
    const joins = [];
    const replies = [];
    const ups = [];
    return {
      joins,
      reply: snapshot => replies.push(snapshot),
      push: (method, ...args) => handlers.get(method)?.forEach(h => h(...args)),
      up: () => Promise.all(ups.map(u => u())),
      connection: {
        connected: true,
        onUp: listener => ups.push(listener),
        stop: async () => {},
        hub: {
          on: (method, handler) => handlers.set(method, [...(handlers.get(method) ?? []), handler]),
          invoke: async (method, ...args) => {
            joins.push([method, ...args]);
            return replies.shift();
          },
          send: async () => {},
        },
      },
    };
  }

  const snapshot = (events, lastSeq, replayComplete = true) => ({
    roomId: 'r1', events, lastSeq, replayComplete, status: 'live', counters: { viewers: 1, likes: 0, comments: lastSeq },
  });
  const until = async condition => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise(r => setTimeout(r, 5));
    assert.ok(condition());
  };

  it('rejoins from the highest seq seen and delivers the gap once, in order', async () => {
    const fake = fakeConnection();
    const session = new RoomSession('r1', fake.connection);
    const delivered = [];
    session.on('*', e => delivered.push(e.seq));
    fake.reply(snapshot([comment(1), comment(2)], 2));
    await fake.up();
    fake.push('Events', { roomId: 'r1', events: [comment(3), comment(4)] });

    fake.reply(snapshot([comment(5), comment(6), comment(7)], 7));
    fake.push('Lagged', 'r1', 4);
    await until(() => delivered.length === 7);
    assert.deepEqual(fake.joins.at(-1), ['JoinRoom', 'r1', 4]);

    fake.push('Events', { roomId: 'r1', events: [comment(7), comment(8)] }); // live again; 7 came with the snapshot
    assert.deepEqual(delivered, [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('ignores Lagged for another room', async () => {
    const fake = fakeConnection();
    const session = new RoomSession('r1', fake.connection);
    fake.reply(snapshot([comment(1)], 1));
    await fake.up();
    fake.push('Lagged', 'r2', 1);
    await new Promise(r => setTimeout(r, 20));
    assert.equal(fake.joins.length, 1);
    assert.equal(session.status, 'live');
  });
});

describe('Poll and goal bars', () => {
  let pollPercents;
  let goalPercent;
  before(async () => ({ pollPercents, goalPercent } = await importClientModule('src/core/poll-logic.ts')));

  it('gives each option its share of the votes, and nothing before the first vote', () => {
    assert.deepEqual(pollPercents([0, 0, 0]), [0, 0, 0]);
    assert.deepEqual(pollPercents([1, 1, 2]), [25, 25, 50]);
    assert.deepEqual(pollPercents([5_000, 0]), [100, 0]);
  });

  it('fills the goal bar up to its target and no further', () => {
    assert.equal(goalPercent(0, 100), 0);
    assert.equal(goalPercent(57, 100), 57);
    assert.equal(goalPercent(250, 100), 100);
    assert.equal(goalPercent(5, 0), 0);
  });
});

describe('gift effects: the studio list and the viewer line', () => {
  let logic;
  before(async () => (logic = await importClientModule('src/core/effect-logic.ts')));
  const glasses = { kind: 'sticker', options: { asset: 'glasses' } };
  const warm = { kind: 'look', options: { name: 'warm' } };

  it('keeps one line per gift, replacing in place', () => {
    const list = logic.upsertEffect(logic.upsertEffect([], { giftId: 'rose', filter: glasses, seconds: 5 }), { giftId: 'galaxy', filter: warm, seconds: 3 });
    const updated = logic.upsertEffect(list, { giftId: 'rose', filter: warm, seconds: 9 });
    assert.deepEqual(updated.map(e => [e.giftId, e.filter.kind, e.seconds]), [['rose', 'look', 9], ['galaxy', 'look', 3]]);
  });

  it('refuses what the server refuses: too many lines, seconds out of range', () => {
    assert.equal(logic.mappingProblem([{ giftId: 'rose', filter: glasses, seconds: 31 }]), 'Seconds must be from 1 to 30.');
    assert.equal(logic.mappingProblem([{ giftId: 'rose', filter: glasses, seconds: 0 }]), 'Seconds must be from 1 to 30.');
    assert.equal(logic.mappingProblem(Array.from({ length: 11 }, (_, i) => ({ giftId: `g${i}`, filter: glasses, seconds: 5 }))), 'At most 10 gift effects.');
    assert.equal(logic.mappingProblem([{ giftId: 'rose', filter: glasses, seconds: 30 }]), null);
  });

  it('says who triggered what, with the combo count and previews marked', () => {
    const e = { type: 'effect', seq: 1, at: 1, userId: 'u', displayName: 'Ann', giftId: 'rose', giftName: 'Rose', filter: glasses, seconds: 5, comboId: 'c1', comboCount: 1 };
    assert.equal(logic.effectLine(e), "Ann's Rose triggered glasses for 5s");
    assert.equal(logic.effectLine({ ...e, comboCount: 4, filter: warm }), "Ann's Rose x4 triggered warm look for 5s");
    assert.equal(logic.effectLine({ ...e, preview: true }), 'Ann previewed the glasses effect');
    assert.equal(logic.choiceFor(glasses), 'sticker:glasses');
  });
});
