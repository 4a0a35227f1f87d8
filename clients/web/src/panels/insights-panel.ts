import { BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { api, errorMessage } from '../core/api';
import { el, formatCount } from '../core/dom';
import type { GoalOutcome, InsightsMinute, PollOutcome, QuestionsOutcome, RoomInsights } from '../core/types';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const csvColumns: [string, (m: InsightsMinute) => number | string][] = [
  ['minute_utc', m => new Date(m.minute).toISOString()],
  ['peak_viewers', m => m.peakViewers],
  ['average_viewers', m => m.averageViewers],
  ['joins', m => m.joins],
  ['comments', m => m.comments],
  ['likes', m => m.likes],
  ['gifts', m => m.gifts],
  ['gift_coins', m => m.giftCoins],
  ['moderation_actions', m => m.moderationActions],
];

/** The minutes as CSV (one row per minute, the columns above). */
export function insightsCsv(insights: RoomInsights): string {
  const rows = insights.minutes.map(m => csvColumns.map(([, value]) => String(value(m))).join(','));
  return [csvColumns.map(([name]) => name).join(','), ...rows].join('\n') + '\n';
}

const minuteLabel = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const plural = (n: number, one: string) => `${formatCount(n)} ${one}${n === 1 ? '' : 's'}`;

function pollLine(poll: PollOutcome): HTMLElement {
  const options = poll.options.map(o => `${o.text} ${o.votes}`).join(' · ');
  const outcome = poll.endedAt === null ? 'still open'
    : poll.winners.length === 0 ? 'no winner'
      : `${poll.winners.length > 1 ? 'tie: ' : 'winner: '}${poll.winners.map(i => poll.options[i]?.text ?? '?').join(', ')}`;
  return el('li', { attrs: { 'data-poll': poll.pollId, 'data-winners': poll.winners.join(',') } },
    el('strong', { text: poll.question }), el('span', { className: 'muted', text: ` ${options} (${plural(poll.totalVotes, 'vote')}), ${outcome}` }));
}

function goalLine(goal: GoalOutcome): HTMLElement {
  const outcome = goal.reached && goal.reachedAt !== null ? `reached at ${minuteLabel(goal.reachedAt)} UTC` : 'not reached';
  return el('li', { attrs: { 'data-goal': goal.goalId, 'data-reached': String(goal.reached) } },
    el('strong', { text: goal.title }), el('span', { className: 'muted', text: ` ${formatCount(goal.progress)} / ${formatCount(goal.target)} ${goal.kind}, ${outcome}` }));
}

function questionsPart(q: QuestionsOutcome): HTMLElement[] {
  const summary = el('p', { text: `Q&A: ${plural(q.asked, 'question')} asked, ${formatCount(q.answered)} answered (${Math.round(q.answeredShare * 100)}%)`, attrs: { 'data-testid': 'qa-outcome' } });
  const top = el('ul', {}, ...q.topAnswered.map(a => el('li', { attrs: { 'data-question': a.questionId } },
    el('span', { text: a.text || '(removed)' }), el('span', { className: 'muted', text: ` ▲ ${a.votes}` }))));
  return q.topAnswered.length > 0 ? [summary, top] : [summary];
}

/**
 * The studio's Insights: this live's charts (viewers, gift coins and comments per minute), its headline figures, the
 * creator's score with every component, past lives, and the minutes as a CSV download (docs/INSIGHTS.md).
 */
export function insightsPanel(host: HTMLElement, roomId: string, creatorId: string, { studioLink = true } = {}): { refresh(): Promise<void> } {
  const status = el('p', { className: 'muted', attrs: { role: 'status', 'data-testid': 'insights-status' } });
  const headline = el('dl', { className: 'insights-headline', attrs: { 'data-testid': 'insights-headline' } });
  const charts = ['viewers', 'gift-coins', 'comments'].map(name =>
    el('canvas', { className: 'insights-chart', attrs: { 'data-testid': `chart-${name}`, role: 'img', 'aria-label': name.replace('-', ' ') + ' per minute' } }));
  const interactive = el('div', { className: 'insights-interactive', attrs: { 'data-testid': 'insights-interactive' } });
  const score = el('div', { className: 'insights-score', attrs: { 'data-testid': 'insights-score' } });
  const lives = el('ul', { className: 'insights-lives', attrs: { 'data-testid': 'past-lives' } });
  const csv = el('button', { className: 'button', text: 'Download CSV', attrs: { type: 'button', 'data-testid': 'insights-csv' } });
  const refreshButton = el('button', { className: 'button', text: 'Update figures', attrs: { type: 'button', 'data-testid': 'insights-refresh' } });
  // The studio links to the Insights page (its own address, past lives one click away).
  const pageLink = studioLink
    ? el('a', { className: 'button', text: 'Insights page', attrs: { href: `/insights.html?room=${encodeURIComponent(roomId)}`, 'data-testid': 'insights-page-link' } })
    : null;
  host.append(el('div', { className: 'row' }, refreshButton, csv, pageLink), status, headline,
    ...charts.map(canvas => el('div', { className: 'insights-chart-box' }, canvas)),
    el('h3', { text: 'Polls, Q&A and goals' }), interactive,
    el('h3', { text: 'Creator score' }), score, el('h3', { text: 'Past lives' }), lives);

  const instances: Chart[] = [];
  let latest: RoomInsights | null = null;

  csv.addEventListener('click', () => {
    if (!latest) return;
    const link = el('a', { attrs: { href: URL.createObjectURL(new Blob([insightsCsv(latest)], { type: 'text/csv' })), download: `insights-${roomId}.csv` } });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  });
  refreshButton.addEventListener('click', () => void refresh());

  function draw(insights: RoomInsights): void {
    const labels = insights.minutes.map(m => minuteLabel(m.minute));
    const series: [string, number[], 'line' | 'bar'][] = [
      ['Viewers (average per minute)', insights.minutes.map(m => m.averageViewers), 'line'],
      ['Gift coins per minute', insights.minutes.map(m => m.giftCoins), 'bar'],
      ['Comments per minute', insights.minutes.map(m => m.comments), 'bar'],
    ];
    series.forEach(([label, data, type], i) => {
      const existing = instances[i];
      if (existing) {
        existing.data.labels = labels;
        existing.data.datasets[0]!.data = data;
        existing.update();
        return;
      }
      instances[i] = new Chart(charts[i]!, {
        type,
        data: { labels, datasets: [{ label, data, borderColor: '#fe2c55', backgroundColor: 'rgba(254, 44, 85, .45)' }] },
        options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { tooltip: { enabled: true } }, scales: { y: { beginAtZero: true } } },
      });
    });
  }

  function figures(insights: RoomInsights): void {
    const h = insights.headline;
    const items: [string, string][] = [
      ['Peak viewers', formatCount(h.peakViewers)],
      ['Average viewers', h.averageViewers.toFixed(1)],
      ['Unique viewers', formatCount(h.uniqueViewers)],
      ['Average watch', `${(h.averageWatchMs / 60_000).toFixed(1)} min`],
      ['New / returning', `${h.newViewers} / ${h.returningViewers}`],
      ['Comments', formatCount(h.comments)],
      ['Likes', formatCount(h.likes)],
      ['Gift coins', formatCount(h.giftCoins)],
    ];
    headline.replaceChildren(...items.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', { text: value, attrs: { 'data-figure': name } })]));
  }

  function outcomes(insights: RoomInsights): void {
    interactive.replaceChildren(
      el('ul', { attrs: { 'data-testid': 'insights-polls' } }, ...insights.polls.map(pollLine)),
      ...questionsPart(insights.questions),
      el('ul', { attrs: { 'data-testid': 'insights-goals' } }, ...insights.goals.map(goalLine)));
    if (insights.polls.length === 0 && insights.questions.asked === 0 && insights.goals.length === 0)
      interactive.replaceChildren(el('p', { className: 'muted', text: 'No polls, questions or goals in this live.' }));
  }

  async function refresh(): Promise<void> {
    try {
      latest = await api.insights(roomId);
      figures(latest);
      draw(latest);
      outcomes(latest);
      status.textContent = latest.endedAt ? 'Final figures of this live.' : 'Figures so far (refreshes every 15 s).';
    } catch (error) {
      status.textContent = `No insights yet: ${errorMessage(error)}`;
    }
    try {
      const s = await api.score(creatorId);
      score.replaceChildren(
        el('p', { className: 'insights-score-total', text: `${s.score.toFixed(1)} / 100`, attrs: { 'data-testid': 'score-total' } }),
        el('ul', {}, ...s.components.map(c => el('li', { attrs: { 'data-component': c.name } },
          el('strong', { text: `${c.name} ${c.value.toFixed(0)}` }), el('span', { className: 'muted', text: ` (weight ${c.weight}) ${c.explanation}` })))));
      const page = await api.pastLives(creatorId);
      lives.replaceChildren(...page.lives.map(l => el('li', { attrs: { 'data-room': l.roomId } },
        el('a', { text: l.title, attrs: { href: `/insights.html?room=${encodeURIComponent(l.roomId)}` } }),
        el('span', { className: 'muted', text: ` ${new Date(l.endedAt).toLocaleString()} · ${l.headline.uniqueViewers} viewers · ${l.headline.giftCoins} coins` }))));
      if (page.lives.length === 0) lives.replaceChildren(el('li', { className: 'muted', text: 'No finished live yet.' }));
    } catch (error) {
      score.textContent = `Could not load the score: ${errorMessage(error)}`;
    }
  }

  return { refresh };
}
