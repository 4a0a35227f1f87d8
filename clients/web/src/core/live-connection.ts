import { HubConnectionBuilder, HubConnectionState, HttpTransportType, LogLevel, type HubConnection } from '@microsoft/signalr';
import { KeepTryingPolicy } from './retry-policy';
import { currentSession } from './session';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/**
 * The page's one connection to /hubs/live. SignalR's automatic reconnect never retries the first start() and
 * stops when a reconnect ends in close(); this wrapper retries both with the same policy, so the connection is
 * either up or being brought back, and tells listeners each time it is up again (with a new connection id).
 */
export class LiveConnection {
  readonly hub: HubConnection;
  private readonly policy = new KeepTryingPolicy();
  private readonly stateListeners: ((state: ConnectionState) => void)[] = [];
  private readonly upListeners: (() => Promise<void> | void)[] = [];
  private stopped = false;

  constructor() {
    this.hub = new HubConnectionBuilder()
      .withUrl('/hubs/live', {
        // Read the token on every (re)connect: the session may have been renewed.
        accessTokenFactory: () => currentSession()?.token ?? '',
        transport: HttpTransportType.WebSockets,
        skipNegotiation: true,
      })
      .withAutomaticReconnect(this.policy)
      .configureLogging(LogLevel.Warning)
      .build();
    this.hub.onreconnecting(() => this.setState('reconnecting'));
    this.hub.onreconnected(() => void this.up());
    this.hub.onclose(() => {
      if (!this.stopped) void this.startWithRetry();
    });
  }

  onState(listener: (state: ConnectionState) => void): void {
    this.stateListeners.push(listener);
  }

  /** Runs after every successful (re)connect: where rooms are (re)joined. */
  onUp(listener: () => Promise<void> | void): void {
    this.upListeners.push(listener);
  }

  get connected(): boolean {
    return this.hub.state === HubConnectionState.Connected;
  }

  start(): Promise<void> {
    this.stopped = false;
    return this.startWithRetry();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.hub.stop();
  }

  private async startWithRetry(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      this.setState(attempt === 0 ? 'connecting' : 'reconnecting');
      try {
        await this.hub.start();
        await this.up();
        return;
      } catch {
        const delay = this.policy.nextRetryDelayInMilliseconds({ previousRetryCount: attempt, elapsedMilliseconds: 0, retryReason: new Error('start failed') });
        await new Promise(resolve => setTimeout(resolve, Math.max(delay, 500)));
      }
    }
  }

  private async up(): Promise<void> {
    for (const listener of this.upListeners) {
      try {
        await listener();
      } catch (error) {
        // A rejoin that failed on a fresh connection: drop the connection and let the retry loop try again.
        console.warn('rejoin failed', error);
        if (!this.stopped) await this.hub.stop();
        return;
      }
    }
    this.setState('connected');
  }

  private setState(state: ConnectionState): void {
    for (const listener of this.stateListeners) listener(state);
  }
}
