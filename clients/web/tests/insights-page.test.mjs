// The Studio "Insights" page in a real browser (issue 18): after a live with a viewer's comments and a gift, the creator
// follows the studio's link to /insights.html: the live's three charts drawn (viewers, gift coins, comments per
// minute), its figures, the score with its four components, past lives as links, and a CSV whose columns add up to
// the figures shown, and what the live's poll, question and goal came to; /insights.html without a room opens the last
// live. Screenshot docs/screenshots/insights-page.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { cspViolations, launchBrowser, openPage } from './support/browser.mjs';
import { chartIsDrawn, screenshot, StudioPage, ViewerPage } from './support/pages.mjs';
import { buildServer, startServer } from './support/server.mjs';

describe('the Insights page in a real browser', () => {
  let server;
  let browser;
  let studio;
  let viewer;
  let roomId;

  before(async () => {
    buildServer();
    server = await startServer({ Insights__FlushInterval: '00:00:00.500' });
    browser = await launchBrowser();
    studio = new StudioPage(await openPage(browser, { viewport: { width: 1280, height: 1700 } }));
    roomId = await studio.create(server.url, 'Ivy the host', 'Insights page live');
    await studio.goLive();
    viewer = new ViewerPage(await openPage(browser));
    await viewer.open(server.url, roomId, 'Vera');
    await viewer.comment('Hello from Vera');
    await viewer.comment('A second comment');
    await viewer.openGifts();
    await viewer.topUp();
    await viewer.sendGift('rose');
    await studio.feedLine('A second comment').waitFor();
    await viewer.giftLines().first().waitFor();

    // A poll Vera votes in, a question the studio answers, a likes goal she fills.
    const s = studio.page;
    await s.getByTestId('poll-question').fill('Which topic next?');
    await s.getByTestId('poll-options').fill('Lenses\nLights');
    await s.getByTestId('start-poll').click();
    await viewer.page.getByRole('button', { name: 'Vote Lights' }).click();
    await s.getByTestId('poll-count-1').filter({ hasText: '100% · 1' }).waitFor();
    await s.getByTestId('end-poll').click();
    await viewer.page.getByTestId('poll-status').filter({ hasText: 'Final' }).waitFor();
    await viewer.page.getByTestId('qa-panel').locator('summary').click();
    await viewer.page.getByTestId('ask-input').fill('What lens do you use?');
    await viewer.page.getByTestId('ask').click();
    await s.getByTestId('questions').locator('li').filter({ hasText: 'What lens do you use?' }).locator('[data-action="answer"]').click();
    await viewer.page.getByTestId('pinned').filter({ hasText: 'What lens do you use?' }).waitFor();
    await s.getByTestId('goal-kind').selectOption('likes');
    await s.getByTestId('goal-target').fill('3');
    await s.getByTestId('goal-title').fill('Three likes');
    await s.getByTestId('set-goal').click();
    await viewer.page.getByTestId('goal').filter({ hasText: 'Three likes' }).waitFor();
    await viewer.like(3);
    await viewer.page.locator('[data-testid="goal"][data-reached="true"]').waitFor({ timeout: 10_000 });
    await studio.end();
  });

  after(async () => {
    for (const page of [studio?.page, viewer?.page]) if (page) assert.deepEqual(await cspViolations(page), []);
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  /** Clicks "Update figures" until the live's final figures and its past-lives line are shown (a flush after the end). */
  async function finalFigures(page) {
    const panel = page.getByTestId('insights');
    for (let i = 0; i < 60; i++) {
      const final = (await panel.getByTestId('insights-status').textContent()) === 'Final figures of this live.';
      if (final && (await panel.getByTestId('past-lives').locator(`[data-room="${roomId}"]`).count()) === 1) return panel;
      await panel.getByTestId('insights-refresh').click();
      await page.waitForTimeout(500);
    }
    assert.fail('the final figures and the past live never showed');
  }

  it('shows the live\'s charts, figures, score, past lives and a CSV that adds up', async () => {
    const page = studio.page;
    await page.getByTestId('insights-page-link').click();
    await page.waitForURL(/\/insights\.html\?room=/);
    const panel = await finalFigures(page);
    const figure = async name => Number(await panel.locator(`[data-figure="${name}"]`).textContent());
    assert.equal(await figure('Comments'), 2);
    assert.equal(await figure('Gift coins'), 1);
    assert.equal(await figure('Unique viewers'), 2, 'Vera, and the studio, which is connected to its room too');

    for (const name of ['viewers', 'gift-coins', 'comments']) {
      assert.ok(await chartIsDrawn(panel.getByTestId(`chart-${name}`)), `the ${name} chart is drawn`);
    }
    assert.match(await panel.getByTestId('score-total').textContent(), /^\d+(\.\d)? \/ 100$/);
    assert.deepEqual(await panel.getByTestId('insights-score').locator('li').evaluateAll(items => items.map(i => i.dataset.component)),
      ['engagement', 'retention', 'growth', 'safety']);
    const link = panel.getByTestId('past-lives').locator(`[data-room="${roomId}"] a`);
    assert.equal(await link.textContent(), 'Insights page live');
    assert.equal(await link.getAttribute('href'), `/insights.html?room=${roomId}`);
    assert.equal(await panel.getByTestId('insights-page-link').count(), 0, 'the page does not link to itself');

    const outcomes = panel.getByTestId('insights-interactive');
    const poll = outcomes.getByTestId('insights-polls').locator('li');
    assert.equal(await poll.count(), 1);
    assert.equal(await poll.getAttribute('data-winners'), '1');
    assert.match(await poll.textContent(), /^Which topic next\? Lenses 0 · Lights 1 \(1 vote\), winner: Lights$/);
    assert.equal(await outcomes.getByTestId('qa-outcome').textContent(), 'Q&A: 1 question asked, 1 answered (100%)');
    assert.match(await outcomes.locator('[data-question]').textContent(), /^What lens do you use\?/);
    const goal = outcomes.getByTestId('insights-goals').locator('li');
    assert.equal(await goal.getAttribute('data-reached'), 'true');
    assert.match(await goal.textContent(), /^Three likes \d+ \/ 3 likes, reached at \d\d:\d\d UTC$/);

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('insights-csv').click()]);
    assert.equal(download.suggestedFilename(), `insights-${roomId}.csv`);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert.equal(lines[0], 'minute_utc,peak_viewers,average_viewers,joins,comments,likes,gifts,gift_coins,moderation_actions');
    const column = name => lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[lines[0].split(',').indexOf(name)]), 0);
    assert.equal(column('comments'), 2);
    assert.equal(column('gift_coins'), 1);
    await screenshot(page, 'insights-page', { fullPage: true });
  });

  it('opens the last live when no room is named', async () => {
    const page = studio.page;
    await page.goto(`${server.url}/insights.html`);
    const panel = await finalFigures(page);
    assert.equal(await panel.locator('[data-figure="Comments"]').textContent(), '2');
  });
});
