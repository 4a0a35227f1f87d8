// End-to-end: the built pages in Debian's Chromium against the real server, started here as a process.
// One live, told in order: a creator goes live with the fake camera and a filter, two viewers (one on a
// phone-sized screen) join, chat and like, one viewer's connection drops and comes back without losing a
// comment, one viewer buys coins and sends gifts that everyone sees, the creator sets room rules, deletes,
// mutes and bans from the studio's feed, and ends the live. Steps share the pages, so they run in sequence.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cspViolations, launchBrowser, openPage } from './support/browser.mjs';
import { startProxy } from './support/cuttable-proxy.mjs';
import { chartIsDrawn, screenshot, signInOnPage, StudioPage, ViewerPage } from './support/pages.mjs';
import { buildServer, rest, signIn, startServer, testVideo } from './support/server.mjs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('LiveInteract web pages in a real browser', () => {
  let server;
  let proxy;
  let browser;
  const pages = [];
  let studio;
  let alice; // desktop, through the proxy the test can cut
  let bob; // phone-sized
  let roomId;
  let quiet; // a second creator, with a live room of her own
  let quietRoom;
  const scratch = mkdtempSync(join(tmpdir(), 'li-web-e2e-files-'));

  const open = async options => {
    const page = await openPage(browser, options);
    pages.push(page);
    return page;
  };

  before(async () => {
    buildServer();
    server = await startServer();
    proxy = await startProxy(server.port);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await proxy?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('serves every page with a Content-Security-Policy that forbids inline and foreign scripts', async () => {
    for (const path of ['/', '/room.html', '/studio.html']) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1]?.replaceAll('&#39;', "'");
      assert.ok(policy, `${path} has no CSP meta tag`);
      assert.match(policy, /script-src 'self'(;|$)/);
      assert.match(policy, /connect-src 'self' ws: wss:/);
      assert.match(policy, /img-src 'self' data: blob:/);
      assert.match(policy, /media-src 'self' blob:/);
      assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
    }
    // Enforced, not just present: an injected inline script does not run and is reported.
    const page = await open();
    await page.goto(`${server.url}/`);
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      await new Promise(ok => setTimeout(ok, 100));
      return window.__inlineRan === true;
    });
    assert.equal(ran, false);
    assert.ok((await cspViolations(page)).some(v => v.startsWith('script-src')));
    await page.context().close();
    pages.splice(pages.indexOf(page), 1);
  });

  it('a creator creates a room, starts the fake camera, goes live and turns on a filter', async () => {
    studio = new StudioPage(await open());
    roomId = await studio.create(server.url, 'Ana the creator', 'Morning coffee live');
    assert.match(roomId, /^[A-Za-z0-9_-]+$/);

    await studio.startCamera();
    // The fake camera's frames reach the canvas the studio encodes from.
    await studio.page.waitForFunction(() => {
      const canvas = document.querySelector('[data-testid="camera-canvas"]');
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      return data.some((v, i) => i % 4 !== 3 && v > 0);
    });
    // Chromium's fake camera is a spinning shape on a plain background: the canvas keeps redrawing it.
    const first = await studio.canvasPicture();
    assert.ok(first.colours >= 2, `the camera canvas shows a picture, not a flat colour (${first.colours} colours)`);
    await studio.page.waitForTimeout(600);
    assert.notEqual((await studio.canvasPicture()).fingerprint, first.fingerprint, 'the canvas follows the camera');
    // The server takes video only from a live room: until then the studio says when it will be sent.
    const ingest = studio.page.getByTestId('ingest-status');
    await ingest.and(studio.page.locator('[data-state="waiting"]')).waitFor();
    assert.match(await ingest.textContent(), /goes to viewers once you go live/);

    await studio.goLive();
    // Going live connects the ingest at once (no retry delay) and frames flow.
    await ingest.and(studio.page.locator('[data-state="sending"]')).waitFor({ timeout: 5000 });
    await studio.page.locator('.ingest-sent').filter({ hasText: /^[1-9]\d* frames sent/ }).waitFor();
    await studio.turnOnFilter('sticker');
    // The active line shows the filters event the server broadcast, not just the checkbox.
    await studio.activeFilters().filter({ hasText: 'sticker (glasses)' }).waitFor();
    await studio.turnOnFilter('look');
    await studio.activeFilters().filter({ hasText: 'sticker (glasses) → look (warm)' }).waitFor();
    const snapshot = await (await signIn(server.url, 'Checker', 'viewer').then(t => rest(server.url, t.token, 'GET', `/api/rooms/${roomId}`)));
    assert.equal(snapshot.status, 'live');
    assert.deepEqual(snapshot.filters, [{ kind: 'sticker', options: { asset: 'glasses' } }, { kind: 'look', options: { name: 'warm' } }]);
  });

  it('the studio can stream a test video file instead of the camera, and switch back', async () => {
    await studio.streamFile(testVideo(scratch));
    // A real street scene: many colours (the fake camera has two), and moving.
    await studio.page.waitForFunction(() => {
      const canvas = document.querySelector('[data-testid="camera-canvas"]');
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4) colours.add((data[i] >> 4) * 256 + (data[i + 1] >> 4) * 16 + (data[i + 2] >> 4));
      return colours.size > 50;
    });
    const first = await studio.canvasPicture();
    await studio.page.waitForTimeout(600);
    assert.notEqual((await studio.canvasPicture()).fingerprint, first.fingerprint, 'the canvas plays the video');
    // The file's frames take the same way as the camera's: the studio tries the ingest socket for them too.
    await studio.page.getByTestId('ingest-status').and(studio.page.locator('[data-state="sending"]')).waitFor();
    await studio.stopSource();
    assert.equal(await studio.page.getByTestId('ingest-status').textContent(), 'Camera off');
    await studio.startCamera();
    await studio.page.waitForFunction(() => {
      const canvas = document.querySelector('[data-testid="camera-canvas"]');
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4) colours.add((data[i] >> 4) * 256 + (data[i + 1] >> 4) * 16 + (data[i + 2] >> 4));
      return colours.size <= 3;
    });
  });

  it('a viewer on a phone-sized screen joins from a link and sees the creator\'s filtered video', async () => {
    bob = new ViewerPage(await open({ viewport: { width: 390, height: 844 }, isMobile: true }));
    await bob.open(server.url, roomId, 'Bob');
    await bob.page.getByTestId('room-title').filter({ hasText: 'Morning coffee live' }).waitFor();
    // The studio's camera streams into the ingest: the viewer plays HLS or, until it is ready, the MJPEG preview.
    await bob.page.locator('[data-testid="video"]:is([data-source="hls"], [data-source="preview"])').waitFor({ timeout: 30_000 });
    assert.ok(!(await bob.page.getByTestId('video-empty').isVisible()));
  });

  it('the lobby lists live rooms by viewer count, and a guest joins one from it', async () => {
    quiet = await signIn(server.url, 'Quiet Quinn', 'creator');
    quietRoom = await rest(server.url, quiet.token, 'POST', '/api/rooms', { title: 'Quiet corner' });
    await rest(server.url, quiet.token, 'POST', `/api/rooms/${quietRoom.roomId}/start`);

    alice = new ViewerPage(await open());
    await alice.page.goto(`${proxy.url}/`);
    await signInOnPage(alice.page, 'Alice');
    const cards = alice.page.getByTestId('rooms').locator('.room-card');
    // The busy room (creator + Bob watching) is listed before the quiet one; the lobby refreshes by itself.
    await alice.page.waitForFunction(id => {
      const first = document.querySelector('[data-testid="rooms"] .room-card');
      return document.querySelectorAll('[data-testid="rooms"] .room-card').length === 2 && first?.dataset.room === id && first.querySelector('.room-viewer-count')?.textContent === '2';
    }, roomId, { timeout: 20_000 });
    assert.deepEqual(await cards.evaluateAll(c => c.map(x => x.querySelector('.room-title').textContent)), ['Morning coffee live', 'Quiet corner']);
    assert.match(await cards.first().textContent(), /Ana the creator/);
    // The streaming room's card shows its latest video frame; the quiet room (no video: 404) keeps the placeholder.
    await cards.first().getByTestId('room-thumbnail').and(alice.page.locator('img:not([hidden])')).waitFor({ timeout: 20_000 });
    assert.ok(await cards.first().getByTestId('room-thumbnail').evaluate(img => img.complete && img.naturalWidth > 0), 'the thumbnail is a decoded picture');
    assert.ok(await cards.nth(1).getByTestId('room-thumbnail').isHidden(), 'no broken image for a room without video');
    assert.equal(await cards.nth(1).locator('.room-initial').textContent(), 'Q');
    await screenshot(alice.page, 'lobby');

    await cards.first().locator('a').click();
    await alice.waitJoined();
    await alice.page.getByTestId('room-title').filter({ hasText: 'Morning coffee live' }).waitFor();
    await studio.stat('viewers').filter({ hasText: /^3$/ }).waitFor();
  });

  it('a comment reaches both viewers and the creator, rendered as text', async () => {
    const text = 'Hello from Alice <b>not bold</b> <img src=x onerror=alert(1)>';
    await alice.comment(text);
    for (const page of [alice, bob, new ViewerPage(studio.page)]) {
      await page.comments().filter({ hasText: text }).waitFor();
      const item = page.comments().filter({ hasText: text });
      assert.equal(await item.locator('.feed-name').textContent(), 'Alice');
      assert.equal(await item.locator('b, img').count(), 0, 'markup in a comment must not become elements');
    }
    assert.equal(await alice.page.getByRole('textbox', { name: 'Comment' }).inputValue(), '', 'the box clears after a sent comment');
    await studio.stat('comments').filter({ hasText: /^1$/ }).waitFor();
  });

  it('a refused comment shows the server error and keeps what was typed', async () => {
    const tooLong = 'x'.repeat(301);
    await bob.comment(tooLong);
    await bob.page.getByTestId('comment-error').filter({ hasText: 'comment is longer than 300 characters' }).waitFor();
    assert.equal(await bob.page.getByRole('textbox', { name: 'Comment' }).inputValue(), tooLong);
    assert.equal(await alice.comments().count(), 1, 'nothing reached other viewers');
    await bob.comment('Greetings from a phone');
    await alice.comments().filter({ hasText: 'Greetings from a phone' }).waitFor();
    assert.ok(await bob.page.getByTestId('comment-error').isHidden());
  });

  it('a page still connecting keeps its comment box and like button closed, and opens them once the room is joined', async () => {
    const page = await open();
    // Refuse the hub's WebSocket until released: the page has the room's title and its panels, and keeps retrying.
    let allowed = false;
    await page.routeWebSocket('**/hubs/live**', ws => (allowed ? ws.connectToServer() : ws.close()));
    const carol = new ViewerPage(page);
    await page.goto(`${server.url}/room.html?room=${encodeURIComponent(roomId)}`);
    await signInOnPage(page, 'Carol');
    const box = page.getByRole('textbox', { name: 'Comment' });
    await box.waitFor();
    assert.ok(await box.isDisabled(), 'no comment can be typed before the room is joined');
    assert.equal(await box.getAttribute('placeholder'), 'Joining…');
    assert.ok(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled());
    assert.ok(await page.getByRole('button', { name: 'Like' }).isDisabled(), 'a tap would be lost before the room is joined');
    await carol.banner().filter({ hasText: 'Connecting…' }).waitFor();

    allowed = true;
    await carol.waitJoined();
    assert.ok(await box.isEnabled());
    assert.equal(await box.getAttribute('placeholder'), 'Say something…');
    assert.ok(await page.getByRole('button', { name: 'Like' }).isEnabled());
    await carol.comment('Carol made it in');
    await alice.comments().filter({ hasText: 'Carol made it in' }).waitFor();
    await page.close();
    pages.splice(pages.indexOf(page), 1);
    await studio.stat('viewers').filter({ hasText: /^3$/ }).waitFor({ timeout: 20_000 });
  });

  it('likes float hearts at once and add up for everyone', async () => {
    // Spread over more than one 250 ms batch, so some taps are in flight while others are not sent yet.
    await bob.like(7, 80);
    assert.equal(await bob.page.getByTestId('like-count').textContent(), '7', 'every tap counts on screen at once');
    assert.ok((await bob.page.locator('.heart').count()) > 0, 'hearts float');
    await alice.like(3);
    await studio.stat('likes').filter({ hasText: /^10$/ }).waitFor();
    await alice.page.getByTestId('like-count').filter({ hasText: /^10$/ }).waitFor();
    await bob.page.getByTestId('like-count').filter({ hasText: /^10$/ }).waitFor();
  });

  it('a viewer whose connection drops sees it, reconnects by itself and misses no comment or like', async () => {
    const before = await alice.commentSeqs();
    proxy.cut();
    await alice.banner().and(alice.page.locator('[data-state="reconnecting"]')).waitFor();
    assert.match(await alice.banner().textContent(), /Connection lost/);
    await screenshot(alice.page, 'viewer-reconnecting');
    // Likes tapped while she is away, over more than one 250 ms batch: on her screen at once, sent when she is back.
    await alice.like(4, 100);
    await alice.page.getByTestId('like-count').filter({ hasText: /^14$/ }).waitFor();
    // A comment sent meanwhile is not lost in silence: the page says why and keeps the text.
    await alice.comment('Typed while away');
    await alice.page.getByTestId('comment-error').filter({ hasText: 'Reconnecting to the live: your comment is kept' }).waitFor();
    assert.equal(await alice.page.getByRole('textbox', { name: 'Comment' }).inputValue(), 'Typed while away');

    // The room goes on without her.
    await bob.comment('You missed this one');
    await new ViewerPage(studio.page).comments().filter({ hasText: 'You missed this one' }).waitFor();
    await studio.page.getByRole('textbox', { name: 'Comment' }).fill('And this one from the creator');
    await studio.page.getByRole('button', { name: 'Send', exact: true }).click();
    await bob.comments().filter({ hasText: 'And this one from the creator' }).waitFor();

    proxy.restore();
    await alice.waitJoined();
    await alice.comments().filter({ hasText: 'And this one from the creator' }).waitFor();
    await studio.stat('likes').filter({ hasText: /^14$/ }).waitFor();
    await bob.page.getByTestId('like-count').filter({ hasText: /^14$/ }).waitFor();
    const seqs = await alice.commentSeqs();
    assert.deepEqual(seqs.slice(0, before.length), before);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'in seq order');
    assert.equal(new Set(seqs).size, seqs.length, 'no comment twice');
    assert.deepEqual(await alice.comments().locator('.feed-text').allTextContents(), await bob.comments().locator('.feed-text').allTextContents());
    // And she is live again: her next comment reaches the others.
    await alice.comment('I am back');
    await bob.comments().filter({ hasText: 'I am back' }).waitFor();
  });

  it('a viewer buys coins and sends gifts: both viewers and the creator see them, and her balance drops by the price', async () => {
    await alice.openGifts();
    await alice.balance().filter({ hasText: /^0$/ }).waitFor();
    const donut = alice.page.getByTestId('gift-catalog').locator('[data-gift="donut"]');
    assert.match(await donut.textContent(), /Donut\s*30 coins/);
    // A new wallet is empty: the tray says so instead of sending.
    await alice.sendGift('donut');
    await alice.page.getByTestId('gift-error').filter({ hasText: 'Donut costs 30 coins; you have 0' }).waitFor();
    await alice.topUp();
    assert.equal(await alice.balance().textContent(), '100');

    // Bob asked his system for less motion: his cards appear without sliding in; Alice's slide in.
    await bob.page.emulateMedia({ reducedMotion: 'reduce' });
    await alice.sendGift('donut');
    await alice.balance().filter({ hasText: /^70$/ }).waitFor();
    for (const [viewer, animation] of [[alice, 'gift-in'], [bob, 'none']]) {
      const card = viewer.giftCard('donut');
      await card.waitFor();
      assert.equal(await card.evaluate(c => getComputedStyle(c).animationName), animation);
      assert.equal(await card.getAttribute('data-tier'), 'small');
      assert.match(await card.textContent(), /Alice\s*sent Donut\s*×1/);
      await viewer.giftLines().filter({ hasText: 'sent Donut ×1' }).waitFor();
    }
    await studio.feedLine('sent Donut ×1').waitFor();
    await studio.stat('coins').filter({ hasText: /^30$/ }).waitFor();
    await studio.stat('earnings').filter({ hasText: /^30$/ }).waitFor();

    // Three roses in a row are one streak: one card whose count grows to x3, one feed line.
    for (let i = 0; i < 3; i++) await alice.sendGift('rose');
    await alice.balance().filter({ hasText: /^67$/ }).waitFor();
    await bob.giftCard('rose').locator('.gift-combo').filter({ hasText: '×3' }).waitFor();
    assert.equal(await bob.giftCard('rose').count(), 1, 'one card for the streak');
    await bob.giftLines().filter({ hasText: 'sent Rose ×3' }).waitFor();
    assert.equal(await bob.giftLines().filter({ hasText: 'Rose' }).count(), 1, 'one feed line for the streak');
    // The top-gifter board: Alice with 33 coins, on the viewers' pages and in the studio.
    for (const page of [bob.page, studio.page]) {
      await page.getByTestId('top-gifters').locator('li').filter({ hasText: 'Alice' }).filter({ hasText: /33$/ }).waitFor();
      await page.getByTestId('gift-total').filter({ hasText: /^33$/ }).waitFor();
    }
    await studio.stat('earnings').filter({ hasText: /^33$/ }).waitFor();
    assert.equal(await alice.page.getByTestId('gift-error').textContent(), '');
  });

  it('the lobby\'s leaderboard shows the top creator and the top gifter of the day', async () => {
    const lea = await open();
    await lea.goto(`${server.url}/`);
    await signInOnPage(lea, 'Lea');
    const entries = lea.getByTestId('rankings').locator('li');
    // Gifts reach the boards through the per-silo sums merged every second (docs/INSIGHTS.md).
    await entries.first().filter({ hasText: '1. Ana the creator' }).filter({ hasText: '33 coins' }).waitFor({ timeout: 20_000 });
    await lea.getByTestId('rankings-panel').getByRole('button', { name: 'Top gifters' }).click();
    await entries.first().filter({ hasText: '1. Alice' }).filter({ hasText: '33 coins' }).waitFor({ timeout: 20_000 });
    assert.equal(await entries.count(), 1);
    await lea.getByTestId('rankings-panel').getByRole('button', { name: 'Week' }).click();
    await entries.first().filter({ hasText: '1. Alice' }).waitFor();
    await screenshot(lea, 'lobby-leaderboard');
  });

  it('the creator invites another live to a gift battle; viewers see the battle bar and their gifts move their side', async () => {
    await studio.page.getByTestId('battle-refresh').click();
    await studio.page.getByTestId('battle-opponent').selectOption({ label: 'Quiet corner (Quiet Quinn)' });
    await studio.page.getByTestId('battle-invite').click();
    await studio.page.getByTestId('battle-state').filter({ hasText: 'waiting for the other creator to accept' }).waitFor();
    // The other creator accepts (from her own studio; here over REST).
    const { gifts } = await rest(server.url, quiet.token, 'GET', `/api/rooms/${quietRoom.roomId}`);
    assert.ok(gifts.battleId, 'the invited room knows the battle');
    await rest(server.url, quiet.token, 'POST', `/api/battles/${gifts.battleId}/accept`);

    for (const page of [alice.page, bob.page, studio.page]) {
      await page.getByTestId('battle-bar').waitFor();
      await page.locator('.battle-vs').filter({ hasText: 'Battle against Quiet corner (Quiet Quinn)' }).waitFor();
      await page.getByTestId('battle-clock').filter({ hasText: /^[23]:\d\d$/ }).waitFor();
    }
    await studio.page.getByTestId('battle-state').filter({ hasText: 'Battle running' }).waitFor();
    await alice.sendGift('rose');
    await alice.balance().filter({ hasText: /^66$/ }).waitFor();
    for (const page of [alice.page, bob.page, studio.page]) {
      await page.getByTestId('battle-ours').filter({ hasText: /^1$/ }).waitFor();
      assert.equal(await page.getByTestId('battle-theirs').textContent(), '0');
    }
    await screenshot(alice.page, 'viewer');
    await screenshot(bob.page, 'viewer-phone');
    await screenshot(studio.page, 'studio', { fullPage: true });
  });

  it('the creator sets slow mode and a blocked word; viewers see slow mode and a blocked comment is refused', async () => {
    await studio.page.getByTestId('slow-mode').selectOption('3');
    for (const viewer of [alice, bob]) await viewer.page.locator('.feed-notice').filter({ hasText: 'Slow mode is on: one comment every 3 s.' }).waitFor();
    await studio.page.getByTestId('blocked-words').fill('scam, free coins');
    await studio.page.getByTestId('save-blocked-words').click();
    await studio.page.getByTestId('blocked-word-count').filter({ hasText: '2 blocked words active' }).waitFor();

    await bob.comment('this is a S.C.A.M');
    await bob.page.getByTestId('comment-error').filter({ hasText: 'comment contains a blocked word' }).waitFor();
    assert.equal(await bob.page.getByRole('textbox', { name: 'Comment' }).inputValue(), 'this is a S.C.A.M');
    await bob.comment('Lovely stream');
    await alice.comments().filter({ hasText: 'Lovely stream' }).waitFor();
    await bob.comment('And again');
    await bob.page.getByTestId('comment-error').filter({ hasText: /^slow mode: wait \d seconds$/ }).waitFor();

    await studio.page.getByTestId('slow-mode').selectOption('0');
    await alice.page.locator('.feed-notice').filter({ hasText: 'Slow mode is off.' }).waitFor();
  });

  it('the creator deletes a comment and mutes a viewer from the feed: the comment goes everywhere, the muted viewer sees why she cannot comment', async () => {
    await studio.moderate('I am back', 'delete');
    for (const page of [alice, bob, new ViewerPage(studio.page)]) await page.comments().filter({ hasText: 'I am back' }).waitFor({ state: 'detached' });

    await studio.moderate('Hello from Alice', 'mute');
    await alice.restriction().filter({ hasText: 'A moderator muted you' }).waitFor();
    assert.ok(await alice.page.getByRole('textbox', { name: 'Comment' }).isDisabled());
    assert.ok(await alice.page.getByRole('button', { name: 'Send', exact: true }).isDisabled());
    assert.ok(await bob.restriction().isHidden(), 'only the muted viewer is told');
    await studio.feedLine('Hello from Alice').locator('[data-action="mute"]').filter({ hasText: 'Unmute' }).waitFor();
    // After a reload the mute comes back with the room's history, and the room's status does not reopen the box.
    await alice.page.reload();
    await alice.waitJoined();
    await alice.restriction().filter({ hasText: 'A moderator muted you' }).waitFor();
    assert.ok(await alice.page.getByRole('textbox', { name: 'Comment' }).isDisabled(), 'still muted after a reload');
    assert.equal(await alice.page.getByRole('textbox', { name: 'Comment' }).getAttribute('placeholder'), 'You are muted');

    await studio.moderate('Hello from Alice', 'mute');
    await alice.restriction().waitFor({ state: 'hidden' });
    await alice.comment('Thanks for unmuting me');
    await bob.comments().filter({ hasText: 'Thanks for unmuting me' }).waitFor();
  });

  it('the creator bans a viewer from the feed: that page shows it is banned, cannot comment, and stays out after a reload', async () => {
    await studio.moderate('Greetings from a phone', 'ban');
    await bob.banner().and(bob.page.locator('[data-state="removed"]')).waitFor();
    assert.match(await bob.banner().textContent(), /You have been banned from this live/);
    await bob.restriction().filter({ hasText: 'You have been banned' }).waitFor();
    assert.ok(await bob.page.getByRole('textbox', { name: 'Comment' }).isDisabled());
    assert.ok(await bob.page.getByRole('button', { name: 'Send', exact: true }).isDisabled());
    assert.ok(await bob.page.getByRole('button', { name: 'Like' }).isDisabled());
    assert.ok(await bob.page.getByTestId('gift-toggle').isDisabled());
    await screenshot(bob.page, 'viewer-banned');

    // The other viewer no longer sees his comments; the studio keeps them struck through, with Unban.
    await alice.comments().filter({ hasText: 'Greetings from a phone' }).waitFor({ state: 'detached' });
    const line = studio.feedLine('Greetings from a phone');
    await line.locator('[data-action="ban"]').filter({ hasText: 'Unban' }).waitFor();
    assert.match(await line.getAttribute('class'), /feed-banned/);
    await studio.stat('viewers').filter({ hasText: /^2$/ }).waitFor();

    // A reload does not get him back in: the server refuses the join and the page says why.
    await bob.page.reload();
    await bob.banner().and(bob.page.locator('[data-state="removed"]')).waitFor();
    assert.ok(await bob.page.getByRole('textbox', { name: 'Comment' }).isDisabled());
    await alice.comment('Still here');
    await studio.feedLine('Still here').waitFor();
    assert.equal(await bob.comments().filter({ hasText: 'Still here' }).count(), 0);
  });

  it('when the creator ends the live, the viewers see the ended state', async () => {
    await studio.end();
    for (const viewer of [alice]) {
      await viewer.banner().and(viewer.page.locator('[data-state="ended"]')).waitFor();
      assert.match(await viewer.banner().textContent(), /This live has ended/);
      assert.ok(await viewer.page.getByRole('textbox', { name: 'Comment' }).isDisabled());
      assert.ok(await viewer.page.getByRole('button', { name: 'Like' }).isDisabled());
      assert.ok(await viewer.page.getByTestId('gift-toggle').isDisabled());
    }
    // The banned viewer's page keeps saying he was banned (it left the room before the end).
    assert.equal(await bob.banner().getAttribute('data-state'), 'removed');
    await screenshot(alice.page, 'viewer-ended');
    const checker = await signIn(server.url, 'Checker', 'viewer');
    const rooms = await rest(server.url, checker.token, 'GET', '/api/rooms');
    assert.ok(!rooms.some(r => r.roomId === roomId), 'the ended room left the lobby');
  });

  it('the studio shows the live\'s insights: charts, figures, the score with its components, past lives and a CSV', async () => {
    const page = studio.page;
    const panel = page.getByTestId('insights');
    // The final figures reach the creator's history within a flush (5 s) of the end; the page refreshes on a click.
    for (let i = 0; i < 60; i++) {
      await panel.getByTestId('insights-refresh').click();
      const final = (await panel.getByTestId('insights-status').textContent()) === 'Final figures of this live.';
      if (final && (await panel.getByTestId('past-lives').locator(`[data-room="${roomId}"]`).count()) === 1) break;
      await page.waitForTimeout(500);
    }
    assert.equal(await panel.getByTestId('insights-status').textContent(), 'Final figures of this live.');
    assert.match(await panel.getByTestId('past-lives').locator(`[data-room="${roomId}"]`).textContent(), /Morning coffee live/);
    const figure = async name => Number(await panel.locator(`[data-figure="${name}"]`).textContent());
    assert.ok((await figure('Unique viewers')) >= 2, 'Alice and Bob watched');
    assert.ok((await figure('Gift coins')) >= 33, 'Alice gave 33 coins before the battle');

    // Three charts, drawn.
    for (const name of ['viewers', 'gift-coins', 'comments']) {
      assert.ok(await chartIsDrawn(panel.getByTestId(`chart-${name}`)), `the ${name} chart is drawn`);
    }

    // The score, never a bare number: four components with their weights and explanations.
    assert.match(await panel.getByTestId('score-total').textContent(), /^\d+(\.\d)? \/ 100$/);
    assert.deepEqual(await panel.getByTestId('insights-score').locator('li').evaluateAll(items => items.map(i => i.dataset.component)),
      ['engagement', 'retention', 'growth', 'safety']);

    // The CSV holds one row per minute, and its columns add up to the figures shown.
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('insights-csv').click()]);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert.equal(lines[0], 'minute_utc,peak_viewers,average_viewers,joins,comments,likes,gifts,gift_coins,moderation_actions');
    assert.ok(lines.length >= 2, 'at least one minute');
    const column = name => lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[lines[0].split(',').indexOf(name)]), 0);
    assert.equal(column('gift_coins'), await figure('Gift coins'));
    assert.equal(column('comments'), await figure('Comments'));

    await panel.getByTestId('insights-headline').scrollIntoViewIfNeeded();
    await screenshot(page, 'studio-insights');
  });

  it('no page threw an error or broke its Content-Security-Policy', async () => {
    for (const page of pages) {
      assert.deepEqual(page.errors, [], `uncaught errors on ${page.url()}`);
      assert.deepEqual(await cspViolations(page), [], `CSP violations on ${page.url()}`);
    }
  });
});
