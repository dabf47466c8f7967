// "Totals against the printed figures" said from the domain's facts (StatsReport.reconciliation) in a
// reply's language, from the about.totals.* keys. /about shows these lines; the CLI's `stats` prints the
// English ones, so the wording lives here once. No discord.js: plain text, the caller escapes names.
import type { PrintedGoalsCheck, PrintedMatchesCheck, TeamId, TotalsCheck, TotalsMatch, TotalsScope } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { englishTr } from './words.js';

type MatchText = (match: TotalsMatch) => string;

const scopeText = (scope: TotalsScope, tr: Translator): string => {
  if (scope.kind !== 'knockout') return tr.t(`about.totals.scope.${scope.kind}`);
  const { matches, goals } = scope;
  return tr.t('about.totals.scope.knockout', {
    matches: tr.t('about.totals.printedMatches', { total: matches.total, group: matches.group, count: matches.knockout }),
    goals: tr.t('about.totals.printedGoals', { total: goals.total, group: goals.group, count: goals.knockout }),
  });
};

const matchesText = (check: PrintedMatchesCheck, match: MatchText, tr: Translator): string => {
  const played = tr.t('about.totals.matches.played', { count: check.played });
  const seen = check.unpublished ? tr.t('about.totals.matches.plusUnpublished', { played, n: check.unpublished }) : played;
  const withAwarded = tr.t('about.totals.matches.plusAwarded', { counted: seen, n: check.awarded });
  const versus = (): string =>
    tr.t('about.totals.versus', { counted: withAwarded, total: check.played + check.unpublished + check.awarded, printed: check.printed });
  switch (check.kind) {
    case 'as_printed':
      if (check.notInPrinted.length === 0) return tr.t('about.totals.asPrinted', { counted: seen, printed: check.printed });
      return tr.t('about.totals.matches.awardedLeftOut', {
        counted: seen,
        printed: check.printed,
        count: check.notInPrinted.length,
        matches: check.notInPrinted.map(match).join(tr.t('about.totals.matchSeparator')),
      });
    case 'as_printed_with_awarded':
      return tr.t('about.totals.asPrinted', { counted: withAwarded, printed: check.printed });
    case 'counts_some_awarded':
      return tr.t('about.totals.matches.countsSomeAwarded', { versus: versus(), n: check.awardedInPrinted, awarded: check.awarded });
    case 'unexplained':
      return tr.t('about.totals.matches.unexplained', { versus: versus(), n: check.difference });
  }
};

const goalsText = (check: PrintedGoalsCheck, match: MatchText, tr: Translator): string => {
  const counted = tr.t('about.totals.goals.counted', { count: check.counted });
  switch (check.kind) {
    case 'as_printed':
      return tr.t('about.totals.asPrinted', { counted, printed: check.printed });
    case 'over':
      return tr.t('about.totals.goals.unexplained', { head: tr.t('about.totals.goals.over', { counted, printed: check.printed, n: check.difference }) });
    case 'short': {
      const head = tr.t('about.totals.goals.short', { counted, printed: check.printed, n: check.difference });
      const reasons = [
        ...check.unrecorded.map((m) => tr.t('about.totals.goals.resultNotPublished', { match: match(m) })),
        ...check.awardedNoScore.map((m) => tr.t('about.totals.goals.awardedNoScore', { match: match(m) })),
      ];
      if (check.awardedGoals !== null) {
        const awarded = tr.t('about.totals.goals.awardedScores', { count: check.awardedGoals });
        reasons.push(reasons.length ? tr.t('about.totals.goals.or', { reason: awarded }) : awarded);
      }
      if (reasons.length === 0) return tr.t('about.totals.goals.unexplained', { head });
      return tr.t('about.totals.goals.explained', { head, reasons: reasons.join(tr.t('about.totals.reasonSeparator')) });
    }
  }
};

/**
 * One line of the totals: "Group stage: 46 matches played + 1 with no published result + 1 awarded = 48
 * as printed; 103 goals counted vs 106 printed (3 short): …". `teamName` gives the name as the caller
 * shows it (escaped for Discord); the translator says it in its language (tr.name).
 */
export const totalsLine = (check: TotalsCheck, teamName: (id: TeamId) => string, tr: Translator = englishTr()): string => {
  const match: MatchText = (m) => tr.t('about.totals.match', { home: tr.name(teamName(m.home)), away: tr.name(teamName(m.away)) });
  return tr.t('about.totals.line', { scope: scopeText(check.scope, tr), matches: matchesText(check.matches, match, tr), goals: goalsText(check.goals, match, tr) });
};
