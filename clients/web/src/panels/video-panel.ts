import type Hls from 'hls.js';
import { el } from '../core/dom';
import { icon } from '../core/icons';

type Source = 'hls' | 'preview' | 'none';

const retryMs = 5000;

/**
 * The room's video: HLS through hls.js (many viewers, CDN-cacheable) when the room has a playlist, else the
 * low-latency MJPEG preview, else a neutral "no video yet" card. Each source is probed before it is shown (no
 * broken-image icons), and the panel keeps probing, so video appears when the creator's camera starts.
 */
export class VideoPanel {
  private readonly video: HTMLVideoElement;
  private readonly image: HTMLImageElement;
  private readonly empty: HTMLDivElement;
  private readonly frame: HTMLDivElement;
  private hls: Hls | null = null;
  private source: Source = 'none';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(host: HTMLElement, private readonly roomId: string, emptyText = 'No video yet') {
    this.video = el('video', { className: 'video-media', attrs: { playsinline: '', muted: '', autoplay: '', 'aria-label': 'Live video' } });
    this.video.muted = true;
    this.video.addEventListener('click', () => {
      this.video.muted = !this.video.muted;
    });
    this.image = el('img', { className: 'video-media', attrs: { alt: 'Live preview' } });
    this.image.addEventListener('error', () => this.lost());
    this.empty = el('div', { className: 'video-empty', attrs: { 'data-testid': 'video-empty' } }, icon('video', 'icon video-empty-icon'), el('span', { text: emptyText }));
    this.frame = el('div', { className: 'video-frame', attrs: { 'data-testid': 'video' } }, this.video, this.image, this.empty);
    host.append(this.frame);
    this.show('none');
    void this.probe();
  }

  get currentSource(): Source {
    return this.source;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.teardown();
    this.show('none');
  }

  private get base(): string {
    return `/rooms/${encodeURIComponent(this.roomId)}`;
  }

  private async probe(): Promise<void> {
    if (this.stopped) return;
    if (await this.answers(`${this.base}/hls/index.m3u8`) && (await this.playHls())) return;
    if (await this.answers(`${this.base}/preview.mjpeg`)) {
      this.teardown();
      this.image.src = `${this.base}/preview.mjpeg?t=${Date.now()}`;
      this.show('preview');
      this.upgradeLater();
      return;
    }
    this.show('none');
    this.schedule();
  }

  /** True when the URL answers 2xx; reads only the headers (the MJPEG preview is an endless stream). */
  private async answers(url: string): Promise<boolean> {
    const abort = new AbortController();
    try {
      const response = await fetch(url, { signal: abort.signal, cache: 'no-store' });
      return response.ok;
    } catch {
      return false;
    } finally {
      abort.abort();
    }
  }

  private async playHls(): Promise<boolean> {
    const url = `${this.base}/hls/index.m3u8`;
    const { default: HlsPlayer } = await import('hls.js');
    if (HlsPlayer.isSupported()) {
      this.teardown();
      // No worker: the page's CSP allows no blob: workers, and one room's stream is light work.
      const hls = new HlsPlayer({ enableWorker: false, lowLatencyMode: true, liveSyncDurationCount: 2 });
      hls.on(HlsPlayer.Events.ERROR, (_event, data) => {
        if (data.fatal) this.lost();
      });
      hls.loadSource(url);
      hls.attachMedia(this.video);
      this.hls = hls;
    } else if (this.video.canPlayType('application/vnd.apple.mpegurl')) {
      this.teardown();
      this.video.src = url; // Safari plays HLS natively
      this.video.addEventListener('error', () => this.lost(), { once: true });
    } else {
      return false;
    }
    void this.video.play().catch(() => undefined);
    this.show('hls');
    return true;
  }

  /** The source stopped answering (the creator's camera stopped, or the room ended): go back to probing. */
  private lost(): void {
    if (this.source === 'none') return;
    this.teardown();
    this.show('none');
    this.schedule();
  }

  /**
   * On the preview, HLS usually appears a few seconds later (ffmpeg's first segment), and it is what scales: switch
   * to it when it answers.
   */
  private upgradeLater(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      if (this.stopped || this.source !== 'preview') return;
      if (await this.answers(`${this.base}/hls/index.m3u8`) && (await this.playHls())) return;
      this.upgradeLater();
    }, retryMs);
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.probe(), retryMs);
  }

  private teardown(): void {
    this.hls?.destroy();
    this.hls = null;
    this.video.removeAttribute('src');
    this.image.removeAttribute('src');
  }

  private show(source: Source): void {
    this.source = source;
    this.frame.dataset.source = source;
    this.video.hidden = source !== 'hls';
    this.image.hidden = source !== 'preview';
    this.empty.hidden = source !== 'none';
  }
}
