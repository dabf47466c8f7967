import { describe, expect, test } from 'vitest';
import { fixturesReply, type FixturesQuery } from '../../../src/discord/commands/fixtures-query.js';
import { createI18n } from '../../../src/i18n/index.js';
import { readSeasonFile } from '../../../src/season/read.js';
import { ask, expectKeptWithNotice, footers } from './ask.js';
import { makeCtx } from './fakes.js';

// Fan commands keep their replies (kept-reply.ts, issue 15): asked again, the same question gets the
// very payload built the first time; anything the reply shows that differs (the clock's step, the
// footer's notice, the language, the option) gives a reply built for it.

const { season } = readSeasonFile();


const HOUR = 60 * 60 * 1000;

describe('fixturesReply kept per query, page, language and step of the clock', () => {
  // Instants around kickoffs (the step changes just after one) and midnights, in a scrambled order.
  const instants = season.matches
    .filter((_, i) => i % 5 === 0)
    .flatMap((m) => (m.kickoff === null ? [] : [Date.parse(m.kickoff) - 1, Date.parse(m.kickoff), Date.parse(m.kickoff) + 1, Date.parse(m.kickoff) + 30 * HOUR]))
    .sort((a, b) => (a * 7919) % 1000 - (b * 7919) % 1000);
  const queries: FixturesQuery[] = [{ when: 'upcoming' }, { when: 'all', team: 'zamalek' }, { when: 'results' }];

  test.each(queries)('GIVEN %j at every instant THEN the kept reply equals one built on a fresh copy of the season', (query) => {
    expect(instants.length).toBeGreaterThan(20);
    for (const t of instants) {
      const now = new Date(t);
      // A fresh copy has nothing kept: its reply is built now.
      expect(fixturesReply(season, query, 1, now), now.toISOString()).toEqual(fixturesReply(structuredClone(season), query, 1, now));
    }
  });

  test('GIVEN the same question twice THEN the same payload object; another page or language THEN another', () => {
    const now = new Date('2024-02-20T12:00:00Z');
    const first = fixturesReply(season, { when: 'all' }, 1, now);
    expect(fixturesReply(season, { when: 'all' }, 1, new Date('2024-02-20T12:01:00Z'))).toBe(first);
    expect(fixturesReply(season, { when: 'all' }, 2, now)).not.toBe(first);
    const fr = createI18n().translator('fr');
    expect(fixturesReply(season, { when: 'all' }, 1, now, { tr: fr, clientLocale: 'fr' }).embeds[0]?.title).not.toBe(first.embeds[0]?.title);
  });
});

describe('fan commands: a kept reply is never shown past what it says', () => {
  test.each([
    ['team', { team: 'zamalek' }],
    ['rankings', {}],
    ['scorers', {}],
    ['scorers', { team: 'zamalek', limit: 3 }],
    ['next', { team: 'zamalek' }],
    ['fixtures', { team: 'zamalek' }],
    ['about', {}],
  ] as const)('/%s %j: the same question twice gives one payload; before the season it says it has not started, after it does not', async (name, options) => {
    const { during } = await expectKeptWithNotice(season, name, options);
    // Asked again during the season after that: the notice does not stick.
    expect(footers(await ask(name, options, during))).not.toMatch(/has not started yet/);
  });

  test('/about: a minute later the uptime shown moves on', async () => {
    const ctx = makeCtx(season);
    const started = { ...ctx, startedAt: new Date(Date.now() - 5 * 60_000) };
    const first = await ask('about', {}, started);
    const later = await ask('about', {}, { ...started, startedAt: new Date(started.startedAt.getTime() - 60_000) });
    expect(later).not.toBe(first);
    expect(JSON.stringify(later)).toMatch(/6m|6 min/);
  });
});
