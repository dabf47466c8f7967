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
import { seasonAsOf } from '../../../src/domain/as-of.js';
import { bracketStages, computeTies } from '../../../src/domain/ties.js';
import type { Season } from '../../../src/domain/types.js';
import { readSeasonFile } from '../../../src/season/read.js';
import { allText, limitViolations } from './limits-check.js';
import { goalsLine } from '../../../src/discord/render/goals.js';
import { calendarEntry, finalSeason, goal, miniSeason, qualifyingLeg, season } from './season-builder.js';

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
      **Group A** · 1st, 6 points, through to the quarter-finals · some kickoff times not published
      \`W\` <t:1701014400:f> · RS Berkane **2–1** Zamalek
      \`W\` Sun 3 Dec 2023 · Académie SOAR v RS Berkane
      ↳ awarded to RS Berkane, score not published
      **Quarter-finals** v Zamalek
      \`L\` <t:1711911600:f> · Zamalek **1–0** RS Berkane
      \`W\` <t:1712516400:f> · RS Berkane **2–1** Zamalek
      ↳ Out: Zamalek through on away goals (2–2 on aggregate)",
          "fields": [
            {
              "inline": true,
              "name": "Association",
              "value": "Morocco (MAR)",
            },
            {
              "inline": true,
              "name": "CAF rank",
              "value": "1 (180 points)",
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
            "text": "CAF Confederation Cup 2023–24 · data updated 2024-06-01 · sources: /about",
          },
          "title": "RS Berkane",
        },
      ]
    `);
  });

  test('unknown values say "not published"', () => {
    const fields = renderTeam(teamView(mini, 'usm-alger')).embeds[0]?.fields ?? [];
    expect(fields.find((f) => f.name === 'Qualified as')?.value).toBe('not published');
  });

  test('the final: the loser is runners-up, the winner wins the cup; no "out on away goals"', () => {
    const final = finalSeason();
    const loser = renderTeam(teamView(final, 'rs-berkane')).embeds[0]?.description ?? '';
    expect(loser).toContain('↳ Runners-up: Zamalek win the Confederation Cup on away goals (2–2 on aggregate)');
    expect(loser).not.toMatch(/out on away goals/);
    expect(renderTeam(teamView(final, 'zamalek')).embeds[0]?.description).toContain('↳ Zamalek win the Confederation Cup on away goals (2–2 on aggregate)');
  });

  test('qualifying goals with no scorer recorded are counted, with a real plural', () => {
    const s = { ...mini, matches: [...mini.matches, qualifyingLeg(2)] };
    const fields = renderTeam(teamView(s, 'soar')).embeds[0]?.fields ?? [];
    expect(fields.find((f) => f.name === 'Scorers · qualifying')?.value).toBe('2 goals with no scorer recorded');
  });

  test("an association's rank dispute is one plain sentence, never the note", () => {
    const s = {
      ...mini,
      associations: mini.associations.map((a) => (a.name === 'Algeria' ? { ...a, rank: 2, rankDispute: { printed: 2, byPoints: 3 }, note: 'see conflicts (associations.Algeria.rank)' } : a)),
    };
    const rank = renderTeam(teamView(s, 'usm-alger')).embeds[0]?.fields?.find((f) => f.name === 'CAF rank')?.value;
    expect(rank).toBe("2 (134 points)\nCAF's points put Algeria 3rd; the competition's own list printed it 2nd");
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
          "description": "**Quarter-final, tie 1, second leg**
      🕒 <t:1712516400:f>
      🏟️ Venue not published
      Full time
      Zamalek through on away goals (2–2 on aggregate)",
          "fields": [
            {
              "name": "Goals",
              "value": "**RS Berkane**: Adil Tahif 10'; Youssef Mehri 60'
      **Zamalek**: Zizo 88'",
            },
            {
              "name": "Sources",
              "value": "test",
            },
          ],
          "footer": {
            "text": "CAF Confederation Cup 2023–24 · data updated 2024-06-01 · sources: /about",
          },
          "title": "RS Berkane 2–1 Zamalek",
        },
      ]
    `);
  });

  test('goals: a brace on one line, penalty, own goal, unknown scorers counted', () => {
    const goals = renderMatch(view('GA-MD1-1')).embeds[0]?.fields?.find((f) => f.name === 'Goals')?.value;
    expect(goals).toBe("**RS Berkane**: Adil Tahif 12', 90+4' (pen.)\n**Zamalek**: 1 goal with no scorer recorded");
    const own = renderMatch(view('GA-MD1-2')).embeds[0]?.fields?.find((f) => f.name === 'Goals')?.value;
    expect(own).toBe("**USM Alger**: Aymen Mahious 30'\n**Académie SOAR**: Ibrahima Sory Bangoura 77' (own goal)");
  });

  test('a scorer and two unknown ones read "Bassène 38\'; 2 goals with no scorer recorded"', () => {
    expect(goalsLine([goal('a', 'Bassène', '38'), goal('a', null, '50'), goal('a', null, null)])).toBe("Bassène 38'; 2 goals with no scorer recorded");
    expect(goalsLine([goal('a', 'Ahmed Atef', '55'), goal('a', 'Ahmed Atef', '88')])).toBe("Ahmed Atef 55', 88'");
  });

  test.each([
    ['GA-MD2-2', 'Awarded to RS Berkane; the score was not published'],
    ['GA-MD3-1', 'Postponed'],
    ['GA-MD2-1', 'Result not published'],
  ])('status of %s: %s (never the editors\' reason)', (id, status) => {
    const description = renderMatch(view(id)).embeds[0]?.description ?? '';
    expect(description.split('\n')).toContain(status);
    expect(description).not.toMatch(/excluded by CAF|withdrew/);
  });

  test('a walkover says walkover, not "venue not recorded · Single match"', () => {
    const description = renderMatch(view('R1-T01')).embeds[0]?.description ?? '';
    expect(description).not.toMatch(/venue|Single match/i);
    expect(description.split('\n').slice(1)).toEqual(['Walkover', 'Académie SOAR through by walkover']);
  });

  test('the final second leg is "Final, second leg" and names the winner of the cup', () => {
    const final = finalSeason();
    const t = tiesByMatch(computeTies(final));
    const payload = renderMatch({ season: final, match: byId(final, 'F-L2'), tie: t.get('F-L2') ?? null, teamName: indexSeason(final).teamName, now: new Date('2024-06-01') });
    const lines = payload.embeds[0]?.description?.split('\n') ?? [];
    expect(lines[0]).toBe('**Final, second leg**');
    expect(lines).toContain('Zamalek win the Confederation Cup on away goals (2–2 on aggregate)');
    expect(allText(payload)).not.toMatch(/Tie 1|Leg 2 of 2/);
  });

  test('a disputed kickoff is one plain sentence; referee and attendance are shown; the note is not', () => {
    const m = {
      ...byId(mini, 'QF1-L1'),
      kickoff: '2024-03-31T18:00:00Z',
      kickoffAlternatives: ['2024-03-31T19:00:00Z'],
      referee: 'Peter Waweru',
      attendance: 10000,
      note: 'Kickoff 19:00 GMT (Maravi Express) vs 21:00 EAT = 18:00 UTC (Eastleigh Voice) - conflict.',
    };
    const s = { ...mini, matches: mini.matches.map((x) => (x.id === m.id ? m : x)) };
    const text = allText(renderMatch({ season: s, match: m, tie: null, teamName: index.teamName, now: new Date('2024-06-01') }));
    expect(text).toContain('Kickoff time disputed between sources: 18:00 or 19:00 UTC');
    expect(text).toContain('Referee: Peter Waweru');
    expect(text).toContain('Attendance: 10,000');
    expect(text).not.toMatch(/Eastleigh|conflict/);
  });

  test('several matches: a list and one button each, carrying the match id', () => {
    const matches = index.matchesOf('zamalek');
    const payload = renderMatchChoice({ season: mini, matches, ties, teamName: index.teamName, heading: 'Matches of Zamalek', idFor: (id) => `match:m:${id}:zamalek` });
    expect(limitViolations(payload)).toEqual([]);
    expect(payload.components.flatMap((r) => r.components).map((c) => ('custom_id' in c ? c.custom_id : ''))).toEqual(matches.map((m) => `match:m:${m.id}:zamalek`));
    expect(payload.components.flatMap((r) => r.components).map((c) => ('label' in c ? c.label : ''))).toEqual([
      'Group A, matchday 1 · RS Berkane v Zamalek',
      'Group A, matchday 2 · Zamalek v USM Alger',
      'Group A, matchday 3 · Zamalek v Académie SOAR',
      'Quarter-final, tie 1, first leg · Zamalek v RS Berkane',
      'Quarter-final, tie 1, second leg · RS Berkane v Zamalek',
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

  test('sources show as links or printed citations; a research file name is not a source fans can open', () => {
    expect(
      sourceLabels(['https://www.cafonline.com/a', 'https://en.wikipedia.org/wiki/X', 'https://en.wikipedia.org/wiki/Y', 'seed 000_960979acb82d6ea3.txt', "KCCA FC match report 'journey ends'"]),
    ).toEqual(['[cafonline.com](<https://www.cafonline.com/a>)', '[en.wikipedia.org](<https://en.wikipedia.org/wiki/X>)', "KCCA FC match report 'journey ends'"]);
  });
});

describe('/bracket', () => {
  test('the mini season: one quarter-final, later rounds not in the data', () => {
    expect(renderBracket(mini, bracketStages(mini, new Date('2024-06-01')), index.teamName).embeds[0]?.fields).toMatchInlineSnapshot(`
      [
        {
          "name": "Quarter-final, tie 1 · Zamalek v RS Berkane",
          "value": "<t:1711911600:f> · Zamalek **1–0** RS Berkane
      <t:1712516400:f> · RS Berkane **2–1** Zamalek
      ➡️ Zamalek through on away goals (2–2 on aggregate)",
        },
        {
          "name": "Semi-finals",
          "value": "Pairings not published yet",
        },
        {
          "name": "Final",
          "value": "Pairings not published yet",
        },
      ]
    `);
  });

  test('the real season: seven ties and the champion', () => {
    const real = readSeasonFile().season;
    const payload = renderBracket(real, bracketStages(real, new Date('2024-06-01')), indexSeason(real).teamName);
    expect(limitViolations(payload)).toEqual([]);
    expect(payload.embeds[0]?.fields?.map((f) => f.name.split(' · ')[0])).toEqual([
      'Quarter-final, tie 1',
      'Quarter-final, tie 2',
      'Quarter-final, tie 3',
      'Quarter-final, tie 4',
      'Semi-final, tie 1',
      'Semi-final, tie 2',
      'Final',
    ]);
    expect(payload.embeds[0]?.description).toMatch(/^🏆 Champions: \*\*.+\*\*/);
    expect(allText(payload)).toContain('Zamalek win the Confederation Cup on away goals (2–2 on aggregate)');
  });

  test('the aggregate names the team that goes through, from its side, whatever order the field names the teams', () => {
    const real = readSeasonFile().season;
    const field = renderBracket(real, bracketStages(real, new Date('2024-06-01')), indexSeason(real).teamName).embeds[0]?.fields?.[0];
    expect(field?.name).toBe('Quarter-final, tie 1 · Rivers United v USM Alger');
    expect(field?.value.split('\n').at(-1)).toBe('➡️ USM Alger through, 2–1 on aggregate');
  });

  test('before the draw, a stage shows its draw date, not pairings or "Aggregate 0–0"', () => {
    const real = readSeasonFile().season;
    const at = new Date('2024-02-26T12:00:00Z');
    const asOf = seasonAsOf(real, at);
    const payload = renderBracket(asOf, bracketStages(asOf, at), indexSeason(asOf).teamName);
    expect(payload.embeds[0]?.fields?.map((f) => `${f.name}: ${f.value}`)).toEqual([
      'Quarter-finals: Draw on 12 March',
      'Semi-finals: Draw on 12 March',
      'Final: Draw on 12 March',
    ]);
    expect(allText(payload)).not.toMatch(/0–0|Undecided/);
  });
});

describe('/schedule', () => {
  test.each([
    ['2023-10-01T00:00:00Z', '▶️ **next**: Group stage draw · Fri 6 Oct 2023'],
    ['2023-12-03T10:00:00Z', '🔴 **now**: Matchday 2 · Sun 3 Dec 2023'],
    ['2024-06-01T00:00:00Z', '**most recent**: Quarter-finals · Sun 7 Apr 2024'],
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

  test("editors' notes on calendar entries stay out; a round already naming its leg is not repeated", () => {
    const s = season({
      calendar: [
        calendarEntry('a', { round: 'Final, first leg', kind: 'leg', stage: 'final', leg: 1, startDate: '2024-05-12', endDate: '2024-05-12', note: 'Dates by CAF.' }),
        calendarEntry('b', { round: 'Final, second leg', kind: 'leg', stage: 'final', leg: 2, startDate: '2024-05-19', endDate: '2024-05-19', note: 'Dates by CAF.' }),
      ],
    });
    const payload = renderSchedule(s, scheduleEntries(s), null);
    expect(payload.embeds[0]?.description?.split('\n').slice(-2)).toEqual([
      '⚽ Sun 12 May 2024 · Final, first leg',
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
          "value": "Sources disagree on 1 fact; the bot keeps one sourced value for each, and says so where a kickoff time is disputed.",
        },
      ]
    `);
    // Counted from the fields, in plain words; the editors' gap texts and JSON paths stay in the file.
    expect(payload.embeds[0]?.fields?.find((f) => f.name === 'What the sources do not give')?.value).toBe(
      '• 1 result not published\n• 1 awarded match with no published score\n• 1 goal with no scorer recorded\n• 3 matches with no published kickoff time\n• 6 matches with no published venue',
    );
    expect(allText(payload)).not.toMatch(/associations\.|matches\.|score not found/);
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
    expect(allText(payload)).not.toMatch(/rank_points|DERIVED|\bnull\b|\bseed\b|matches\.[A-Z]/);
  });
});
