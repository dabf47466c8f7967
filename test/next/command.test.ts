import { describe, expect, test } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { createRouter } from '../../src/discord/router.js';
import { createI18n } from '../../src/i18n/index.js';
import { readSeasonFile } from '../../src/season/read.js';
import { fakeAutocomplete, fakeChatInput, makeCtx, onlyPayload } from '../discord/commands/fakes.js';

// /next through the real router (the error boundary) and the real command list, on the shipped season.

const { season } = readSeasonFile();

const run = async (now: string, options: Record<string, string> = {}, locale = 'en-US') => {
  const ctx = { ...makeCtx(season, new Date(now)), i18n: createI18n() };
  const router = createRouter({ commands, ctx, log: ctx.log });
  const { interaction, reply } = fakeChatInput('next', options);
  Object.assign(interaction, { locale, guildLocale: null });
  await router.handle(interaction);
  const payload = onlyPayload(reply);
  const embed = payload.embeds[0];
  return { payload, title: embed?.title ?? '', text: embed?.description ?? '' };
};

const unix = (iso: string): number => Date.parse(iso) / 1000;

describe('/next', () => {
  test('GIVEN the week between the two legs of the final THEN Zamalek’s next match has both timestamps, the first-leg score, and no mention allowed', async () => {
    const { payload, title, text } = await run('2024-05-15T12:00:00Z', { team: 'zamalek' });
    expect(title).toBe('Next match: Zamalek');
    expect(text).toContain(`<t:${unix('2024-05-19T16:00:00Z')}:F>`);
    expect(text).toContain(`<t:${unix('2024-05-19T16:00:00Z')}:R>`);
    expect(text).toContain('Final, second leg');
    expect(text).toMatch(/First leg: RS Berkane 2–1 Zamalek/);
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });

  test('GIVEN a group match THEN it names the group, the matchday and the last meeting', async () => {
    const { text } = await run('2024-02-20T12:00:00Z', { team: 'zamalek' });
    expect(text).toContain('Group B, matchday 5');
    expect(text).toMatch(/Last meeting: Zamalek 1–0 .*Abu Salim/);
  });

  test('GIVEN a date without a kickoff time THEN the date is text with "time not published"', async () => {
    const { text } = await run('2024-04-01T12:00:00Z', { team: 'zamalek' });
    expect(text).toContain('(time not published)');
    expect(text).not.toContain('<t:');
  });

  test('GIVEN no team THEN the next round lists its matches', async () => {
    const { title, text } = await run('2023-11-25T12:00:00Z');
    expect(title).toBe('Next matches: Group stage · Matchday 1');
    expect(text.split('\n')).toHaveLength(8);
  });

  test('GIVEN the season over THEN it says so plainly and shows the last match', async () => {
    const { text } = await run('2024-06-01T12:00:00Z');
    expect(text).toContain('The season is over');
    expect(text).toMatch(/Last match: Zamalek 1–0 RS Berkane/);
  });

  test.each([
    ['fr', 'Prochain match : Zamalek', 'Match aller : RS Berkane 2–1 Zamalek'],
    ['pt-BR', 'Próximo jogo: Zamalek', 'Primeira mão: RS Berkane 2–1 Zamalek'],
  ])('GIVEN a %s client THEN the reply is in its language', async (locale, title, context) => {
    const reply = await run('2024-05-15T12:00:00Z', { team: 'zamalek' }, locale);
    expect(reply.title).toBe(title);
    expect(reply.text).toContain(context);
  });

  test('GIVEN an Arabic reply THEN the club name is isolated and the text is Arabic', async () => {
    const ctx = { ...makeCtx(season, new Date('2024-06-01T12:00:00Z')), i18n: createI18n() };
    const tr = ctx.i18n.translator('ar');
    const { renderNext } = await import('../../src/discord/render/next.js');
    const { nextMatches } = await import('../../src/domain/next-match.js');
    const payload = renderNext({ season, view: nextMatches(season, ctx.now(), 'zamalek'), team: 'zamalek', teamName: (id) => id, tr });
    expect(payload.embeds[0]?.description).toContain('هذا الموسم');
    expect(payload.embeds[0]?.description).toContain(tr.name('zamalek'));
  });

  test('GIVEN an unknown club THEN a private user error, not a crash', async () => {
    const ctx = { ...makeCtx(season, new Date('2024-05-15T12:00:00Z')), i18n: createI18n() };
    const router = createRouter({ commands, ctx, log: ctx.log });
    const { interaction, reply } = fakeChatInput('next', { team: 'qqqqzzzz' });
    await router.handle(interaction);
    const payload = onlyPayload(reply) as unknown as { content: string; flags?: number };
    expect(payload.content).toMatch(/qqqqzzzz|club/i);
  });

  test('the team option autocompletes on club names', async () => {
    const ctx = makeCtx(season);
    const { interaction, respond } = fakeAutocomplete('next', { name: 'team', value: 'zam' });
    await commands.find((c) => c.data.name === 'next')?.autocomplete?.(interaction, ctx);
    expect(respond.mock.calls[0]?.[0]).toContainEqual(expect.objectContaining({ value: 'zamalek' }));
  });
});
