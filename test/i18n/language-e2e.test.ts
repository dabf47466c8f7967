// /language end to end: the bot process (its real composition root, database and i18n) answering
// interactions the stand-in sends through discord.js, with the client locale Discord would send.
import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FSI, PDI } from '../../src/i18n/bidi.js';
import { botEnv, EPHEMERAL, GUILD_ID, makeTempDir, startBotProcess, startTestStandin, stopAll, STARTUP_TIMEOUT_MS, type CallbackData } from '../e2e/harness.js';

let standin: Standin;
let fan: string;
let admin: string;

beforeAll(async () => {
  standin = await startTestStandin();
  fan = standin.addUser({ username: 'fan' }).id;
  admin = standin.addUser({ username: 'admin' }).id;
  standin.addMember(GUILD_ID, fan);
  standin.addMember(GUILD_ID, admin);
  await startBotProcess(botEnv(standin, { databasePath: join(makeTempDir(), 'bot.sqlite') }));
}, STARTUP_TIMEOUT_MS + 5_000);

afterAll(async () => {
  await stopAll();
  await standin?.close();
});

const language = async (
  subcommand: 'set' | 'show' | 'reset',
  opts: { userId: string; locale: string; options?: Record<string, string>; admin?: boolean },
): Promise<CallbackData> => {
  const handle = standin.sendInteraction({
    kind: 'chatInput',
    name: 'language',
    subcommand,
    userId: opts.userId,
    locale: opts.locale,
    ...(opts.options ? { options: opts.options } : {}),
    ...(opts.admin ? { memberPermissions: ['ManageGuild'] as const } : {}),
  });
  const body = await handle.callback;
  const data = (body.data ?? {}) as CallbackData;
  expect((data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  return data;
};

describe('the language of a reply, end to end', () => {
  test('GIVEN the commands registered THEN they carry fr and pt-BR names', () => {
    const registered = standin.commands(GUILD_ID);
    expect(registered.find((c) => c.name === 'standings')?.name_localizations).toEqual({ fr: 'classement', 'pt-BR': 'classificação' });
    expect(registered.find((c) => c.name === 'language')?.description_localizations).toMatchObject({ fr: expect.any(String), 'pt-BR': expect.any(String) });
  });

  test('GIVEN no choice THEN a French client gets French and a Brazilian Portuguese client Portuguese', async () => {
    expect((await language('show', { userId: fan, locale: 'fr' })).content).toMatch(/^Je vous réponds en \*\*français\*\* : votre application Discord est en français\./);
    expect((await language('show', { userId: fan, locale: 'pt-BR' })).content).toMatch(/^Respondo-lhe em \*\*português\*\*: a sua aplicação Discord está em português\./);
  });

  test('GIVEN /language set language:ar THEN the next reply is Arabic, with the command names isolated', async () => {
    await language('set', { userId: fan, locale: 'en-US', options: { language: 'ar' } });
    const { content } = await language('show', { userId: fan, locale: 'en-US' });
    expect(content?.split('\n')[0]).toBe('أجيبك باللغة **العربية**: لأنك اخترتها.');
    expect(content).toContain(`${FSI}\`/language set\`${PDI}`);
    await language('reset', { userId: fan, locale: 'en-US' });
  });

  test('GIVEN a server set to Arabic THEN a member whose client is in French is answered in Arabic', async () => {
    const set = await language('set', { userId: admin, locale: 'en-US', options: { language: 'ar', scope: 'server' }, admin: true });
    expect(set.content).toMatch(/^لغة هذا الخادم الآن: العربية\./);
    const { content } = await language('show', { userId: fan, locale: 'fr' });
    expect(content?.split('\n')[0]).toBe('أجيبك باللغة **العربية**: لأن هذا الخادم اختارها.');
  });
});
