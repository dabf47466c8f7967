import { groupMatch, leg, team } from './builders.js';

// One small tournament both ranking test files play (the association ranking of one season, and the
// ranking across seasons): Group A: w (9 pts), r (6), t (3), f (0). Knockout: q lost a QF to s, s lost
// the SF to w, w beat r in the final. `out` lost in the first round.
export const teams = [
  team('w', { association: 'Westland', group: 'A' }),
  team('r', { association: 'Westland', group: 'A' }),
  team('t', { association: 'Eastland', group: 'A' }),
  team('f', { association: 'Northland', group: 'A' }),
  team('s', { association: 'Eastland' }),
  team('q', { association: 'Southland' }),
  team('out', { association: 'Southland' }),
];
export const matches = [
  groupMatch('A', 1, 'w', 'r', [1, 0]),
  groupMatch('A', 1, 't', 'f', [1, 0]),
  groupMatch('A', 2, 'w', 't', [1, 0]),
  groupMatch('A', 2, 'r', 'f', [1, 0]),
  groupMatch('A', 3, 'w', 'f', [1, 0]),
  groupMatch('A', 3, 'r', 't', [1, 0]),
  leg('quarter_final', 1, 1, 'q', 's', [0, 1]),
  leg('quarter_final', 1, 2, 's', 'q', [0, 0]),
  leg('semi_final', 1, 1, 's', 'w', [0, 1]),
  leg('semi_final', 1, 2, 'w', 's', [0, 0]),
  leg('final', 1, 1, 'r', 'w', [0, 0]),
  leg('final', 1, 2, 'w', 'r', [2, 0]),
  leg('first_round', 1, 1, 'out', 'q', [0, 5]),
  leg('first_round', 1, 2, 'q', 'out', [0, 0]),
];
