// Discord misbehaving while the bot answers: refused callbacks, a transient 5xx, a gateway reconnect.
// The bot must answer what it still can, log the rest, and keep serving.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Standin } from 'discord-standin';
import {
  botEnv,
  EPHEMERAL,
  makeTempDir,
  startBotProcess,
  startTestStandin,
  stopAll,
  STARTUP_TIMEOUT_MS,
  TEST_TOKEN,
  type BotProcess,
  type CallbackData,
  type LogLine,
} from './harness.js';

const TEST_TIMEOUT_MS = 30_000;

let standin: Standin;
let bot: BotProcess;

beforeAll(async () => {
  standin = await startTestStandin();
  ({ bot } = await startBotProcess(botEnv(standin, { databasePath: join(makeTempDir(), 'bot.sqlite') })));
}, STARTUP_TIMEOUT_MS + 5_000);

afterAll(async () => {
  await stopAll();
  await standin?.close();
});

const routerLine = (interactionId: string): Promise<LogLine> =>
  bot.waitForLog((l) => l.interactionId === interactionId && 'outcome' in l, 15_000, `the router line of ${interactionId}`);

const callbacksOf = (interactionId: string) => standin.requestsTo('POST', `/interactions/${interactionId}/*/callback`);

/** Dispatches /standings and, before the bot can answer, makes its callback fail as `fault` says. */
const standingsWithFailingCallback = (fault: { status: 400 | 404 | 500; code?: number }) => {
  const handle = standin.sendInteraction({ kind: 'chatInput', name: 'standings' });
  standin.injectFault({ method: 'POST', pathPattern: `/interactions/${handle.id}/*/callback`, times: 1, ...fault });
  handle.callback.catch(() => undefined); // may never settle with a body: the fault answered instead
  return handle;
};

const expectStillServing = async (): Promise<void> => {
  const handle = standin.sendInteraction({ kind: 'chatInput', name: 'about' });
  const body = await handle.callback;
  expect(body.type).toBe(4);
};

describe('the initial response is refused', () => {
  test('GIVEN Discord says Unknown interaction (10062) THEN no second attempt, a warning, and the bot keeps serving', async () => {
    const handle = standingsWithFailingCallback({ status: 404, code: 10062 });
    const line = await routerLine(handle.id);

    expect(line).toMatchObject({ outcome: 'expired', code: 10062, level: 40 });
    expect(callbacksOf(handle.id)).toHaveLength(1);
    expect(standin.requestsTo(undefined, `/webhooks/**`).filter((r) => r.path.includes(handle.token))).toEqual([]);
    await expectStillServing();
  }, TEST_TIMEOUT_MS);

  test('GIVEN the reply is rejected as an invalid body (our bug) THEN the user gets the generic error with the reference', async () => {
    const handle = standingsWithFailingCallback({ status: 400, code: 50035 });
    const line = await routerLine(handle.id);

    expect(line).toMatchObject({ outcome: 'error', ref: handle.id, level: 50 });
    expect((line.err as { stack?: string }).stack).toBeTruthy();
    const [failed, errorReply] = callbacksOf(handle.id);
    expect(failed?.status).toBe(400);
    expect(errorReply?.status).toBeLessThan(300);
    const data = (errorReply?.body as { data: CallbackData }).data;
    expect(data.content).toBe(`Something went wrong on our side (ref ${handle.id}). It has been logged; please try again later.`);
    expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    await expectStillServing();
  }, TEST_TIMEOUT_MS);

  test('GIVEN one 500 on the callback THEN the library retries and the user gets the normal answer', async () => {
    const handle = standingsWithFailingCallback({ status: 500 });
    const line = await routerLine(handle.id);

    expect(line).toMatchObject({ outcome: 'ok' });
    expect(callbacksOf(handle.id).map((r) => r.status)).toEqual([500, expect.any(Number)]);
    expect((await handle.callback).type).toBe(4);
  }, TEST_TIMEOUT_MS);
});

describe('the gateway', () => {
  test('GIVEN Discord asks the bot to reconnect THEN it connects again and answers the next interaction', async () => {
    const sessionsBefore = standin.sessions.length;
    standin.requestReconnect();
    // The stand-in refuses RESUME (INVALID_SESSION), so discord.js identifies anew after a short random wait.
    const session = await standin.waitFor(
      () => standin.sessions.slice(sessionsBefore).find((s) => s.ready && !s.closed),
      20_000,
      'a new ready gateway session',
    );
    expect(session.intents).toBe(1);
    await expectStillServing();
  }, TEST_TIMEOUT_MS);
});

describe('the process', () => {
  test('GIVEN the faults above THEN it never crashed, never logged an unhandled rejection, never printed the token', () => {
    expect(bot.child.exitCode).toBeNull();
    expect(bot.lines.filter((l) => /unhandled|uncaught/.test(String(l.msg)))).toEqual([]);
    expect(bot.stdout() + bot.stderr()).not.toContain(TEST_TOKEN);
  });
});
