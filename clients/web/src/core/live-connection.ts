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
  private restarting = false;
  private everUp = false;
  /** Failed starts and rejoins in a row: drives the back-off, reset once the rooms are joined again. */
  private failures = 0;

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
    // SignalR gave up (or a rejoin failed and we dropped the connection): start over, with back-off.
    this.hub.onclose(() => void this.startWithRetry());
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
    if (this.restarting || this.stopped) return;
    this.restarting = true;
    try {
      while (!this.stopped) {
        if (this.failures > 0) {
          const delay = this.policy.nextRetryDelayInMilliseconds({ previousRetryCount: this.failures - 1, elapsedMilliseconds: 0, retryReason: new Error('start failed') });
          await new Promise(resolve => setTimeout(resolve, Math.max(delay, 500)));
          if (this.stopped) return;
        }
        this.setState(this.everUp ? 'reconnecting' : 'connecting');
        try {
          await this.hub.start();
        } catch {
          this.failures++;
          continue;
        }
        if (await this.up()) return;
      }
    } finally {
      this.restarting = false;
    }
  }

  /** Runs the (re)join listeners; on failure drops the connection (the retry loop brings it back) and returns false. */
  private async up(): Promise<boolean> {
    try {
      for (const listener of this.upListeners) await listener();
    } catch (error) {
      console.warn('rejoin failed', error);
      this.failures++;
      if (!this.stopped) await this.hub.stop();
      return false;
    }
    this.failures = 0;
    this.everUp = true;
    this.setState('connected');
    return true;
  }

  private setState(state: ConnectionState): void {
    for (const listener of this.stateListeners) listener(state);
  }
}
