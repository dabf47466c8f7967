// A club card's colour is its latest stage's (theme.ts): the stage played last in the season's order,
// or in CAF's usual order without a season; the season colour for no stage at all.
import { describe, expect, test } from 'vitest';
import { latestStageColour, SEASON_COLOUR, STAGE_COLOURS } from '../../../src/discord/render/theme.js';
import { season } from '../../domain/builders.js';

const s = season();

describe('latestStageColour', () => {
  test.each<{ name: string; stages: string[]; withSeason: boolean; colour: number }>([
    { name: 'no stage', stages: [], withSeason: true, colour: SEASON_COLOUR },
    { name: 'one stage', stages: ['group'], withSeason: true, colour: STAGE_COLOURS.group },
    { name: 'a path in the order played', stages: ['first_round', 'first_round', 'group', 'quarter_final'], withSeason: true, colour: STAGE_COLOURS.quarter_final },
    { name: 'the latest first', stages: ['final', 'group', 'semi_final', 'first_round'], withSeason: true, colour: STAGE_COLOURS.final },
    { name: 'without a season: the usual order', stages: ['semi_final', 'second_round'], withSeason: false, colour: STAGE_COLOURS.semi_final },
    // Stages the format does not list rank after every listed one: the last of them given decides.
    { name: 'unlisted stages after listed ones', stages: ['group', 'playoff_x', 'final'], withSeason: true, colour: SEASON_COLOUR },
    { name: 'an unlisted stage before a listed one', stages: ['playoff_x', 'group'], withSeason: true, colour: SEASON_COLOUR },
  ])('$name', ({ stages, withSeason, colour }) => {
    expect(latestStageColour(stages, withSeason ? s : undefined)).toBe(colour);
  });
});
