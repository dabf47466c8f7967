// /team, /match, /bracket, /schedule and /about renderers.
import { describe, expect, test } from 'vitest';
import { renderAbout, formatUptime, sourceCoverage } from '../../../src/discord/render/about.js';
import { renderBracket } from '../../../src/discord/render/bracket.js';
import { tiesByMatch } from '../../../src/discord/render/match-format.js';
import { renderMatch, renderMatchChoice, shortMatchLabel, sourceLabels } from '../../../src/discord/render/match.js';
import { renderSchedule } from '../../../src/discord/render/schedule.js';
import { renderTeam, resultLetter } from '../../../src/discord/render/team.js';
import { nextOrLastEvent, scheduleEntries } from '../../../src/domain/calendar.js';
import { computeScorers } from '../../../src/domain/scorers.js';
import { indexSeason } from '../../../src/domain/season-index.js';
import { computeGroupTable } from '../../../src/domain/standings.js';
import { computeStats } from '../../../src/domain/stats.js';
import { computeTies } from '../../../src/domain/ties.js';
import type { Season } from '../../../src/domain/types.js';
import { readSeasonFile } from '../../../src/season/read.js';
import { allText, limitViolations } from './limits-check.js';
import { calendarEntry, miniSeason, season } from './season-builder.js';

const mini = miniSeason();
const index = indexSeason(mini);
const byId = (s: Season, id: string) => {
  const m = indexSeason(s).matchById.get(id);
  if (!m) throw new Error(id);
  return m;
};

const teamView = (s: Season, id: string) => {
  const idx = indexSeason(s);
  const team = idx.teamById.get(id);
  if (!team) throw new Error(id);
  return {
    season: s,
    team,
    association: idx.associationByName.get(team.association) ?? null,
    teamName: idx.teamName,
    matches: idx.matchesOf(id),
    ties: computeTies(s).filter((t) => t.teams.includes(id)),
    groupTable: team.group === null ? null : computeGroupTable(s, team.group),
    scorers: { proper: computeScorers(s, { team: id, stage: 'proper' }), qualifying: computeScorers(s, { team: id, stage: 'qualifying' }) },
  };
};

describe('/team', () => {
  test.each([
    ['GA-MD1-1', 'rs-berkane', 'W'],
    ['GA-MD1-1', 'zamalek', 'L'],
    ['GA-MD1-2', 'soar', 'D'],
    ['GA-MD2-2', 'rs-berkane', 'W'],
    ['GA-MD2-2', 'soar', 'L'],
    ['GA-MD2-1', 'zamalek', null],
    ['GA-MD3-1', 'zamalek', null],
  ])('resultLetter(%s, %s) = %s', (matchId, team, letter) => {
    expect(resultLetter(byId(mini, matchId), team)).toBe(letter);
  });

  test('the card: bye, group place, every result, the tie and how it ended, scorers', () => {
    expect(renderTeam(teamView(mini, 'rs-berkane')).embeds).toMatchInlineSnapshot(`
      [
        {
          "color": 15690752,
          "description": "**First round**: bye
      **Group A** · 1st, 6 pts
      \`W\` · MD1 · <t:1701014400:f> · RS Berkane **2–1** Zamalek
      \`W\` · MD2 · Sun 3 Dec 2023 (time not recorded) · Académie SOAR v RS Berkane · ⚖️ awarded to RS Berkane, score not recorded
      **Quarter-finals** v Zamalek · out on away goals
      \`L\` · Leg 1 · <t:1711911600:f> · Zamalek **1–0** RS Berkane
      \`W\` · Leg 2 · <t:1712516400:f> · RS Berkane **2–1** Zamalek · agg. 2–2, Zamalek through on away goals",
          "fields": [
            {
              "inline": true,
              "name": "Association",
              "value": "Morocco (MAR)",
            },
            {
              "inline": true,
              "name": "CAF rank",
              "value": "1 (180 pts)",
            },
            {
              "inline": true,
              "name": "Qualified as",
              "value": "League runners-up",
            },
            {
              "inline": true,
              "name": "Entry",
              "value": "Second round (bye in the first round)",
            },
            {
              "inline": true,
              "name": "Also known as",
              "value": "RSB",
            },
            {
              "name": "Scorers · competition proper",
              "value": "Adil Tahif 3 (1 pen.), Youssef Mehri 1",
            },
            {
              "name": "Scorers · qualifying",
              "value": "No goals recorded.",
            },
          ],
          "footer": {
            "text": "CAF Confederation Cup 2023–24 · data as of 2024-06-01 · sources: /about",
          },
          "title": "RS Berkane",
        },
      ]
    `);
  });

  test('unknown values say "not recorded"', () => {
    const fields = renderTeam(teamView(mini, 'usm-alger')).embeds[0]?.fields ?? [];
    expect(fields.find((f) => f.name === 'Qualified as')?.value).toBe('not recorded');
  });

  test('the real season: every team card respects every limit', () => {
    const real = readSeasonFile().season;
    for (const team of real.teams) expect(limitViolations(renderTeam(teamView(real, team.id)))).toEqual([]);
    const champion = real.champion;
    expect(champion).not.toBeNull();
    if (champion !== null) expect(renderTeam(teamView(real, champion)).embeds[0]?.description).toMatch(/^🏆 \*\*Champions\*\*/);
  });
});

describe('/match', () => {
  const ties = tiesByMatch(computeTies(mini));
  const view = (id: string) => ({ season: mini, match: byId(mini, id), tie: ties.get(id) ?? null, teamName: index.teamName, now: new Date('2024-06-01T00:00:00Z') });

  test('a played second leg: goals with minutes, an unknown scorer, the tie context', () => {
    expect(renderMatch(view('QF1-L2')).embeds).toMatchInlineSnapshot(`
      [
        {
          "color": 15690752,
          "description": "**Quarter-finals · Leg 2**
      🕒 <t:1712516400:f>
      🏟️ venue not recorded
      Full time
      Tie 1 · Leg 2 of 2 · aggregate Zamalek 2–2 RS Berkane · **Zamalek** through on away goals",
          "fields": [
            {
              "name": "Goals",
              "value": "⚽ 10' **Adil Tahif** · RS Berkane
      ⚽ 60' **Youssef Mehri** · RS Berkane
      ⚽ 88' **Zizo** · Zamalek",
            },
            {
              "name": "Sources",
              "value": "test",
            },
          ],
          "footer": {
            "text": "CAF Confederation Cup 2023–24 · data as of 2024-06-01 · sources: /about · match QF1-L2",
          },
          "title": "RS Berkane 2–1 Zamalek",
        },
      ]
    `);
  });

  test('goals: penalty, own goal, unknown scorer', () => {
    const goals = renderMatch(view('GA-MD1-1')).embeds[0]?.fields?.find((f) => f.name === 'Goals')?.value;
    expect(goals).toBe("⚽ 12' **Adil Tahif** · RS Berkane\n⚽ 40' scorer not recorded · Zamalek\n⚽ 90+4' **Adil Tahif** (pen.) · RS Berkane");
    const own = renderMatch(view('GA-MD1-2')).embeds[0]?.fields?.find((f) => f.name === 'Goals')?.value;
    expect(own).toBe("⚽ 30' **Aymen Mahious** · USM Alger\n⚽ 77' **Ibrahima Sory Bangoura** (o.g., for Académie SOAR)");
  });

  test.each([
    ['GA-MD2-2', '⚖️ Awarded to RS Berkane (score not recorded): SOAR excluded by CAF'],
    ['R1-T01', '🚶 Walkover, Académie SOAR through: Ghost FC withdrew'],
    ['GA-MD3-1', '⏸️ Postponed'],
    ['GA-MD2-1', 'Played; result not recorded'],
  ])('status of %s: %s', (id, status) => {
    expect(renderMatch(view(id)).embeds[0]?.description?.split('\n')).toContain(status);
  });

  test('several matches: a list and one button each, carrying the match id', () => {
    const matches = index.matchesOf('zamalek');
    const payload = renderMatchChoice({ season: mini, matches, ties, teamName: index.teamName, heading: 'Matches of Zamalek', idFor: (id) => `match:m:${id}:zamalek` });
    expect(limitViolations(payload)).toEqual([]);
    expect(payload.components.flatMap((r) => r.components).map((c) => ('custom_id' in c ? c.custom_id : ''))).toEqual(matches.map((m) => `match:m:${m.id}:zamalek`));
    expect(payload.components.flatMap((r) => r.components).map((c) => ('label' in c ? c.label : ''))).toEqual([
      'MD1 · RS Berkane v Zamalek',
      'MD2 · Zamalek v USM Alger',
      'MD3 · Zamalek v Académie SOAR',
      'QF1 L1 · Zamalek v RS Berkane',
      'QF1 L2 · RS Berkane v Zamalek',
    ]);
  });

  test('the chosen match is highlighted in the picker under its detail', () => {
    const matches = index.matchesOf('zamalek');
    const payload = renderMatch(view('QF1-L1'), { matches, idFor: (id) => `match:m:${id}` });
    const chosen = payload.components.flatMap((r) => r.components).filter((c) => 'disabled' in c && c.disabled);
    expect(chosen.map((c) => ('custom_id' in c ? c.custom_id : ''))).toEqual(['match:m:QF1-L1']);
  });

  test('button labels stay within 80 characters', () => {
    const long = { ...byId(mini, 'QF1-L1'), home: 'x'.repeat(200) };
    expect(shortMatchLabel(long, (id) => id).length).toBeLessThanOrEqual(80);
  });

  test('sources show as hosts or citations', () => {
    expect(sourceLabels(['https://www.cafonline.com/a', 'https://en.wikipedia.org/wiki/X', 'https://en.wikipedia.org/wiki/Y', 'seed 000_960979acb82d6ea3.txt'])).toEqual([
      'cafonline.com',
      'en.wikipedia.org',
      'seed 000\\_960979acb82d6ea3.txt',
    ]);
  });
});

describe('/bracket', () => {
  test('the mini season: one quarter-final, later rounds not in the data', () => {
    expect(renderBracket(mini, computeTies(mini), index.teamName).embeds[0]?.fields).toMatchInlineSnapshot(`
      [
        {
          "name": "QF1 · Zamalek v RS Berkane",
          "value": "Leg 1 · <t:1711911600:f> · Zamalek **1–0** RS Berkane
      Leg 2 · <t:1712516400:f> · RS Berkane **2–1** Zamalek
      Aggregate **2–2** · ➡️ **Zamalek** through on away goals",
        },
        {
          "name": "Semi-finals",
          "value": "Not in the data yet.",
        },
        {
          "name": "Final",
          "value": "Not in the data yet.",
        },
      ]
    `);
  });

  test('the real season: seven ties and the champion', () => {
    const real = readSeasonFile().season;
    const payload = renderBracket(real, computeTies(real), indexSeason(real).teamName);
    expect(limitViolations(payload)).toEqual([]);
    expect(payload.embeds[0]?.fields?.map((f) => f.name.split(' · ')[0])).toEqual(['QF1', 'QF2', 'QF3', 'QF4', 'SF1', 'SF2', 'Final']);
    expect(payload.embeds[0]?.description).toMatch(/^🏆 Champions: \*\*.+\*\*/);
    expect(allText(payload)).toContain('through on away goals');
  });
});

describe('/schedule', () => {
  test.each([
    ['2023-10-01T00:00:00Z', '▶️ **next**: Group stage draw · Fri 6 Oct 2023'],
    ['2023-12-03T10:00:00Z', '🔴 **now**: Matchday 2 · Sun 3 Dec 2023'],
    ['2024-06-01T00:00:00Z', '⏹️ **last event**: Quarter-finals · Sun 7 Apr 2024'],
  ])('at %s the headline is %s', (now, headline) => {
    const payload = renderSchedule(mini, scheduleEntries(mini), nextOrLastEvent(mini, new Date(now)));
    expect(payload.embeds[0]?.description?.split('\n')[0]).toBe(headline);
  });

  test('the calendar by phase, with the next event marked and counted down', () => {
    const payload = renderSchedule(mini, scheduleEntries(mini), nextOrLastEvent(mini, new Date('2023-11-01T00:00:00Z')));
    expect(payload.embeds[0]?.description).toMatchInlineSnapshot(`
      "▶️ **next**: Matchday 1 · Sun 26 Nov 2023

      **Draw**
      🎲 Fri 6 Oct 2023 · Group stage draw

      **Competition proper**
      ⚽ Sun 26 Nov 2023 · Matchday 1 · ▶️ **next** (<t:1700956800:R>)
      ⚽ Sun 3 Dec 2023 · Matchday 2
      ⚽ Sun 31 Mar 2024 · Quarter-finals · leg 1
      ⚽ Sun 7 Apr 2024 · Quarter-finals · leg 2"
    `);
  });

  test('two legs sharing one note show it once; a round already naming its leg is not repeated', () => {
    const s = season({
      calendar: [
        calendarEntry('a', { round: 'Final, first leg', kind: 'leg', stage: 'final', leg: 1, startDate: '2024-05-12', endDate: '2024-05-12', note: 'Dates by CAF.' }),
        calendarEntry('b', { round: 'Final, second leg', kind: 'leg', stage: 'final', leg: 2, startDate: '2024-05-19', endDate: '2024-05-19', note: 'Dates by CAF.' }),
      ],
    });
    const payload = renderSchedule(s, scheduleEntries(s), null);
    expect(payload.embeds[0]?.description?.split('\n').slice(-2)).toEqual([
      '⚽ Sun 12 May 2024 · Final, first leg · _Dates by CAF._',
      '⚽ Sun 19 May 2024 · Final, second leg',
    ]);
  });

  test('an empty calendar still answers', () => {
    const payload = renderSchedule(season(), [], null);
    expect(payload.embeds[0]?.description).toBe('No calendar in the data.');
  });

  test('the real season fits', () => {
    const real = readSeasonFile().season;
    expect(limitViolations(renderSchedule(real, scheduleEntries(real), nextOrLastEvent(real, new Date('2024-01-01T00:00:00Z'))))).toEqual([]);
  });
});

describe('/about', () => {
  test.each([
    [0, '0m'],
    [59 * 60_000, '59m'],
    [61 * 60_000, '1h 1m'],
    [(3 * 1440 + 4 * 60 + 12) * 60_000, '3d 4h 12m'],
    [1440 * 60_000, '1d 0h 0m'],
  ])('formatUptime(%d) = %s', (ms, text) => {
    expect(formatUptime(ms)).toBe(text);
  });

  test('source coverage counts records with at least one non-empty source', () => {
    const s = { ...mini, teams: [...mini.teams, { ...mini.teams[0]!, id: 'x', sources: [' '] }] };
    const all = sourceCoverage(mini);
    expect(sourceCoverage(s)).toEqual({ sourced: all.sourced, total: all.total + 1 });
  });

  test('the card', () => {
    const payload = renderAbout({
      season: mini,
      stats: computeStats(mini),
      dataVersion: { hash: 'abcdef0123456789', importedAt: new Date('2024-06-01T08:00:00Z') },
      version: '1.2.3',
      startedAt: new Date('2024-06-01T10:00:00Z'),
      wallNow: new Date('2024-06-02T11:30:00Z'),
    });
    expect(limitViolations(payload)).toEqual([]);
    expect(payload.embeds[0]?.fields?.slice(0, 6)).toMatchInlineSnapshot(`
      [
        {
          "inline": true,
          "name": "Data as of",
          "value": "2024-06-01",
        },
        {
          "inline": true,
          "name": "Data version",
          "value": "\`abcdef012345\` · imported <t:1717228800:f>",
        },
        {
          "inline": true,
          "name": "Sourced records",
          "value": "27 of 27",
        },
        {
          "inline": true,
          "name": "Bot version",
          "value": "\`1.2.3\`",
        },
        {
          "inline": true,
          "name": "Uptime",
          "value": "1d 1h 30m",
        },
        {
          "name": "Conflicts between sources",
          "value": "1 conflict recorded; where sources disagree one value is kept and the other is noted: \`associations.Algeria.rank\`.",
        },
      ]
    `);
    expect(payload.embeds[0]?.fields?.find((f) => f.name.startsWith('Known gaps'))?.value).toBe(
      '• Zamalek v USM Alger: score not found.\n• One scorer unknown: affects whether Adil Tahif finishes on 3 or 4 goals.',
    );
  });

  test('before the first import it says so', () => {
    const payload = renderAbout({ season: mini, stats: computeStats(mini), dataVersion: null, version: 'v', startedAt: new Date(0), wallNow: new Date(0) });
    expect(payload.embeds[0]?.fields?.find((f) => f.name === 'Data version')?.value).toBe('not imported yet');
  });

  test('the real season: all sourced, limits hold', () => {
    const real = readSeasonFile().season;
    const payload = renderAbout({ season: real, stats: computeStats(real), dataVersion: null, version: 'v', startedAt: new Date(0), wallNow: new Date(0) });
    expect(limitViolations(payload)).toEqual([]);
    const { sourced, total } = sourceCoverage(real);
    expect(sourced).toBe(total);
    expect(payload.embeds[0]?.fields?.find((f) => f.name.startsWith('Known gaps'))?.name).toBe(`Known gaps (${real.gaps.length})`);
  });
});
