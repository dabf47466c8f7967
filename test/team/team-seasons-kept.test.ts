// The card's seasons field keeps each club's line per season view, club and language (team-seasons.ts,
// issue 15): asked for every shipped club, in four languages and again, it must equal the lines of fresh
// copies of the seasons (which have nothing kept); a new data version gets its own line.
import { describe, expect, test } from 'vitest';
import { teamSeasonLine, teamSeasonsField, type TeamInSeason } from '../../src/discord/render/team-seasons.js';
import { withoutResult } from '../../src/domain/as-of.js';
import type { Season } from '../../src/domain/types.js';
import { createI18n, type Language } from '../../src/i18n/index.js';
import { readSeasonFile, seasonFilesIn } from '../../src/season/read.js';

const i18n = createI18n();
const languages: readonly Language[] = ['en', 'fr', 'ar', 'pt'];
const shipped = seasonFilesIn().map((file) => readSeasonFile(file).season);
const fresh = new Map(shipped.map((s) => [s, structuredClone(s)] as const));

/** Every club with each shipped season it played, the order of the catalog (a card's field). */
const clubs = [...new Set(shipped.flatMap((s) => s.teams.map((t) => t.id)))].map((team) => ({
  team,
  entries: shipped.filter((s) => s.teams.some((t) => t.id === team)).map((season): TeamInSeason => ({ season, team })),
}));

describe('the seasons field, kept per season, club and language', () => {
  test.each(languages)('%s: every shipped club, twice, equals the field on fresh copies', (language) => {
    const tr = i18n.translator(language);
    const several = clubs.filter((c) => c.entries.length >= 2);
    expect(several.length).toBeGreaterThan(10);
    for (const { team, entries } of clubs) {
      const expected = teamSeasonsField(entries.map((e) => ({ ...e, season: fresh.get(e.season) as Season })), tr);
      expect(teamSeasonsField(entries, tr), team).toEqual(expected);
      expect(teamSeasonsField(entries, tr), team).toEqual(expected);
      if (entries.length >= 2) expect(expected?.value.split('\n')).toEqual(entries.map((e) => teamSeasonLine(e, tr)));
    }
  });

  test('GIVEN a new data version of a season THEN the line of what it says now', () => {
    const tr = i18n.translator('en');
    const club = clubs.find((c) => c.entries.length >= 2) as (typeof clubs)[number];
    const [first, second] = club.entries as [TeamInSeason, TeamInSeason];
    const before = teamSeasonsField([first, second], tr)?.value;
    // The same season with the club's results taken out: no wins, draws or losses any more.
    const edited: Season = { ...second.season, champion: null, matches: second.season.matches.map((m) => (m.home === club.team || m.away === club.team ? withoutResult(m) : m)) };
    const after = teamSeasonsField([first, { season: edited, team: club.team }], tr)?.value;
    expect(after).not.toBe(before);
    expect(after?.split('\n')[1]).toBe(teamSeasonLine({ season: edited, team: club.team }, tr));
    expect(after?.split('\n')[1]).toMatch(/W0 D0 L0/);
  });
});
