import { describe, expect, test } from 'vitest';
import { seasonAsOf } from '../../../src/domain/as-of.js';
import type { CommandContext } from '../../../src/discord/commands/types.js';
import type { Season } from '../../../src/domain/types.js';
import { readSeasonFile } from '../../../src/season/read.js';
import { ask, command, expectKeptWithNotice } from './ask.js';
import { fakeButton, makeCtx, onlyPayload } from './fakes.js';

// /standings, /bracket, /match and /schedule keep their replies (kept-reply.ts, issue 15) like the other
// fan commands: the same question gets the very payload built the first time; an option, a button's
// query or the clock's step (a draw passed, another calendar entry running) gives a reply built for it,
// and a kept reply always equals one built on a fresh copy of the season (which has nothing kept).

const { season } = readSeasonFile();


const press = async (customId: string, ctx: CommandContext) => {
  const { interaction, update } = fakeButton(customId);
  const handler = command('match').button;
  if (!handler) throw new Error('no button');
  await handler(interaction, ctx);
  return onlyPayload(update);
};

const DAY = 24 * 60 * 60 * 1000;
const questions = [
  ['standings', {}],
  ['standings', { group: 'B' }],
  ['bracket', {}],
  ['bracket', { stage: 'quarter_final' }],
  ['schedule', {}],
  ['schedule', { stage: 'group' }],
  ['match', { team: 'zamalek' }],
  ['match', { team: 'zamalek', opponent: 'rs-berkane' }],
] as const;

describe('the same question twice gives one payload; before the season it says it has not started', () => {
  test.each(questions)('/%s %j', async (name, options) => {
    await expectKeptWithNotice(season, name, options);
  });
});

describe('a different question or clock step gives another reply, and a kept reply equals a fresh one', () => {
  // Season views across the season, each asked on its own day and on later days with the same view
  // object (as a replay clock between two timeline steps does): the draw of a round may pass, another
  // calendar entry may start, and the season view stays the same object.
  const days = ['2023-10-01', '2023-12-15', '2024-03-05', '2024-03-11', '2024-04-10', '2024-05-15'];
  const later = [0, 1, 2, 8, 20];

  test.each(questions)('/%s %j at every day and view', async (name, options) => {
    let answered = 0;
    for (const day of days) {
      const view: Season = seasonAsOf(season, new Date(`${day}T12:00:00Z`));
      for (const after of later) {
        const now = new Date(Date.parse(`${day}T12:00:00Z`) + after * DAY);
        // A pair that has not met yet in this view is a user mistake, the same both ways.
        const kept = await ask(name, options, makeCtx(view, now)).catch((error: unknown) => String(error));
        const fresh = await ask(name, options, makeCtx(structuredClone(view), now)).catch((error: unknown) => String(error));
        expect(kept, `${day} +${after}d`).toEqual(fresh);
        if (typeof kept !== 'string') answered += 1;
      }
    }
    expect(answered).toBeGreaterThanOrEqual(later.length);
  });

  test('/standings: another group, another reply', async () => {
    const ctx = makeCtx(season);
    const a = await ask('standings', { group: 'A' }, ctx);
    const b = await ask('standings', { group: 'B' }, ctx);
    const all = await ask('standings', {}, ctx);
    expect(a).not.toEqual(b);
    expect(all).not.toEqual(a);
  });

  test('/bracket: the same season view before and after the knockout draw (12 March 2024)', async () => {
    const view = seasonAsOf(season, new Date('2024-03-05T12:00:00Z'));
    const before = await ask('bracket', {}, makeCtx(view, new Date('2024-03-05T12:00:00Z')));
    const after = await ask('bracket', {}, makeCtx(view, new Date('2024-03-13T12:00:00Z')));
    expect(JSON.stringify(before)).toMatch(/Draw/);
    expect(after).not.toEqual(before);
    const qf = await ask('bracket', { stage: 'quarter_final' }, makeCtx(view, new Date('2024-03-05T12:00:00Z')));
    expect(qf).not.toBe(before);
    // Two rounds whose step is the same (both drawn and played): the round asked for tells them apart.
    const played = makeCtx(season);
    expect(await ask('bracket', { stage: 'semi_final' }, played)).not.toEqual(await ask('bracket', { stage: 'final' }, played));
  });

  test('/schedule: the same season a week apart points at another entry; another stage, another reply', async () => {
    const first = await ask('schedule', {}, makeCtx(season, new Date('2023-11-27T12:00:00Z')));
    const week = await ask('schedule', {}, makeCtx(season, new Date('2023-12-04T12:00:00Z')));
    expect(week).not.toEqual(first);
    expect(await ask('schedule', { stage: 'group' }, makeCtx(season, new Date('2023-11-27T12:00:00Z')))).not.toEqual(first);
  });

  test('/match: each club, a pair, another match and a button with or without the picker give their own replies', async () => {
    const ctx = makeCtx(season);
    const pair = await ask('match', { team: 'zamalek', opponent: 'rs-berkane' }, ctx);
    const club = await ask('match', { team: 'zamalek' }, ctx);
    expect(club).not.toEqual(pair);
    expect(await ask('match', { team: 'rs-berkane' }, ctx)).not.toEqual(club);
    const final = season.matches.find((m) => m.stage === 'final' && m.leg === 1);
    if (!final) throw new Error('no final');
    const withPicker = await press(`match:s:${season.id}:${final.id}:zamalek:rs-berkane`, ctx);
    const alone = await press(`match:s:${season.id}:${final.id}`, ctx);
    const otherPicker = await press(`match:s:${season.id}:${final.id}:rs-berkane`, ctx);
    expect(withPicker.components?.length ?? 0).toBeGreaterThan(0);
    expect(alone.components ?? []).toEqual([]);
    expect(otherPicker).not.toEqual(withPicker);
    expect(await press(`match:s:${season.id}:${final.id}:zamalek`, ctx)).not.toEqual(otherPicker);
    const secondLeg = season.matches.find((m) => m.stage === 'final' && m.leg === 2);
    expect(await press(`match:s:${season.id}:${secondLeg?.id ?? ''}:zamalek:rs-berkane`, ctx)).not.toEqual(withPicker);
    expect(await press(`match:s:${season.id}:${final.id}:zamalek:rs-berkane`, ctx)).toBe(withPicker);
  });
});
