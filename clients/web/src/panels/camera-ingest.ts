import { el } from '../core/dom';
import { currentSession } from '../core/session';

type IngestState = 'off' | 'waiting' | 'connecting' | 'sending' | 'unavailable' | 'lost' | 'camera-error';

const resolutions = [
  { label: '320 × 240', width: 320, height: 240 },
  { label: '640 × 360', width: 640, height: 360 },
  { label: '640 × 480', width: 640, height: 480 },
  { label: '1280 × 720', width: 1280, height: 720 },
] as const;
const frameRates = [5, 10, 15, 24] as const;
const jpegQuality = 0.75;
/** Latest frame wins: while this much is still queued on the socket, new frames are dropped, not queued. */
const maxBufferedBytes = 256 * 1024;
const retryUnavailableMs = 10_000;
const retryLostMs = 2000;

/**
 * The creator's camera (or a test video file): getUserMedia (or the file) drawn onto a canvas at the chosen size and rate, each frame sent as one binary
 * JPEG message over the ingest WebSocket (/rooms/{id}/ingest). The server applies the filters and serves the
 * result; the canvas here is the creator's raw local preview. When the server has no ingest endpoint (or refuses
 * the socket) the status says so and the panel retries; the camera keeps running locally.
 */
export class CameraIngest {
  private readonly canvas: HTMLCanvasElement;
  private readonly video: HTMLVideoElement;
  private readonly resolution: HTMLSelectElement;
  private readonly fps: HTMLSelectElement;
  private readonly toggle: HTMLButtonElement;
  private readonly file: HTMLInputElement;
  private fileUrl: string | null = null;
  private readonly status: HTMLParagraphElement;
  private readonly sentLine: HTMLSpanElement;
  private stream: MediaStream | null = null;
  private socket: WebSocket | null = null;
  private frameTimer: ReturnType<typeof setInterval> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private encoding = false;
  private framesSent = 0;
  private framesDropped = 0;
  /** The server takes frames only while the room is live (409 before): connect then, not before. */
  private live = false;

  constructor(host: HTMLElement, private readonly roomId: string) {
    this.canvas = el('canvas', { className: 'camera-canvas', attrs: { width: '640', height: '360', 'data-testid': 'camera-canvas', 'aria-label': 'Your camera' } });
    this.video = el('video', { attrs: { playsinline: '', muted: '' } });
    this.video.muted = true;
    this.resolution = el('select', { attrs: { 'aria-label': 'Resolution', 'data-testid': 'resolution' } }, ...resolutions.map((r, i) => el('option', { text: r.label, attrs: { value: String(i) } })));
    this.resolution.value = '1';
    this.fps = el('select', { attrs: { 'aria-label': 'Frames per second', 'data-testid': 'fps' } }, ...frameRates.map(f => el('option', { text: `${f} fps`, attrs: { value: String(f) } })));
    this.fps.value = '10';
    this.toggle = el('button', { className: 'button', text: 'Start camera', attrs: { type: 'button', 'data-testid': 'camera-toggle' } });
    this.file = el('input', { className: 'file-input', attrs: { type: 'file', accept: 'video/*', 'aria-label': 'Use a video file', 'data-testid': 'video-file' } });
    this.file.addEventListener('change', () => {
      const chosen = this.file.files?.[0];
      if (chosen) void this.startFile(chosen);
    });
    this.status = el('p', { className: 'ingest-status', attrs: { role: 'status', 'data-testid': 'ingest-status' } });
    this.sentLine = el('span', { className: 'ingest-sent' });
    this.toggle.addEventListener('click', () => void (this.running ? this.stop() : this.start()));
    this.resolution.addEventListener('change', () => {
      if (this.stream) void this.restart();
      else if (this.fileUrl) this.sizeCanvas();
    });
    this.fps.addEventListener('change', () => this.running && this.startFrames());
    host.append(
      el('div', { className: 'camera-stage' }, this.canvas),
      el('div', { className: 'camera-controls' }, this.toggle, this.resolution, this.fps, el('label', { className: 'file-label' }, 'or a test video: ', this.file)),
      el('div', { className: 'ingest-line' }, this.status, this.sentLine));
    this.setState('off', 'Camera off');
  }

  /** The room went live (connect now, without waiting for a retry) or stopped being live. */
  setLive(live: boolean): void {
    if (live === this.live) return;
    this.live = live;
    if (!this.running) return;
    if (live) {
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = null;
      if (!this.socket) this.connect();
    } else {
      this.disconnect();
      this.waitForLive();
    }
  }

  private get running(): boolean {
    return this.stream !== null || this.fileUrl !== null;
  }

  async start(): Promise<void> {
    this.stop();
    const { width, height } = resolutions[Number(this.resolution.value)];
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: width }, height: { ideal: height }, frameRate: { ideal: Number(this.fps.value) } }, audio: false });
    } catch (error) {
      this.setState('camera-error', `Cannot use the camera: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.video.srcObject = this.stream;
    await this.video.play();
    this.sizeCanvas();
    this.toggle.textContent = 'Stop camera';
    this.startFrames();
    this.connectWhenLive();
  }

  /** Streams a local video file (looped) instead of the camera: for testing a live without a camera. */
  async startFile(file: File): Promise<void> {
    this.stop();
    this.fileUrl = URL.createObjectURL(file);
    this.video.srcObject = null;
    this.video.loop = true;
    this.video.src = this.fileUrl;
    try {
      await this.video.play();
    } catch {
      this.stop();
      this.setState('camera-error', 'This browser cannot play that video file');
      return;
    }
    this.sizeCanvas();
    this.toggle.textContent = 'Stop video';
    this.startFrames();
    this.connectWhenLive();
  }

  stop(): void {
    if (this.frameTimer) clearInterval(this.frameTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.frameTimer = null;
    this.retryTimer = null;
    this.stream?.getTracks().forEach(t => t.stop());
    this.stream = null;
    this.video.pause();
    this.video.srcObject = null;
    if (this.fileUrl) {
      this.video.removeAttribute('src');
      this.video.load();
      URL.revokeObjectURL(this.fileUrl);
      this.fileUrl = null;
      this.file.value = '';
    }
    this.disconnect();
    this.toggle.textContent = 'Start camera';
    this.setState('off', 'Camera off');
  }

  private async restart(): Promise<void> {
    await this.start();
  }

  private sizeCanvas(): void {
    const { width, height } = resolutions[Number(this.resolution.value)];
    this.canvas.width = width;
    this.canvas.height = height;
  }

  private startFrames(): void {
    if (this.frameTimer) clearInterval(this.frameTimer);
    this.frameTimer = setInterval(() => this.frame(), 1000 / Number(this.fps.value));
  }

  private frame(): void {
    const context = this.canvas.getContext('2d');
    if (!context || this.video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
    context.drawImage(this.video, 0, 0, this.canvas.width, this.canvas.height);
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    if (this.encoding || socket.bufferedAmount > maxBufferedBytes) {
      this.framesDropped++;
      return;
    }
    this.encoding = true;
    this.canvas.toBlob(blob => {
      this.encoding = false;
      if (!blob || socket.readyState !== WebSocket.OPEN) return;
      socket.send(blob);
      this.framesSent++;
      this.sentLine.textContent = `${this.framesSent} frames sent${this.framesDropped ? `, ${this.framesDropped} skipped` : ''}`;
    }, 'image/jpeg', jpegQuality);
  }

  private connectWhenLive(): void {
    if (this.live) this.connect();
    else this.waitForLive();
  }

  private waitForLive(): void {
    this.setState('waiting', 'Camera on: your video goes to viewers once you go live');
  }

  private disconnect(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'camera stopped');
  }

  private connect(): void {
    const token = currentSession()?.token ?? '';
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${scheme}//${location.host}/rooms/${encodeURIComponent(this.roomId)}/ingest?access_token=${encodeURIComponent(token)}`;
    this.setState('connecting', 'Connecting video…');
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.setState('sending', 'Sending video to the server');
    });
    socket.addEventListener('message', message => {
      // The server may explain itself in text (e.g. a refused frame size); show it.
      if (typeof message.data === 'string') this.status.textContent = message.data;
    });
    socket.addEventListener('close', close => {
      if (this.socket !== socket) return; // stopped on purpose
      this.socket = null;
      if (!opened) {
        this.setState('unavailable', 'Video ingest is not available on this server; your camera stays local. Retrying…');
        this.retryTimer = setTimeout(() => this.connect(), retryUnavailableMs);
      } else {
        const reason = close.reason ? ` (${close.reason})` : '';
        this.setState('lost', `Video connection lost${reason}; reconnecting…`);
        this.retryTimer = setTimeout(() => this.connect(), retryLostMs);
      }
    });
    this.socket = socket;
  }

  private setState(state: IngestState, text: string): void {
    this.status.dataset.state = state;
    this.status.textContent = text;
  }
}
