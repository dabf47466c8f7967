// The state of a /fixtures view: read from the options once, then carried in the paging buttons'
// custom_id so a button still works after a restart.
import { selectFixtures, upcomingStep } from '../../domain/fixtures.js';
import { memoBySeasonKey } from '../../domain/memo.js';
import { indexSeason } from '../../domain/season-index.js';
import { computeTies } from '../../domain/ties.js';
import { isKnownStage, STAGE_KEY, STAGES } from '../../domain/types.js';
import type { GroupId, Season, Stage, TeamId } from '../../domain/types.js';
import { commandMention, commandWord } from '../../i18n/commands.js';
import { LANGUAGES, LANGUAGE_INFO, type Translator } from '../../i18n/index.js';
import { RESOURCES, type ResourceTree } from '../../i18n/resources.js';
import { renderFixtures } from '../render/fixtures.js';
import { formatDate } from '../render/match-format.js';
import type { MessagePayload } from '../render/limits.js';
import { dateOnlyText, englishTr, groupName, groupTitle, stageHeading, stageTitle } from '../render/words.js';
import { MAX_MATCHDAY } from '../../season/format.js';
import { SEASON_ID_PATTERN } from './season-choice.js';
import { keptReply } from './kept-reply.js';

export const WHENS = ['upcoming', 'results', 'all'] as const;
export type When = (typeof WHENS)[number];

/** The most matchdays any season's group stage may have (a season's own count is its format's). */
export const MATCHDAYS = MAX_MATCHDAY;

export interface FixturesQuery {
  readonly team?: TeamId;
  readonly stage?: Stage;
  readonly group?: GroupId;
  readonly matchday?: number;
  /** Always resolved (never left to a default) so every page of one view shows the same list. */
  readonly when: When;
  /** The season shown (its id), so every page shows the same season whatever the default becomes. */
  readonly season?: string;
}

export const PAGE_PREFIX = 'fixtures:p:';
const LABEL_PREFIX = 'fixtures:i:';

/**
 * With no filter at all: what is still to come, soonest first; once the season is over, the results,
 * newest round first (the final on page 1, paging back to the first round). With any filter but no
 * `when`: everything that fits, in order, so a team's whole path reads top to bottom.
 */
export const defaultWhen = (season: Season, filters: Omit<FixturesQuery, 'when'>, now: Date): When => {
  const filtered = filters.team !== undefined || filters.stage !== undefined || filters.group !== undefined || filters.matchday !== undefined;
  if (filtered) return 'all';
  return anyUpcoming(season, now) ? 'upcoming' : 'results';
};

/** Whether anything is still to come, kept per season and step of its clock (fixtures.ts's upcomingStep). */
const anyUpcoming = (season: Season, now: Date): boolean => anyUpcomingAt({ season, now });
const anyUpcomingAt = memoBySeasonKey(
  (at: { season: Season; now: Date }) => at.season,
  (at) => String(upcomingStep(at.season, at.now)),
  (at) => selectFixtures(at.season, { when: 'upcoming', now: at.now }).length > 0,
);

// Maps, not object literals: a forged value must find nothing, not a prototype member.
const WHEN_CODES: ReadonlyMap<When, string> = new Map([
  ['upcoming', 'u'],
  ['results', 'r'],
  ['all', 'a'],
]);
const WHEN_BY_CODE = new Map([...WHEN_CODES].map(([when, code]) => [code, when]));
const STAGE_BY_KEY: ReadonlyMap<string, Stage> = new Map(STAGES.map((s) => [STAGE_KEY[s], s]));
/** A known stage travels as its short key (`QF`, as buttons always have), any other as its code. */
const stageToken = (stage: Stage): string => (isKnownStage(stage) ? STAGE_KEY[stage] : stage);
const stageFromToken = (token: string): Stage | undefined => STAGE_BY_KEY.get(token) ?? (/^[a-z][a-z0-9_]{0,39}$/.test(token) ? token : undefined);
/** A group label may hold any character: `,` and `=` would break the list, so it travels URI-encoded. */
const groupFromToken = (token: string): GroupId | undefined => {
  try {
    const label = decodeURIComponent(token);
    return label.trim() !== '' && label.length <= 40 ? label : undefined;
  } catch {
    return undefined;
  }
};

/** `w=r,t=rs-berkane,s=QF,g=B,m=6,c=caf-cl-2023-24`: short enough for Discord's 100-character custom_id. */
export const encodeQuery = (q: FixturesQuery): string =>
  [
    `w=${WHEN_CODES.get(q.when) ?? 'a'}`,
    q.team !== undefined ? `t=${q.team}` : null,
    q.stage !== undefined ? `s=${stageToken(q.stage)}` : null,
    q.group !== undefined ? `g=${encodeURIComponent(q.group)}` : null,
    q.matchday !== undefined ? `m=${q.matchday}` : null,
    q.season !== undefined ? `c=${q.season}` : null,
  ]
    .filter((part): part is string => part !== null)
    .join(',');

export const decodeQuery = (text: string): FixturesQuery | null => {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const whenCode = fields.get('w');
  const when = whenCode === undefined ? undefined : WHEN_BY_CODE.get(whenCode);
  if (when === undefined) return null;
  const stageKey = fields.get('s');
  const stage = stageKey === undefined ? undefined : stageFromToken(stageKey);
  if (stageKey !== undefined && stage === undefined) return null;
  const groupText = fields.get('g');
  const group = groupText === undefined ? undefined : groupFromToken(groupText);
  if (groupText !== undefined && group === undefined) return null;
  const mdText = fields.get('m');
  const matchday = mdText === undefined ? undefined : Number(mdText);
  if (matchday !== undefined && !(Number.isInteger(matchday) && matchday >= 1 && matchday <= MATCHDAYS)) return null;
  const team = fields.get('t');
  if (team !== undefined && !/^(#\d+|[a-z0-9-]+)$/.test(team)) return null;
  const season = fields.get('c');
  if (season !== undefined && !SEASON_ID_PATTERN.test(season)) return null;
  return {
    when,
    ...(season !== undefined ? { season } : {}),
    ...(team !== undefined ? { team } : {}),
    ...(stage !== undefined ? { stage } : {}),
    ...(group !== undefined ? { group } : {}),
    ...(matchday !== undefined ? { matchday } : {}),
  };
};

/** Room left for the query after `fixtures:p:<page>:`. */
const QUERY_ROOM = 100 - PAGE_PREFIX.length - 6;

/**
 * A team id too long for a custom_id (the season file allows any name) travels as `#<position in
 * season.teams>` instead; `teamFromToken` reverses it.
 */
export const compactQuery = (season: Season, query: FixturesQuery): FixturesQuery => {
  if (query.team === undefined || encodeQuery(query).length <= QUERY_ROOM) return query;
  return { ...query, team: `#${season.teams.findIndex((t) => t.id === query.team)}` };
};

export const teamFromToken = (season: Season, token: string): TeamId | undefined =>
  token.startsWith('#') ? season.teams[Number(token.slice(1))]?.id : season.teams.find((t) => t.id === token)?.id;

export const pageId = (query: FixturesQuery, page: number, role: 'go' | 'label'): string =>
  `${role === 'go' ? PAGE_PREFIX : LABEL_PREFIX}${page}:${encodeQuery(query)}`;

/** `fixtures:p:<page>:<query>` → the page and query, or null for an id this version cannot read. */
export const parsePageId = (customId: string): { page: number; query: FixturesQuery } | null => {
  if (!customId.startsWith(PAGE_PREFIX)) return null;
  const rest = customId.slice(PAGE_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0) return null;
  const page = Number(rest.slice(0, colon));
  const query = decodeQuery(rest.slice(colon + 1));
  return Number.isInteger(page) && query ? { page, query } : null;
};

// Maps, not object literals: `when` comes from a decoded custom_id.
const WHEN_TITLES: ReadonlyMap<When, string> = new Map([
  ['upcoming', 'fixtures.title.upcoming'],
  ['results', 'fixtures.title.results'],
  ['all', 'fixtures.title.all'],
]);

export const describeQuery = (q: FixturesQuery, teamName: (id: TeamId) => string, tr: Translator = englishTr(), season?: Pick<Season, 'format'>): string => {
  const parts = [tr.t(WHEN_TITLES.get(q.when) ?? 'fixtures.title.all')];
  if (q.team !== undefined) parts.push(tr.name(teamName(q.team)));
  // With the season, a stage the house has no words for is named by its format ("League phase").
  if (q.stage !== undefined) parts.push(season === undefined ? stageHeading(q.stage, tr) : stageTitle(season, q.stage, tr));
  if (q.group !== undefined) parts.push(season === undefined ? groupName(q.group, tr) : groupTitle(season, q.group, tr));
  if (q.matchday !== undefined) parts.push(tr.t('fixtures.title.matchday', { n: tr.number(q.matchday) }));
  if (parts.length === 1) parts.push(tr.t(q.when === 'results' ? 'fixtures.title.newestFirst' : 'fixtures.title.wholeSeason'));
  return parts.join(' · ');
};

/**
 * A `when` choice as the user's command picker shows it (`quand: Résultats` for a French client),
 * so the hint names what they can pick, whatever language the reply is in.
 */
const whenHint = (clientLocale: string | null, choice: When): { option: string; choice: string } => {
  const option = commandWord(clientLocale, ['fixtures', 'options', 'when']);
  const pickerLanguage = LANGUAGES.find((l) => clientLocale !== null && LANGUAGE_INFO[l].commandLocales.includes(clientLocale)) ?? 'en';
  const choices = textAt(RESOURCES[pickerLanguage], ['commands', 'fixtures', 'options', 'when', 'choices']);
  const label = typeof choices === 'object' && Object.hasOwn(choices, choice) ? choices[choice] : undefined;
  // English pickers show the value itself (`when: results`), as the reply always said.
  return { option, choice: pickerLanguage === 'en' || typeof label !== 'string' ? choice : label };
};

const textAt = (tree: ResourceTree, path: readonly string[]): string | ResourceTree | undefined => {
  let node: string | ResourceTree | undefined = tree;
  for (const part of path) node = typeof node === 'object' && Object.hasOwn(node, part) ? node[part] : undefined;
  return node;
};

/** What a fixtures reply is said in: the reply's language, and the client's locale for command names. */
export interface FixturesSpeech {
  readonly tr: Translator;
  readonly clientLocale: string | null;
}

const ENGLISH_SPEECH = (): FixturesSpeech => ({ tr: englishTr(), clientLocale: null });

/** The UserErrors of the paging buttons, in the reply's language. */
export const fixturesErrorText = (speech: FixturesSpeech, key: 'oldButton' | 'teamGone'): string =>
  speech.tr.t(`fixtures.errors.${key}`, { fixtures: commandMention(speech.clientLocale, 'fixtures') });

/** Said when nothing fits: before any pairing is known, when the draw is; after the season, where results are. */
const emptyText = (season: Season, q: FixturesQuery, now: Date, speech: FixturesSpeech): string => {
  const { tr, clientLocale } = speech;
  const today = now.toISOString().slice(0, 10);
  const nextDraw = season.calendar
    .filter((e) => e.kind === 'draw' && e.startDate >= today)
    .map((e) => e.startDate)
    .sort()[0];
  if (season.matches.length === 0 && nextDraw !== undefined) {
    return tr.t('fixtures.empty.draw', { date: dateOnlyText(nextDraw, formatDate, tr), schedule: commandMention(clientLocale, 'schedule') });
  }
  if (q.when !== 'upcoming') return tr.t('fixtures.empty.noMatch');
  const seasonOver = selectFixtures(season, { when: 'upcoming', now }).length === 0;
  return seasonOver
    ? tr.t('fixtures.empty.seasonOver', whenHint(clientLocale, 'results'))
    : tr.t('fixtures.empty.noneToCome', whenHint(clientLocale, 'all'));
};

/** read query → domain → render: the whole of /fixtures and its paging buttons. */
export const fixturesReply = (
  season: Season,
  query: FixturesQuery,
  page: number,
  now: Date,
  speech: FixturesSpeech = ENGLISH_SPEECH(),
): MessagePayload => keptFixtures({ season, query, page, now, tr: speech.tr, clientLocale: speech.clientLocale });

interface FixturesInput {
  readonly season: Season;
  readonly query: FixturesQuery;
  readonly page: number;
  readonly now: Date;
  readonly tr: Translator;
  readonly clientLocale: string | null;
}

// The clock enters only through what is upcoming and which draw is next: its step, not the instant.
const keptFixtures = keptReply(
  (input: FixturesInput) => `${encodeQuery(input.query)}|${input.page}|${input.clientLocale ?? ''}|${upcomingStep(input.season, input.now)}`,
  (input) => buildFixturesReply(input.season, input.query, input.page, input.now, { tr: input.tr, clientLocale: input.clientLocale }),
);

const buildFixturesReply = (season: Season, query: FixturesQuery, page: number, now: Date, speech: FixturesSpeech): MessagePayload => {
  const index = indexSeason(season);
  const matches = selectFixtures(season, { ...query, now });
  const compact = compactQuery(season, query);
  return renderFixtures({
    season,
    teamName: index.teamName,
    matches,
    ties: computeTies(season),
    heading: describeQuery(query, index.teamName, speech.tr, season),
    newestFirst: query.when === 'results',
    relative: query.when !== 'results',
    page,
    pageId: (p, role) => pageId(compact, p, role),
    emptyText: emptyText(season, query, now, speech),
    tr: speech.tr,
  });
};
