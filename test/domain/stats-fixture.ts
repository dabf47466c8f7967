// A small season for the totals checks: the domain test checks the facts, the render test says them.
import type { PrintedTotals } from '../../src/domain/types.js';
import { awarded, groupMatch, leg, season, team } from './builders.js';

export const statsTeams = ['a', 'b', 'c', 'd'].map((id) => team(id, { name: id.toUpperCase() }));
export const printed = (matches: number, goals: number, groupMatches: number, groupGoals: number): PrintedTotals => ({
  matches,
  goals,
  groupMatches,
  groupGoals,
  note: null,
  sources: ['test'],
});

// Group: 3 played (one score unknown) + 1 awarded without a score. Knockout: 2 played + 1 awarded 2-0.
export const statsMatches = [
  leg('first_round', 1, 1, 'a', 'b', [2, 2]),
  groupMatch('A', 1, 'a', 'b', [2, 1]),
  groupMatch('A', 1, 'c', 'd', [1, 1]),
  groupMatch('A', 2, 'a', 'c', null),
  awarded(groupMatch('A', 2, 'b', 'd', null), 'b', null),
  leg('semi_final', 1, 1, 'a', 'c', [1, 0]),
  leg('semi_final', 1, 2, 'c', 'a', [0, 2]),
  awarded(leg('final', 1, 1, 'a', 'b', null), 'a', [2, 0]),
];
export const statsSeason = (totals: PrintedTotals) => season({ teams: statsTeams, matches: statsMatches, printedTotals: totals });

