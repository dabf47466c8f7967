// A team's goals in one match as one plain line: "Ahmed Atef 55', 88'; Bassène 38' (pen.); 2 goals
// with no scorer recorded". Shared by /match and the recap posts so both read the same.
import type { Goal, Match, TeamId } from '../../domain/types.js';
import { escapeText } from './text.js';
import type { Translator } from '../../i18n/index.js';
import { englishTr, unattributedText } from './words.js';

const minuteText = (goal: Goal, tr: Translator): string | null => {
  const kind = goal.type === 'penalty' ? ` (${tr.t('words.goal.penalty')})` : goal.type === 'own_goal' ? ` (${tr.t('words.goal.ownGoal')})` : '';
  if (goal.minute === null) return kind ? kind.trim() : null;
  return `${escapeText(goal.minute)}'${kind}`;
};

/**
 * One player's goals together (a brace reads "Ahmed Atef 55', 88'"), in the order they were scored;
 * goals with no scorer recorded are counted at the end, not listed one by one.
 */
export const goalsLine = (goals: readonly Goal[], extraUnattributed = 0, tr: Translator = englishTr()): string | null => {
  const byPlayer = new Map<string, Goal[]>();
  let unattributed = extraUnattributed;
  for (const goal of goals) {
    if (goal.player === null) {
      unattributed++;
      continue;
    }
    // An own goal is the defender's, but kept apart from his goals for his own team.
    const key = `${goal.type === 'own_goal' ? 'og' : 'g'}\u0000${goal.player}`;
    const list = byPlayer.get(key);
    if (list) list.push(goal);
    else byPlayer.set(key, [goal]);
  }
  const parts = [...byPlayer.values()].map((list) => {
    const player = tr.name(escapeText(list[0]?.player ?? ''));
    const minutes = list.map((goal) => minuteText(goal, tr)).filter((m): m is string => m !== null);
    const unknown = list.length - minutes.length;
    const times = [...minutes, ...(unknown > 0 && minutes.length > 0 ? [tr.t('words.goal.more', { count: unknown })] : [])].join(', ');
    const count = minutes.length === 0 && list.length > 1 ? ` (${list.length})` : '';
    return times ? `${player} ${times}` : `${player}${count}`;
  });
  if (unattributed > 0) parts.push(unattributedText(unattributed, tr));
  return parts.length === 0 ? null : parts.join(tr.t('words.goal.separator'));
};

/** Goals the score counts that have no goal record at all, for each side. */
export const missingGoalsOf = (match: Match, team: TeamId): number => {
  if (match.status !== 'played' || match.score === null) return 0;
  const scored = team === match.home ? match.score.home : match.score.away;
  return Math.max(0, scored - match.goals.filter((g) => g.team === team).length);
};
