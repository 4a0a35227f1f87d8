// Pure rules of the gift-effect studio and the viewer's effect line, testable without a browser.
import type { EffectEvent, FilterSpec, GiftEffect } from './types';

/** The same bounds as the server (GiftEffectLimits). */
export const maxGiftEffects = 10;
export const minEffectSeconds = 1;
export const maxEffectSeconds = 30;

/** The effects a creator can pick: every choice is a sticker, a look or an overlay naming the sender. */
export const effectChoices: ReadonlyArray<{ id: string; label: string; filter: FilterSpec }> = [
  { id: 'sticker:glasses', label: 'Sticker: glasses', filter: { kind: 'sticker', options: { asset: 'glasses' } } },
  { id: 'sticker:crown', label: 'Sticker: crown', filter: { kind: 'sticker', options: { asset: 'crown' } } },
  { id: 'sticker:hat', label: 'Sticker: hat', filter: { kind: 'sticker', options: { asset: 'hat' } } },
  { id: 'sticker:ears', label: 'Sticker: bunny ears', filter: { kind: 'sticker', options: { asset: 'ears' } } },
  { id: 'sticker:mustache', label: 'Sticker: mustache', filter: { kind: 'sticker', options: { asset: 'mustache' } } },
  { id: 'look:warm', label: 'Look: warm', filter: { kind: 'look', options: { name: 'warm' } } },
  { id: 'look:cool', label: 'Look: cool', filter: { kind: 'look', options: { name: 'cool' } } },
  { id: 'look:mono', label: 'Look: mono', filter: { kind: 'look', options: { name: 'mono' } } },
  { id: 'look:vintage', label: 'Look: vintage', filter: { kind: 'look', options: { name: 'vintage' } } },
  { id: 'overlay:thanks', label: 'Caption: "{sender} sent {gift}"', filter: { kind: 'overlay', options: { text: '{sender} sent {gift}', position: 'bottom' } } },
];

/** The choice a stored filter corresponds to (kind and its main option), or undefined for one made elsewhere. */
export function choiceFor(filter: FilterSpec): string | undefined {
  const key = filter.kind === 'sticker' ? filter.options?.asset : filter.kind === 'look' ? filter.options?.name : 'thanks';
  return effectChoices.find(c => c.id === `${filter.kind}:${key}`)?.id;
}

/** Adds or replaces the line for `effect.giftId` (one line per gift), keeping the list's order. */
export function upsertEffect(list: readonly GiftEffect[], effect: GiftEffect): GiftEffect[] {
  const at = list.findIndex(e => e.giftId === effect.giftId);
  if (at < 0) return [...list, effect];
  return list.map((e, i) => (i === at ? effect : e));
}

/** Why a mapping cannot be saved, checked before the round trip (the server checks again). */
export function mappingProblem(list: readonly GiftEffect[]): string | null {
  if (list.length > maxGiftEffects) return `At most ${maxGiftEffects} gift effects.`;
  const bad = list.find(e => !Number.isInteger(e.seconds) || e.seconds < minEffectSeconds || e.seconds > maxEffectSeconds);
  return bad ? `Seconds must be from ${minEffectSeconds} to ${maxEffectSeconds}.` : null;
}

/** A short name for an effect's filter ("glasses", "warm look", "caption"). */
export function describeFilter(filter: FilterSpec): string {
  if (filter.kind === 'sticker') return filter.options?.asset ?? 'sticker';
  if (filter.kind === 'look') return `${filter.options?.name ?? ''} look`.trim();
  return 'caption';
}

/** The viewer's line for an effect event: who triggered what. */
export function effectLine(e: EffectEvent): string {
  const who = e.displayName ?? 'Someone';
  if (e.preview) return `${who} previewed the ${describeFilter(e.filter)} effect`;
  const combo = e.comboCount > 1 ? ` x${e.comboCount}` : '';
  return `${who}'s ${e.giftName}${combo} triggered ${describeFilter(e.filter)} for ${e.seconds}s`;
}
