// Interactive LIVE in a real browser (issue 17): the studio runs a poll, answers and pins a question, sets a goal and
// reviews a held comment; two viewers vote with live bars, ask and upvote, see the pin and the goal bar fill. The
// server holds comments with blocked words (Moderation:BlockedWordsAction=Hold). Screenshots go to docs/screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cspViolations, launchBrowser, openPage } from './support/browser.mjs';
import { screenshot, StudioPage, ViewerPage } from './support/pages.mjs';
import { buildServer, startServer } from './support/server.mjs';

describe('Interactive LIVE panels in a real browser', () => {
  let server;
  let browser;
  let studio;
  let alice;
  let bob;

  before(async () => {
    buildServer();
    server = await startServer({ Moderation__BlockedWordsAction: 'Hold' });
    browser = await launchBrowser();
    studio = new StudioPage(await openPage(browser, { viewport: { width: 1280, height: 1400 } }));
    const roomId = await studio.create(server.url, 'Quinn the host', 'Ask me anything');
    await studio.goLive();
    alice = new ViewerPage(await openPage(browser));
    await alice.open(server.url, roomId, 'Alice');
    bob = new ViewerPage(await openPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true }));
    await bob.open(server.url, roomId, 'Bob');
  });

  after(async () => {
    for (const page of [studio?.page, alice?.page, bob?.page]) if (page) assert.deepEqual(await cspViolations(page), []);
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  it('refuses a one-option poll with the server\'s message, then runs a poll whose bars move as viewers vote', async () => {
    const s = studio.page;
    await s.getByTestId('poll-question').fill('Which topic first?');
    await s.getByTestId('poll-options').fill('Cameras');
    await s.getByTestId('start-poll').click();
    await s.getByText('a poll needs 2 to 4 options').waitFor();
    assert.equal(await alice.page.getByTestId('poll').isVisible(), false, 'a refused poll reaches no viewer');

    await s.getByTestId('poll-options').fill('Cameras\nLighting\nEditing');
    await s.getByTestId('start-poll').click();
    await alice.page.getByTestId('poll').getByText('Which topic first?').waitFor();
    await bob.page.getByTestId('poll').getByText('Which topic first?').waitFor();

    await alice.page.getByRole('button', { name: 'Vote Lighting' }).click();
    await bob.page.getByRole('button', { name: 'Vote Lighting' }).click();
    // Both votes arrive in a batched tally: every page shows 2 votes for Lighting.
    for (const page of [alice.page, bob.page, s]) await page.getByTestId('poll-count-1').filter({ hasText: '100% · 2' }).waitFor();
    await bob.page.getByRole('button', { name: 'Vote Editing' }).click(); // moving a vote
    await alice.page.getByTestId('poll-count-2').filter({ hasText: '50% · 1' }).waitFor();
    // The bars are drawn: Editing's fill is half of its button.
    const share = await alice.page.getByRole('button', { name: 'Vote Editing' }).evaluate(b => b.querySelector('.poll-fill').getBoundingClientRect().width / b.getBoundingClientRect().width);
    assert.ok(share > 0.4 && share < 0.6, `Editing's bar fills ${share} of its option`);
    await screenshot(alice.page, 'interactive-viewer-poll');

    await s.getByTestId('end-poll').click();
    for (const page of [alice.page, bob.page]) await page.getByTestId('poll-status').filter({ hasText: 'Final · 2 votes' }).waitFor();
    assert.equal(await alice.page.getByRole('button', { name: 'Vote Cameras' }).isDisabled(), true);
  });

  it('a viewer asks, another upvotes once, the studio answers and the question is pinned for everyone', async () => {
    await alice.page.getByTestId('qa-panel').locator('summary').click();
    await alice.page.getByTestId('ask-input').fill('What lens do you use?');
    await alice.page.getByTestId('ask').click();
    await bob.page.getByTestId('qa-panel').locator('summary').click();
    const bobsQuestion = bob.page.getByTestId('questions').locator('li').filter({ hasText: 'What lens do you use?' });
    await bobsQuestion.waitFor();
    // Alice cannot upvote her own question.
    assert.equal(await alice.page.getByTestId('questions').locator('[data-action="upvote"]').first().isDisabled(), true);
    await bobsQuestion.locator('[data-action="upvote"]').click();
    await alice.page.getByTestId('questions').locator('[data-action="upvote"]').filter({ hasText: '▲ 1' }).waitFor();
    assert.equal(await bobsQuestion.locator('[data-action="upvote"]').isDisabled(), true, 'one upvote per viewer');

    await studio.page.getByTestId('questions').locator('li').filter({ hasText: 'What lens do you use?' }).locator('[data-action="answer"]').click();
    for (const page of [alice.page, bob.page]) await page.getByTestId('pinned').filter({ hasText: 'What lens do you use?' }).waitFor();
    await screenshot(bob.page, 'interactive-viewer-pinned-phone');
  });

  it('the goal bar fills with likes and shows when the goal is reached', async () => {
    const s = studio.page;
    await s.getByTestId('goal-kind').selectOption('likes');
    await s.getByTestId('goal-target').fill('-3');
    await s.getByTestId('goal-title').fill('Negative');
    await s.getByTestId('set-goal').click();
    await s.getByText('goal target must be between 1 and').waitFor();
    await s.getByTestId('goal-target').fill('6');
    await s.getByTestId('goal-title').fill('Six likes for a giveaway');
    await s.getByTestId('set-goal').click();
    await alice.page.getByTestId('goal').filter({ hasText: 'Six likes for a giveaway' }).waitFor();
    await alice.like(3);
    await bob.like(4);
    await alice.page.locator('[data-testid="goal"][data-reached="true"]').waitFor({ timeout: 10_000 });
    // Reached on the like that crossed 6; the last like follows in a (throttled) progress event.
    await alice.page.getByTestId('goal-progress').filter({ hasText: /^7 \/ 6 likes$/ }).waitFor();
    await screenshot(alice.page, 'interactive-viewer-goal');
  });

  it('a held comment waits in the studio, is approved with its author and reaches the viewers', async () => {
    const s = studio.page;
    await s.getByTestId('blocked-words').fill('giveaway');
    await s.getByTestId('save-blocked-words').click();
    await s.getByTestId('blocked-word-count').filter({ hasText: '1 blocked word active' }).waitFor();
    await alice.comment('when is the giveaway?');
    // The box clears when the receipt comes: the next comment is typed after that.
    await alice.page.waitForFunction(() => document.querySelector('input[aria-label="Comment"]').value === '');
    await alice.comment('also: a rude giveaway spam');
    const held = s.getByTestId('held').locator('li');
    await held.filter({ hasText: 'when is the giveaway?' }).waitFor();
    await held.filter({ hasText: 'rude giveaway spam' }).waitFor();
    assert.equal(await bob.comments().filter({ hasText: 'giveaway' }).count(), 0, 'held comments are not published');
    await screenshot(s, 'interactive-studio', { fullPage: true });

    await held.filter({ hasText: 'when is the giveaway?' }).locator('[data-action="approve"]').click();
    await held.filter({ hasText: 'rude giveaway spam' }).locator('[data-action="reject"]').click();
    await bob.comments().filter({ hasText: 'when is the giveaway?' }).filter({ hasText: 'Alice' }).waitFor();
    await s.locator('[data-testid="held"][data-empty="true"]').waitFor();
    assert.equal(await bob.comments().filter({ hasText: 'rude giveaway spam' }).count(), 0);
    for (const page of [studio.page, alice.page, bob.page]) assert.deepEqual(page.errors, []);
  });
});
