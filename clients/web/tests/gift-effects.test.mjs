// The studio's gift-effects panel and the viewer's effect line, in Debian's Chromium against the real server: the
// creator streams a real video with a face, picks a gift and an effect, previews it on the live video, saves the
// mapping (it survives a reload), and a viewer's paid gift shows "who triggered what" on the viewer page.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openPage } from './support/browser.mjs';
import { screenshot, StudioPage, ViewerPage } from './support/pages.mjs';
import { buildServer, rest, signIn, startServer } from './support/server.mjs';

/** A few seconds of opencv-doc's Megamind.avi (a large frontal face) as WebM, which Chromium plays. */
function faceVideo(directory) {
  const output = join(directory, 'megamind.webm');
  const ffmpeg = spawnSync('ffmpeg', ['-v', 'error', '-y', '-t', '4', '-i', '/usr/share/doc/opencv-doc/examples/data/Megamind.avi', '-an', '-c:v', 'libvpx', '-b:v', '800k', '-deadline', 'realtime', '-cpu-used', '8', output], { encoding: 'utf8' });
  if (ffmpeg.status !== 0) throw new Error(`ffmpeg failed: ${ffmpeg.stderr}`);
  return output;
}

describe('gift effects in the studio and on the viewer page', () => {
  let server;
  let browser;
  const scratch = mkdtempSync(join(tmpdir(), 'li-web-effects-'));

  before(async () => {
    buildServer();
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('picks a gift and an effect, previews it, saves the mapping, and a viewer sees who triggered it', async () => {
    const studio = new StudioPage(await openPage(browser, { viewport: { width: 1280, height: 1000 } }));
    const roomId = await studio.create(server.url, 'Effects Eve', 'Gift effects live');
    await studio.goLive();
    await studio.streamFile(faceVideo(scratch));
    const panel = studio.page.getByTestId('gift-effects-panel');
    await panel.getByTestId('effect-gift').locator('option').first().waitFor({ state: 'attached' });

    // Pick: the first gift of the catalog, glasses, 6 s. Preview plays it on the live video, named in the ticker.
    const giftId = await panel.getByTestId('effect-gift').inputValue();
    await panel.getByTestId('effect-filter').selectOption('sticker:glasses');
    await panel.getByTestId('effect-seconds').fill('6');
    await panel.getByTestId('effect-preview').click();
    await studio.page.getByTestId('effect-ticker').getByText('Effects Eve previewed the glasses effect').waitFor();

    // A bad value is refused before the round trip, and nothing is saved.
    await panel.getByTestId('effect-seconds').fill('45');
    await panel.getByTestId('effect-add').click();
    await panel.getByTestId('effect-save').click();
    await panel.getByTestId('effect-error').filter({ hasText: 'Seconds must be from 1 to 30.' }).waitFor();
    await panel.getByTestId('effect-seconds').fill('6');
    await panel.getByTestId('effect-add').click();

    await panel.getByTestId('effect-save').click();
    await panel.getByTestId('effect-status').filter({ hasText: '1 saved' }).waitFor();
    assert.equal(await panel.getByTestId('effect-list').locator('.effect-row').count(), 1);
    assert.match(await panel.getByTestId('effect-list').textContent(), /Sticker: glasses · 6s/);

    // The mapping is the room's: a reload shows it from the snapshot.
    await studio.page.reload();
    await panel.getByTestId('effect-list').locator(`.effect-row[data-gift="${giftId}"]`).waitFor();
    await panel.getByTestId('effect-status').filter({ hasText: '1 saved' }).waitFor();
    await studio.streamFile(faceVideo(scratch));

    // A viewer sends that gift: the viewer page says who triggered what.
    const viewer = new ViewerPage(await openPage(browser));
    await viewer.open(server.url, roomId, 'Gifting Gus');
    await viewer.waitJoined();
    await viewer.openGifts();
    await viewer.topUp();
    await viewer.sendGift(giftId);
    const line = viewer.page.getByTestId('effect-ticker').locator('.effect-line').first();
    await line.filter({ hasText: /Gifting Gus's .+ triggered glasses for 6s/ }).waitFor();
    await studio.page.getByTestId('effect-ticker').getByText(/Gifting Gus's .+ triggered glasses/).waitFor();

    await screenshot(studio.page, 'studio-gift-effects', { fullPage: true });
    await screenshot(viewer.page, 'viewer-gift-effect');

    // The stored mapping over REST, as any client reads it.
    const someone = await signIn(server.url, 'Reader', 'viewer');
    const snapshot = await rest(server.url, someone.token, 'GET', `/api/rooms/${roomId}`);
    assert.deepEqual(snapshot.giftEffects.map(e => [e.giftId, e.filter.kind, e.filter.options.asset, e.seconds]), [[giftId, 'sticker', 'glasses', 6]]);
  });
});
