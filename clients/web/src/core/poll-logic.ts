/** Poll bar widths: each option's share of the votes in whole percent (0 when nobody voted). */
export function pollPercents(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map(c => (total === 0 ? 0 : Math.round((c * 100) / total)));
}

/** Goal bar width in percent, capped at 100. */
export function goalPercent(progress: number, target: number): number {
  if (target <= 0) return 0;
  return Math.min(100, Math.floor((progress * 100) / target));
}
