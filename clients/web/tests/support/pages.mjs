// What a person does on each page, in the page's own terms. New features (gifts, moderation) add methods here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './server.mjs';

const screenshots = join(repoRoot, 'docs/screenshots');

export async function screenshot(page, name, { fullPage = false } = {}) {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage });
}

/** True when the chart's canvas has a size and more than 100 painted pixels (chart.js drew on it). */
export async function chartIsDrawn(canvas) {
  return canvas.evaluate(c => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return c.width > 0 && c.height > 0 && painted > 100;
  });
}

export async function signInOnPage(page, name) {
  const form = page.getByTestId('sign-in');
  await form.getByRole('textbox').fill(name);
  await form.getByRole('button').click();
  await page.getByTestId('user-name').waitFor();
}

export class StudioPage {
  constructor(page) {
    this.page = page;
  }

  async create(baseUrl, creatorName, title) {
    await this.page.goto(`${baseUrl}/studio.html`);
    await signInOnPage(this.page, creatorName);
    await this.page.getByTestId('room-title-input').fill(title);
    await this.page.getByRole('button', { name: 'Create room' }).click();
    await this.page.getByTestId('room-status').filter({ hasText: 'Not live' }).waitFor();
    return new URL(this.page.url()).searchParams.get('room');
  }

  async startCamera() {
    await this.page.getByTestId('camera-toggle').click();
    await this.page.getByTestId('camera-toggle').filter({ hasText: 'Stop camera' }).waitFor();
  }

  /** The camera canvas as numbers: how many colours it shows, and a fingerprint that changes with the picture. */
  async canvasPicture() {
    return this.page.getByTestId('camera-canvas').evaluate(canvas => {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set();
      let fingerprint = 0;
      for (let i = 0; i < data.length; i += 4) {
        colours.add((data[i] >> 4) * 256 + (data[i + 1] >> 4) * 16 + (data[i + 2] >> 4));
        fingerprint = (fingerprint * 31 + data[i] + data[i + 1] * 3 + data[i + 2] * 7) % 1_000_000_007;
      }
      return { colours: colours.size, fingerprint };
    });
  }

  async streamFile(path) {
    await this.page.getByTestId('video-file').setInputFiles(path);
    await this.page.getByTestId('camera-toggle').filter({ hasText: 'Stop video' }).waitFor();
  }

  async stopSource() {
    await this.page.getByTestId('camera-toggle').click();
    await this.page.getByTestId('camera-toggle').filter({ hasText: 'Start camera' }).waitFor();
  }

  async goLive() {
    await this.page.getByTestId('go-live').click();
    await this.page.getByTestId('room-status').filter({ hasText: 'LIVE' }).waitFor();
  }

  async turnOnFilter(kind) {
    await this.page.locator(`input[data-filter="${kind}"]`).check();
  }

  activeFilters() {
    return this.page.getByTestId('active-filters');
  }

  stat(name) {
    return this.page.getByTestId(`stat-${name}`);
  }

  /** A line of the studio's comment and gift feed. */
  feedLine(text) {
    return this.page.getByTestId('comments').locator('li').filter({ hasText: text });
  }

  /** Runs a moderation action (delete, mute, ban) from the feed on the comment with this text. */
  async moderate(text, action) {
    const button = this.feedLine(text).locator(`[data-action="${action}"]`);
    await button.click();
    if (action === 'ban' && (await button.textContent()) === 'Confirm ban') await button.click();
  }

  async end() {
    await this.page.getByTestId('end-live').click();
    await this.page.getByTestId('end-live').filter({ hasText: 'Click again to end' }).waitFor();
    await this.page.getByTestId('end-live').click();
    await this.page.getByTestId('room-status').filter({ hasText: 'Ended' }).waitFor();
  }
}

export class ViewerPage {
  constructor(page) {
    this.page = page;
  }

  async open(baseUrl, roomId, name) {
    await this.page.goto(`${baseUrl}/room.html?room=${encodeURIComponent(roomId)}`);
    if (name) await signInOnPage(this.page, name);
    await this.waitJoined();
  }

  /** Joined and live: the banner (connecting, joining, waiting, lost) is there and gone. */
  async waitJoined() {
    // Attached first: while the page still reads the room's title there is no banner yet, and none counts as hidden.
    const banner = this.page.getByTestId('room-banner');
    await banner.waitFor({ state: 'attached' });
    await banner.waitFor({ state: 'hidden' });
  }

  comments() {
    return this.page.getByTestId('comments').locator('.feed-item');
  }

  async comment(text) {
    await this.page.getByRole('textbox', { name: 'Comment' }).fill(text);
    await this.page.getByRole('button', { name: 'Send', exact: true }).click();
  }

  async like(times, pauseMs = 0) {
    for (let i = 0; i < times; i++) {
      await this.page.getByRole('button', { name: 'Like' }).click();
      if (pauseMs) await this.page.waitForTimeout(pauseMs);
    }
  }

  banner() {
    return this.page.getByTestId('room-banner');
  }

  balance() {
    return this.page.getByTestId('wallet-balance');
  }

  async openGifts() {
    if ((await this.page.getByTestId('gift-toggle').getAttribute('aria-expanded')) !== 'true') await this.page.getByTestId('gift-toggle').click();
    await this.page.getByTestId('gift-catalog').locator('[data-gift]').first().waitFor();
  }

  async topUp() {
    const before = Number(await this.balance().textContent());
    await this.page.getByTestId('top-up').click();
    await this.page.waitForFunction(b => Number(document.querySelector('[data-testid="wallet-balance"]').textContent) > b, before);
  }

  async sendGift(giftId) {
    await this.page.getByTestId('gift-catalog').locator(`[data-gift="${giftId}"]`).click();
  }

  /** The animated card of a gift streak over the video. */
  giftCard(giftId) {
    return this.page.getByTestId('gift-animations').locator(`.gift-card[data-gift="${giftId}"]`);
  }

  /** The gift lines of the feed. */
  giftLines() {
    return this.page.getByTestId('comments').locator('.feed-gift');
  }

  restriction() {
    return this.page.getByTestId('restriction');
  }

  /** The seqs of the comments on screen, in screen order. */
  async commentSeqs() {
    return this.comments().evaluateAll(items => items.map(i => Number(i.dataset.seq)));
  }
}
