import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { z, type ZodType } from 'zod';
import { LIQUIDE_CONFIG } from '../config/config.module';
import type { LiquideConfig, LiveLimits } from '../config/liquide-config';
import { InputValidationError } from '../errors/validation';
import { refusal, type LiquideError } from '../errors/liquide-error';
import { PluginRegistry } from '../plugins/plugin-registry';
import { TokenBucket } from '../security/token-bucket';
import { AbuseCooldown } from './abuse-cooldown';
import { LiveErrorCode } from './live.errors';
import { WatchInput } from './live.contract';

interface ClientEvent {
  readonly schema: ZodType;
  readonly maxBytes: number;
}

/** The engine's events a client may send: each one payload (checked by its schema, at most `maxBytes`) and an ack. */
const ENGINE_CLIENT_EVENTS: Readonly<Record<string, ClientEvent>> = {
  'ballot:watch': { schema: WatchInput, maxBytes: 256 },
  'ballot:unwatch': { schema: WatchInput, maxBytes: 256 },
};

/**
 * A plugin's declared client events (`socketEvents.clientToServer`): held to the same rates, one payload
 * and an ack, at most this size; the plugin's gateway validates the payload's shape itself.
 */
const PLUGIN_EVENT: ClientEvent = { schema: z.unknown(), maxBytes: 1024 };

/** A socket's share of the limits, kept in its `data` for as long as it is connected. */
export interface SocketAllowance {
  readonly address: string;
  readonly events: TokenBucket;
  /** Refusals left before the socket is disconnected (refilled slowly: honest mistakes are forgiven). */
  readonly refusals: TokenBucket;
}

/**
 * The limits every socket.io client is held to, per socket and per address (docs/live.md):
 * connections per address, events per second (token buckets), the shape and size of each event,
 * and how many refusals a socket may collect before it is disconnected. Everything here is
 * checked before any work is done for an event, in constant time, in this instance's memory.
 */
@Injectable()
export class LiveLimiter implements OnModuleDestroy {
  readonly limits: LiveLimits;
  private readonly connections = new Map<string, number>();
  private readonly addressBuckets = new Map<string, TokenBucket>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly clientEvents = new Map<string, ClientEvent>(Object.entries(ENGINE_CLIENT_EVENTS));
  private readonly cooldown: AbuseCooldown;

  constructor(@Inject(LIQUIDE_CONFIG) config: LiquideConfig, @Optional() plugins?: PluginRegistry) {
    this.limits = config.live.limits;
    this.cooldown = new AbuseCooldown(this.limits.abuseCooldownSeconds);
    for (const plugin of plugins?.plugins ?? []) {
      for (const event of plugin.socketEvents?.clientToServer ?? []) {
        if (!this.clientEvents.has(event)) {
          this.clientEvents.set(event, PLUGIN_EVENT);
        }
      }
    }
    // forget the buckets of addresses gone quiet, so that memory follows the live connections
    this.sweeper = setInterval(() => {
      this.forgetQuietAddresses();
      this.cooldown.sweep();
    }, 10_000);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Open connections from `address` (engine.io connections, whether or not they joined yet). */
  connectionsFrom(address: string): number {
    return this.connections.get(address) ?? 0;
  }

  /** Counts an engine.io connection; call {@link closed} when it closes. */
  opened(address: string): void {
    this.connections.set(address, this.connectionsFrom(address) + 1);
  }

  closed(address: string): void {
    const left = this.connectionsFrom(address) - 1;
    if (left > 0) {
      this.connections.set(address, left);
    } else {
      this.connections.delete(address);
    }
  }

  /**
   * Admits a socket.io connection from `address` (already counted by {@link opened}): its own
   * allowance, or the error to refuse it with (too many connections, or connecting too often).
   */
  admit(address: string): SocketAllowance | LiquideError {
    const max = this.limits.maxConnectionsPerAddress;
    if (this.connectionsFrom(address) > max) {
      return refusal(LiveErrorCode.TooManyConnections, { params: { max } });
    }
    const bucket = this.addressBucket(address);
    if (!bucket.take()) {
      return this.rateLimited(bucket, this.limits.addressEventsPerSecond);
    }
    const { eventsPerSecond, maxRefusals } = this.limits;
    return {
      address,
      events: new TokenBucket(eventsPerSecond, eventsPerSecond * 2),
      refusals: new TokenBucket(Math.max(1, maxRefusals / 10), maxRefusals),
    };
  }

  /**
   * Checks one incoming event, `[name, ...args]` as socket.io decoded it: the rate of the socket
   * and of its address, the name, the arguments (one payload, then at most an ack), the payload's
   * size and schema. Returns the error to refuse it with, or null to let it through.
   */
  check(allowance: SocketAllowance, packet: readonly unknown[]): LiquideError | InputValidationError | null {
    if (!allowance.events.take()) {
      return this.rateLimited(allowance.events, this.limits.eventsPerSecond);
    }
    const bucket = this.addressBucket(allowance.address);
    if (!bucket.take()) {
      return this.rateLimited(bucket, this.limits.addressEventsPerSecond);
    }
    const [name, payload, ...rest] = packet;
    const spec = typeof name === 'string' ? (this.clientEvents.get(name) ?? null) : null;
    const extra = rest.length > 1 || (rest.length === 1 && typeof rest[0] !== 'function');
    if (!spec || extra) {
      return refusal(LiveErrorCode.UnknownEvent, { params: { event: describe(name) } });
    }
    // the message is already bounded by maxMessageBytes: measuring it is bounded work too
    if (jsonLength(payload) > spec.maxBytes) {
      return refusal(LiveErrorCode.PayloadTooLarge, {
        params: { event: name as string, max: spec.maxBytes },
      });
    }
    const parsed = spec.schema.safeParse(payload);
    return parsed.success ? null : new InputValidationError(parsed.error.issues, 'socket');
  }

  /**
   * The refusal for a client still cooling down after it was disconnected for abuse (`keys`: see
   * {@link abused}), or null when it may connect.
   */
  coolingDown(keys: readonly string[]): LiquideError | null {
    const retryAfter = this.cooldown.remainingSeconds(keys);
    return retryAfter > 0 ? refusal(LiveErrorCode.CoolingDown, { params: { retryAfter } }) : null;
  }

  /**
   * Records that the client known by `keys` (its account when signed in, else its address)
   * was disconnected for abuse: its new connections are refused for a while (LIVE_ABUSE_COOLDOWN_SECONDS,
   * doubled at each repeat).
   */
  abused(keys: readonly string[]): void {
    this.cooldown.strike(keys);
  }

  /** Counts a refusal against the socket; false when it has used up its refusals and must go. */
  refused(allowance: SocketAllowance): boolean {
    return allowance.refusals.take();
  }

  private addressBucket(address: string): TokenBucket {
    let bucket = this.addressBuckets.get(address);
    if (!bucket) {
      const perSecond = this.limits.addressEventsPerSecond;
      bucket = new TokenBucket(perSecond, perSecond * 2);
      this.addressBuckets.set(address, bucket);
    }
    return bucket;
  }

  private rateLimited(bucket: TokenBucket, limit: number): LiquideError {
    return refusal(LiveErrorCode.RateLimited, {
      params: { limit, retryAfter: Math.max(1, bucket.secondsUntilNext()) },
    });
  }

  private forgetQuietAddresses(): void {
    for (const [address, bucket] of this.addressBuckets) {
      if (!this.connections.has(address) && bucket.isFull()) {
        this.addressBuckets.delete(address);
      }
    }
  }
}

function jsonLength(value: unknown): number {
  if (value === undefined) {
    return 0;
  }
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** The event name as it may be shown back: a short printable string. */
function describe(name: unknown): string {
  const text = typeof name === 'string' ? name : typeof name;
  return text.replace(/[^\w:.-]/g, '?').slice(0, 40);
}
