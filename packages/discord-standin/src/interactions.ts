/**
 * Interactions the stand-in has dispatched, and what the bot did with each: the callback (initial
 * response), the @original message as it evolves, follow-ups and webhook edits.
 */
import type { APIMessage } from 'discord-api-types/v10';
import type { StandinState } from './state.js';
import { snowflakeTimestamp } from './snowflake.js';
import { waitFor } from './wait-for.js';
import type { Json } from './types.js';

export interface InteractionCallbackBody {
  /** 1 PONG, 4 message, 5 deferred message, 6 deferred update, 7 update, 8 autocomplete result, 9 modal. */
  type: number;
  data?: Json;
}

export interface WebhookEdit {
  /** The id of the edited message ("@original" edits are recorded with the real id). */
  messageId: string;
  original: boolean;
  body: Json;
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  /** The INTERACTION_CREATE payload as dispatched. */
  payload: Json;
  createdAt: number;
  callback: InteractionCallbackBody | null;
  callbackAt: number | null;
  /** The message a component lives on (component interactions only): @original until the bot replies anew. */
  sourceMessage: APIMessage | null;
  original: APIMessage | null;
  /** After a type-5 defer the first follow-up fills the "thinking" message instead of adding one. */
  loading: boolean;
  followUps: APIMessage[];
  edits: WebhookEdit[];
  settle: { resolve: (b: InteractionCallbackBody) => void; reject: (e: Error) => void };
}

export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  readonly payload: Json;
  /** Resolves with the first accepted callback body; rejects when none arrives within the callback timeout. */
  readonly callback: Promise<InteractionCallbackBody>;
  /** The current @original response (null before a reply, or after deletion). */
  original(): APIMessage | null;
  followUps(): APIMessage[];
  edits(): WebhookEdit[];
  /** Waits until @original exists and passes `predicate` (e.g. no longer loading). */
  waitForOriginal(predicate?: (m: APIMessage) => boolean, timeoutMs?: number): Promise<APIMessage>;
  waitForFollowUps(count: number, timeoutMs?: number): Promise<APIMessage[]>;
}

export class InteractionRegistry {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();

  constructor(
    private readonly state: StandinState,
    private readonly callbackTimeoutMs: number,
  ) {}

  all(): InteractionRecord[] {
    return [...this.byId.values()];
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  byWebhookToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  register(payload: Json, sourceMessage: APIMessage | null): InteractionHandle {
    let settle!: InteractionRecord['settle'];
    const callback = new Promise<InteractionCallbackBody>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // Nobody may await `callback`; keep an unanswered interaction from becoming an unhandled rejection.
    callback.catch(() => undefined);
    const id = String(payload.id);
    const record: InteractionRecord = {
      id,
      token: String(payload.token),
      payload,
      createdAt: snowflakeTimestamp(id),
      callback: null,
      callbackAt: null,
      sourceMessage,
      original: null,
      loading: false,
      followUps: [],
      edits: [],
      settle,
    };
    this.byId.set(record.id, record);
    this.byToken.set(record.token, record);
    const timer = setTimeout(
      () => settle.reject(new Error(`stand-in: interaction ${id} got no callback within ${this.callbackTimeoutMs} ms`)),
      this.callbackTimeoutMs,
    );
    timer.unref();
    void callback.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
    return this.handle(record, callback);
  }

  acknowledged(record: InteractionRecord, body: InteractionCallbackBody, now: number): void {
    record.callback = body;
    record.callbackAt = now;
    record.settle.resolve(body);
    this.state.changed();
  }

  /** Apply an edit of a message wherever interaction records hold it (an ephemeral reply lives only here). */
  replaceMessage(message: APIMessage): void {
    for (const r of this.byId.values()) {
      if (r.original?.id === message.id) r.original = message;
      if (r.sourceMessage?.id === message.id) r.sourceMessage = message;
      r.followUps = r.followUps.map((m) => (m.id === message.id ? message : m));
    }
    this.state.changed();
  }

  findMessage(messageId: string): APIMessage | undefined {
    for (const r of this.byId.values()) {
      if (r.original?.id === messageId) return r.original;
      const f = r.followUps.find((m) => m.id === messageId);
      if (f) return f;
    }
    return undefined;
  }

  rejectAll(reason: string): void {
    for (const r of this.byId.values()) if (!r.callback) r.settle.reject(new Error(reason));
  }

  private handle(record: InteractionRecord, callback: Promise<InteractionCallbackBody>): InteractionHandle {
    const events = this.state.events;
    return {
      id: record.id,
      token: record.token,
      payload: record.payload,
      callback,
      original: () => record.original,
      followUps: () => [...record.followUps],
      edits: () => [...record.edits],
      waitForOriginal: (predicate = () => true, timeoutMs = 5000) =>
        waitFor(events, () => (record.original && predicate(record.original) ? record.original : null), timeoutMs, `@original of interaction ${record.id}`),
      waitForFollowUps: (count, timeoutMs = 5000) =>
        waitFor(events, () => (record.followUps.length >= count ? [...record.followUps] : null), timeoutMs, `${count} follow-up(s) of interaction ${record.id}`),
    };
  }
}
