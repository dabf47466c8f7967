// What fans read, as small functions: one place for every phrase the renderers build from data,
// so a later translation (i18next) replaces these bodies and not scattered concatenations.
// Research notes never pass through here: a phrase is built from structured fields only.
import { groupStage, isFinalStage, isGroupStage, knownStageLike, shownGroup, stageAfterGroups, stageName } from '../../domain/format.js';
import type { GroupId, KnownStage, Match, Season, Stage } from '../../domain/types.js';
import { sharedI18n, type Translator } from '../../i18n/index.js';

/**
 * The English translator, for renderers whose callers do not pass one yet (commands not translated
 * so far, announcements): their text is the English resource text, byte for byte what it was.
 */
export const englishTr = (): Translator => sharedI18n().translator('en');

const phrases = new WeakMap<Translator, Map<string, string>>();
/**
 * A fixed phrase (a key with no values: "v", "postponed"), looked up once per translator: a list of
 * 200 matches asks for the same few words hundreds of times, and an i18next lookup is not free.
 */
export const phrase = (tr: Translator, key: string): string => {
  let known = phrases.get(tr);
  if (known === undefined) phrases.set(tr, (known = new Map()));
  let text = known.get(key);
  if (text === undefined) known.set(key, (text = tr.t(key)));
  return text;
};

/** "1 goal", "3 goals"; the many form is given where English is irregular ("matches"). */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "RS Berkane", "RS Berkane and Zamalek", "A, B and C". */
export const listJoin = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export const ordinal = (n: number): string => {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
};

const LEG_WORDS: Readonly<Record<1 | 2, string>> = { 1: 'first leg', 2: 'second leg' };

/** Stage names in a sentence: "Quarter-final", not the list heading "Quarter-finals". */
const STAGE_SINGULAR: Readonly<Record<Stage, string>> = {
  first_round: 'First round',
  second_round: 'Second round',
  group: 'Group stage',
  quarter_final: 'Quarter-final',
  semi_final: 'Semi-final',
  final: 'Final',
};

export const WORDS = {
  notPublished: 'not published',
  resultNotPublished: 'Result not published',
  timeNotPublished: 'time not published',
  someTimesNotPublished: 'some kickoff times not published',
  venueNotPublished: 'Venue not published',
  dateNotPublished: 'Date not published',
  postponed: 'postponed',
  cancelled: 'cancelled',
  walkover: 'walkover',
  noMatchPlayed: 'no match played',
  noGoals: 'No goals',
} as const;

/** "First round, tie 13, first leg", "Final, second leg", "Group A, matchday 3". */
export const roundName = (match: Pick<Match, 'stage' | 'group' | 'matchday' | 'tie' | 'leg'>, opts: { readonly tie?: boolean } = {}): string => {
  if (match.stage === 'group') {
    const group = match.group === null ? 'Group stage' : `Group ${match.group}`;
    return match.matchday === null ? group : `${group}, matchday ${match.matchday}`;
  }
  const parts = [Object.hasOwn(STAGE_SINGULAR, match.stage) ? STAGE_SINGULAR[match.stage] : codeWords(match.stage)];
  const showTie = (opts.tie ?? true) && match.tie !== null && match.stage !== 'final';
  if (showTie) parts.push(`tie ${match.tie}`);
  if (match.leg !== null) parts.push(LEG_WORDS[match.leg]);
  return parts.join(', ');
};

/**
 * `roundName` in the reply's language: "First round, tie 13, first leg", « Quart de finale,
 * confrontation 2, match aller », "Grupo A, jornada 3". English is `roundName`'s text, byte for byte.
 */
export const roundText = (
  match: Pick<Match, 'stage' | 'group' | 'matchday' | 'tie' | 'leg'>,
  tr: Translator = englishTr(),
  opts: { readonly tie?: boolean; readonly season?: HasFormat } = {},
): string => {
  // With the season, its format says which stage is the group stage and which the final, and names
  // stages the house has no words for; without it (callers not moved yet) CAF's codes do.
  const { season } = opts;
  if (season === undefined ? match.stage === 'group' : isGroupStage(season, match.stage)) {
    const group =
      season !== undefined ? groupTitle(season, match.group, tr) : match.group === null ? tr.t('words.round.stage.group') : groupName(match.group, tr);
    return match.matchday === null ? group : tr.t('words.round.groupMatchday', { group, matchday: tr.number(match.matchday) });
  }
  const known = season === undefined ? match.stage : (knownWordsFor(season, match.stage) ?? match.stage);
  const stage = tr.has(`words.round.stage.${known}`)
    ? tr.t(`words.round.stage.${known}`)
    : season === undefined
      ? codeWords(match.stage)
      : stageName(season, match.stage);
  const isFinal = season === undefined ? match.stage === 'final' : isFinalStage(season, match.stage);
  const showTie = (opts.tie ?? true) && match.tie !== null && !isFinal;
  const leg = match.leg === null ? null : tr.t(`words.legs.${match.leg === 1 ? 'first' : 'second'}`);
  const tie = showTie && match.tie !== null ? tr.number(match.tie) : null;
  if (tie !== null && leg !== null) return tr.t('words.round.tieLeg', { stage, tie, leg });
  if (tie !== null) return tr.t('words.round.tie', { stage, tie });
  if (leg !== null) return tr.t('words.round.leg', { stage, leg });
  return stage;
};

/** "first legs", "second leg" for a round heading. */
export const legsHeading = (leg: 1 | 2, many: boolean, tr: Translator = englishTr()): string =>
  phrase(tr, `words.legs.${leg === 1 ? 'first' : 'second'}${many ? 'Many' : ''}`);

/**
 * A stage as a list heading: "Quarter-finals", « Quarts de finale ». A stage the house has no words
 * for (a season's own format may name any) is written from its code, "play_off" → "Play off", never
 * a missing-key error.
 */
export const stageHeading = (stage: Stage, tr: Translator = englishTr()): string =>
  tr.has(`words.stages.${stage}`) ? phrase(tr, `words.stages.${stage}`) : codeWords(stage);

/** "play_off" → "Play off": how a stage code without words of its own is shown. */
const codeWords = (code: string): string => {
  const words = code.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** "Group A", « Groupe A », «المجموعة ⁨A⁩». */
export const groupName = (group: string, tr: Translator = englishTr()): string => tr.t('words.group', { group: tr.name(group) });

type HasFormat = Pick<Season, 'format'>;

/**
 * Which words say where a group's teams go: '' for CAF's quarter-finals ("through to the
 * quarter-finals"), 'Next' for any other round ("through to the next round"). Appended to a key.
 */
export const afterGroupsSuffix = (season: HasFormat): '' | 'Next' => (stageAfterGroups(season) === 'quarter_final' ? '' : 'Next');

/**
 * A stage as a heading, read from the season's format: the house's words for CAF's known codes
 * (« Quarts de finale »), else the name the format gives the stage ("League phase"), never its code.
 */
export const stageTitle = (season: HasFormat, stage: Stage, tr: Translator = englishTr()): string => {
  const known = knownWordsFor(season, stage);
  return known !== null && tr.has(`words.stages.${known}`) ? phrase(tr, `words.stages.${known}`) : stageName(season, stage);
};

/**
 * The CAF code whose words tell this stage, read from the format: the stage's own code when the house
 * knows it; for another code, `final` when it is the season's final (its last knockout round), else
 * the known code whose English name the format gives it ("Semi-finals"); null when none fits.
 */
export const knownWordsFor = (season: HasFormat, stage: Stage): KnownStage | null => knownStageLike(season, stage);

/**
 * A group as fans see it: "Group A"; for the one unnamed group of a league phase (or no group), the
 * group stage's own name ("League phase"), never the internal id.
 */
export const groupTitle = (season: HasFormat, group: GroupId | null, tr: Translator = englishTr()): string => {
  const shown = shownGroup(season, group);
  return shown === null ? stageTitle(season, groupStage(season)?.code ?? 'group', tr) : groupName(shown, tr);
};

/** "2 goals with no scorer recorded" */
export const unattributedText = (n: number, tr: Translator = englishTr()): string => tr.t('words.unattributed', { count: n });

/** "Kickoff time disputed between sources: 18:00 or 19:00 UTC" */
export const disputedKickoffText = (instants: readonly string[]): string => {
  const times = [...new Set(instants.map((iso) => new Date(iso).toISOString().slice(11, 16)))].sort();
  return `Kickoff time disputed between sources: ${times.length > 1 ? `${times.slice(0, -1).join(', ')} or ${times[times.length - 1]}` : times[0] ?? ''} UTC`;
};

/** The competition as fans say it: "the Confederation Cup", « la Coupe de la Confédération ». */
export const cupName = (competition: string, tr: Translator = englishTr()): string => {
  const name = competition.replace(/^CAF\s+/, '');
  if (name === 'Confederation Cup') return tr.t('words.cup.confederationCup');
  if (name === 'Champions League') return tr.t('words.cup.championsLeague');
  return tr.t('words.cup.other', { competition: tr.name(name) });
};

/**
 * A date with no time of day in a list line: English keeps its short form with the weekday
 * ("Sun 3 Dec 2023", what fans and tests know); other languages get Intl's words (« 3 décembre 2023 »).
 */
export const dateOnlyText = (isoDate: string, english: (iso: string) => string, tr: Translator = englishTr()): string => {
  if (tr.language === 'en') return english(isoDate);
  try {
    return tr.date(isoDate);
  } catch {
    return isoDate;
  }
};

/** "CAF's points put Algeria 3rd; the competition's own list printed it 2nd". */
export const rankDisputeText = (
  association: string,
  dispute: { readonly printed: number | null; readonly byPoints: number | null },
  tr: Translator = englishTr(),
): string => {
  const name = tr.name(association);
  if (dispute.byPoints === null || dispute.printed === null) return tr.t('rankings.disputeUnknown', { association: name });
  return tr.t('rankings.dispute', { association: name, byPoints: tr.ordinal(dispute.byPoints), printed: tr.ordinal(dispute.printed) });
};

/**
 * A group fate in one sentence: "Zamalek are through with a game to spare", "Abu Salim can no longer
 * reach the quarter-finals". Null while the team's fate is open.
 */
export const fateText = (team: string, fate: 'through' | 'out' | 'open', toPlay: number, tr: Translator = englishTr(), season?: HasFormat): string | null => {
  const values = { team: tr.name(team), count: toPlay };
  const next = season === undefined ? '' : afterGroupsSuffix(season);
  if (fate === 'through') return tr.t(toPlay > 0 ? 'words.fate.throughSpare' : `words.fate.throughLast${next}`, values);
  if (fate === 'out') return tr.t(toPlay > 0 ? `words.fate.outSpare${next}` : 'words.fate.out', values);
  return null;
};
