import { api, errorMessage } from '../core/api';
import { el } from '../core/dom';
import type { RoomSession } from '../core/room-session';
import type { BlockedWordsEvent, SlowModeEvent } from '../core/types';

const slowModeChoices = [0, 3, 10, 30, 60, 300] as const;

function slowModeLabel(seconds: number): string {
  if (seconds === 0) return 'Off';
  return seconds >= 60 ? `${seconds / 60} min` : `${seconds} s`;
}

/**
 * The creator's room rules: slow mode (SetSlowMode) and the keyword filter (SetBlockedWords). What the controls show
 * comes from the room's `slow_mode` and `blocked_words` events (and the audit log at load, for a studio reopened
 * later), so they show what the room enforces. The server never publishes the blocked words themselves, only how
 * many there are; the box therefore starts empty on a reload, and saving replaces the whole list.
 */
export class ModerationSettings {
  private readonly slowMode: HTMLSelectElement;
  private readonly words: HTMLTextAreaElement;
  private readonly save: HTMLButtonElement;
  private readonly wordCount: HTMLSpanElement;
  private readonly error: HTMLParagraphElement;

  constructor(host: HTMLElement, private readonly session: RoomSession) {
    this.slowMode = el('select', { attrs: { 'aria-label': 'Slow mode', 'data-testid': 'slow-mode' } }, ...slowModeChoices.map(s => el('option', { text: slowModeLabel(s), attrs: { value: String(s) } })));
    this.words = el('textarea', { className: 'blocked-words', attrs: { rows: '2', maxlength: '8000', placeholder: 'Blocked words, separated by commas or lines', 'aria-label': 'Blocked words', 'data-testid': 'blocked-words' } });
    this.save = el('button', { className: 'button', text: 'Save words', attrs: { type: 'button', 'data-testid': 'save-blocked-words' } });
    this.wordCount = el('span', { className: 'muted', text: 'No blocked words', attrs: { 'data-testid': 'blocked-word-count' } });
    this.error = el('p', { className: 'form-error', attrs: { role: 'alert' } });
    host.append(
      el('label', { className: 'setting' }, el('span', { className: 'setting-name', text: 'Slow mode' }), this.slowMode, el('span', { className: 'muted', text: 'one comment per viewer per interval' })),
      el('div', { className: 'setting setting-words' }, el('span', { className: 'setting-name', text: 'Blocked words' }), this.words, el('div', { className: 'row' }, this.save, this.wordCount)),
      this.error);
    this.slowMode.addEventListener('change', () => void this.run(() => session.invoke<void>('SetSlowMode', Number(this.slowMode.value))));
    this.save.addEventListener('click', () => void this.run(async () => {
      await session.invoke<void>('SetBlockedWords', parseWords(this.words.value));
      this.words.value = '';
    }));
    session.on('slow_mode', e => this.showSlowMode((e as SlowModeEvent).seconds));
    session.on('blocked_words', e => this.showWordCount((e as BlockedWordsEvent).count));
    session.onStatus(status => {
      if (status === 'ended') [this.slowMode, this.words, this.save].forEach(c => (c.disabled = true));
    });
    void this.loadFromAudit();
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.error.textContent = '';
    try {
      await action();
    } catch (error) {
      this.error.textContent = errorMessage(error);
    }
  }

  /** A studio opened after the rules were set: the newest audit records say what they are. */
  private async loadFromAudit(): Promise<void> {
    try {
      const { items } = await api.moderationLog(this.session.roomId, 200);
      const slow = items.find(i => i.action === 'slow_mode');
      const words = items.find(i => i.action === 'blocked_words');
      if (slow?.detail) this.showSlowMode(parseInt(slow.detail, 10) || 0);
      if (words?.detail) this.showWordCount(parseInt(words.detail, 10) || 0);
    } catch {
      // The controls still follow the live events.
    }
  }

  private showSlowMode(seconds: number): void {
    if (![...this.slowMode.options].some(o => o.value === String(seconds))) this.slowMode.append(el('option', { text: slowModeLabel(seconds), attrs: { value: String(seconds) } }));
    this.slowMode.value = String(seconds);
  }

  private showWordCount(count: number): void {
    this.wordCount.textContent = count === 0 ? 'No blocked words' : `${count} blocked word${count === 1 ? '' : 's'} active`;
  }
}

/** "scam, free coins\nspam" -> ["scam", "free coins", "spam"]: commas and new lines separate, blanks dropped. */
export function parseWords(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map(w => w.trim()).filter(w => w !== ''))];
}
