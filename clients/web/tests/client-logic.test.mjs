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
