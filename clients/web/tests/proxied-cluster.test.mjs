// The deployed shape for real: redis-server, three silos (Cluster profile) and Debian's nginx running deploy/nginx.conf,
// with the web pages in Chromium going through the proxy only. A creator goes live with a test video, a viewer finds
// the room in the lobby, watches HLS, comments and sends a gift; WebSocket upgrades and the Origin check work behind
// the proxy; the silo holding the viewer's connection is SIGKILLed and the page reconnects through the proxy by itself.
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage } from './support/browser.mjs';
import { activeConnections, startDeployedCluster } from './support/deployed-cluster.mjs';
import { signInOnPage, StudioPage, ViewerPage } from './support/pages.mjs';
import { buildServer, signIn, testVideo } from './support/server.mjs';

/** A raw WebSocket upgrade request through the proxy: the status the browser would get. */
function upgrade(url, path, origin) {
  return new Promise((ok, fail) => {
    const request = http.request(`${url}${path}`, {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64'), Origin: origin },
    });
    request.on('upgrade', (response, socket) => { socket.destroy(); ok(response.statusCode); });
    request.on('response', response => { response.resume(); ok(response.statusCode); });
    request.on('error', fail);
    request.end();
  });
}

async function waitFor(condition, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise(ok => setTimeout(ok, 200));
  }
}

describe('the deployed shape: nginx (deploy/nginx.conf) in front of three silos on Redis, in Chromium', () => {
  let cluster;
  let browser;
  let studio;
  let viewer;
  let roomId;
  const scratch = mkdtempSync(join(tmpdir(), 'li-proxied-files-'));

  before(async () => {
    buildServer();
    cluster = await startDeployedCluster();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await cluster?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('a creator goes live through the proxy and streams a test video into the ingest', async () => {
    studio = new StudioPage(await openPage(browser));
    roomId = await studio.create(cluster.url, 'Proxied creator', 'Behind nginx');
    await studio.streamFile(testVideo(scratch));
    await studio.goLive();
    await studio.page.getByTestId('ingest-status').and(studio.page.locator('[data-state="sending"]')).waitFor({ timeout: 15_000 });
    await studio.page.locator('.ingest-sent').filter({ hasText: /^[1-9]\d* frames sent/ }).waitFor();
  });

  it('a viewer finds the room in the lobby, joins, and plays its HLS video through the proxy', async () => {
    const page = await openPage(browser);
    await page.goto(`${cluster.url}/`);
    await signInOnPage(page, 'Proxied viewer');
    const card = page.getByTestId('rooms').locator(`.room-card[data-room="${roomId}"]`);
    await card.waitFor({ timeout: 15_000 });
    await card.click();
    viewer = new ViewerPage(page);
    await page.waitForURL(/room\.html\?room=/);
    await viewer.waitJoined();
    await page.getByTestId('room-title').filter({ hasText: 'Behind nginx' }).waitFor();
    // HLS through the proxy (video is routed to the ingest's silo by the room id): the player is on HLS and playing.
    await page.locator('[data-testid="video"][data-source="hls"]').waitFor({ timeout: 45_000 });
    await page.waitForFunction(() => {
      const video = document.querySelector('video');
      return video && video.currentTime > 0.5 && video.videoWidth > 0;
    }, undefined, { timeout: 30_000 });
    assert.equal(page.errors.length, 0, page.errors.join('\n'));
  });

  it('the viewer comments and sends a gift; the creator sees both', async () => {
    await viewer.comment('Hello through nginx');
    await studio.feedLine('Hello through nginx').waitFor();
    await viewer.openGifts();
    await viewer.topUp();
    await viewer.sendGift('rose');
    await studio.feedLine('sent Rose ×1').waitFor();
    await viewer.giftLines().filter({ hasText: 'sent Rose ×1' }).waitFor();
  });

  it('WebSocket upgrades pass the proxy; the proxied page\'s own origin is accepted and a foreign one refused', async () => {
    const { token } = await signIn(cluster.url, 'Socket checker', 'viewer');
    const hub = `/hubs/live?access_token=${encodeURIComponent(token)}`;
    // The browser's Origin carries the proxy's port; the Host the proxy forwards must carry it too.
    assert.equal(await upgrade(cluster.url, hub, cluster.url), 101);
    assert.equal(await upgrade(cluster.url, hub, 'http://evil.example'), 403);
    assert.equal(await upgrade(cluster.url, `/rooms/${roomId}/ingest?access_token=${encodeURIComponent(token)}`, 'http://evil.example'), 403);
  });

  it('the silo holding the viewer\'s connection is SIGKILLed: the page reconnects through the proxy and chats on', async () => {
    // Which silo holds the viewer: leave the room (the total drops by one), come back, and see whose count rises.
    const counts = () => Promise.all(cluster.silos.map(activeConnections));
    const sum = list => list.reduce((a, b) => a + b, 0);
    const total = sum(await counts());
    await viewer.page.goto('about:blank');
    let away = [];
    await waitFor(async () => sum((away = await counts())) === total - 1, 'the viewer\'s connection closed');
    await viewer.open(cluster.url, roomId);
    let index = -1;
    await waitFor(async () => (index = (await counts()).findIndex((n, i) => n > away[i])) >= 0, 'the viewer\'s new connection counted');
    await viewer.page.evaluate(() => {
      window.__bannerStates = [];
      const banner = document.querySelector('[data-testid="room-banner"]');
      new MutationObserver(() => window.__bannerStates.push(banner.dataset.state ?? '')).observe(banner, { attributes: true });
    });

    await cluster.silos[index].kill('SIGKILL');
    await viewer.page.waitForFunction(() => window.__bannerStates.includes('reconnecting'), undefined, { timeout: 20_000 });
    await viewer.waitJoined();
    await viewer.comment('Still here after the crash');
    await studio.feedLine('Still here after the crash').waitFor({ timeout: 30_000 });
    await viewer.comments().filter({ hasText: 'Still here after the crash' }).waitFor();
    const seqs = await viewer.commentSeqs();
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'comments in seq order');
    assert.equal(new Set(seqs).size, seqs.length, 'no comment twice');
  });
});
