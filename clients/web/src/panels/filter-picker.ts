import { errorMessage } from '../core/api';
import { el } from '../core/dom';
import type { RoomSession } from '../core/room-session';
import type { FilterSpec, FiltersEvent } from '../core/types';

/** One filter kind in the picker: its switch, its option controls, and how they map to the wire options. */
interface FilterControl {
  kind: string;
  label: string;
  enabled: HTMLInputElement;
  controls: HTMLElement[];
  options(): Record<string, string> | undefined;
  load(options: Record<string, string> | null | undefined): void;
}

function select(label: string, values: readonly string[]): HTMLSelectElement {
  return el('select', { attrs: { 'aria-label': label } }, ...values.map(v => el('option', { text: v, attrs: { value: v } })));
}

function kinds(): FilterControl[] {
  const asset = select('Sticker', ['glasses', 'hat', 'crown']);
  const strength = el('input', { attrs: { type: 'range', min: '0', max: '100', value: '50', 'aria-label': 'Beauty strength' } });
  const look = select('Look', ['warm', 'cool', 'mono', 'vintage']);
  const text = el('input', { attrs: { type: 'text', maxlength: '60', placeholder: 'Overlay text', 'aria-label': 'Overlay text' } });
  const make = (kind: string, label: string, controls: HTMLElement[], options: () => Record<string, string> | undefined, load: (o: Record<string, string>) => void): FilterControl => ({
    kind,
    label,
    enabled: el('input', { attrs: { type: 'checkbox', 'data-filter': kind } }),
    controls,
    options,
    load: o => o && load(o),
  });
  return [
    make('sticker', 'Sticker', [asset], () => ({ asset: asset.value }), o => (asset.value = o.asset ?? asset.value)),
    make('beauty', 'Beauty', [strength], () => ({ strength: (Number(strength.value) / 100).toFixed(2) }), o => (strength.value = String(Math.round(Number(o.strength ?? 0.5) * 100)))),
    make('look', 'Colour look', [look], () => ({ name: look.value }), o => (look.value = o.name ?? look.value)),
    make('pixelate', 'Pixelate faces', [], () => undefined, () => undefined),
    make('blur', 'Blur faces', [], () => undefined, () => undefined),
    make('overlay', 'Text overlay', [text], () => ({ text: text.value }), o => (text.value = o.text ?? '')),
  ];
}

/**
 * Pick and combine AR filters live. Every change sends the whole chain (in the order listed) with
 * SetFilters(roomId, [{kind, options}]); the server validates it and broadcasts a "filters" event, which is what
 * the "active" line shows, so the creator sees what viewers' video actually gets.
 */
export class FilterPicker {
  private readonly filters = kinds();
  private readonly active: HTMLParagraphElement;
  private readonly error: HTMLParagraphElement;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(host: HTMLElement, private readonly session: RoomSession) {
    this.active = el('p', { className: 'filters-active', attrs: { 'data-testid': 'active-filters' } });
    this.error = el('p', { className: 'form-error', attrs: { role: 'alert', 'data-testid': 'filter-error' } });
    this.error.hidden = true;
    const rows = this.filters.map(f => {
      f.enabled.addEventListener('change', () => this.changed());
      for (const control of f.controls) control.addEventListener(control instanceof HTMLInputElement && control.type === 'text' ? 'change' : 'input', () => f.enabled.checked && this.changed());
      return el('li', { className: 'filter-row' }, el('label', { className: 'filter-label' }, f.enabled, ` ${f.label}`), ...f.controls);
    });
    host.append(el('ul', { className: 'filter-list' }, ...rows), this.active, this.error);
    session.onSnapshot(snapshot => this.load(snapshot.filters));
    session.on('filters', e => this.showActive((e as FiltersEvent).filters));
    session.onStatus(status => {
      if (status === 'ended') this.filters.forEach(f => [f.enabled, ...f.controls].forEach(c => ((c as HTMLInputElement).disabled = true)));
    });
  }

  chain(): FilterSpec[] {
    return this.filters.filter(f => f.enabled.checked).map(f => {
      const options = f.options();
      return options ? { kind: f.kind, options } : { kind: f.kind };
    });
  }

  private load(filters: FilterSpec[]): void {
    for (const control of this.filters) {
      const spec = filters.find(f => f.kind === control.kind);
      control.enabled.checked = spec !== undefined;
      control.load(spec?.options);
    }
    this.showActive(filters);
  }

  private changed(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.apply(), 150);
  }

  private async apply(): Promise<void> {
    try {
      await this.session.invoke<void>('SetFilters', this.chain());
      this.error.hidden = true;
    } catch (error) {
      this.error.textContent = errorMessage(error);
      this.error.hidden = false;
    }
  }

  private showActive(filters: FilterSpec[]): void {
    const names = filters.map(f => {
      const detail = Object.values(f.options ?? {}).filter(v => v !== '').join(', ');
      return detail ? `${f.kind} (${detail})` : f.kind;
    });
    this.active.textContent = names.length ? `Active: ${names.join(' → ')}` : 'No filters';
  }
}
