// Announcement posts as plain embeds: a round preview, a round recap, a "moved" notice and a test
// message. Pure: the same round renders once and is reused for every channel. Kickoff times are
// Discord timestamps, so one payload reads correctly in every viewer's timezone. Every word comes from
// the resource files (`announcements.*`, shared `words.*`) in the channel's language; English is the
// default and reads byte for byte as before. In Arabic, Latin names are isolated (FSI…PDI) and table
// lines kept left to right (LRI…PDI).
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { roundTiming, type MatchMove, type MatchSlot, type PlanningRound } from '../../domain/announcements.js';
import { matchOutcome } from '../../domain/outcome.js';
import { indexSeason, type SeasonIndex } from '../../domain/season-index.js';
import { computeGroupTable, decidedBetween } from '../../domain/standings.js';
import { resolveTie } from '../../domain/ties.js';
import { groupLabels, isFinalStage, isGroupStage, isSingleLeg, shownGroup } from '../../domain/format.js';
import type { Goal, GroupId, Match, Season, StandingRow } from '../../domain/types.js';
import { goalsLine, missingGoalsOf } from '../render/goals.js';
import { clampEmbed, embedLength, LIMITS } from '../render/limits.js';
import { listNames, tieOutcome, tieWordsOf } from '../render/match-format.js';
import { afterGroupsSuffix, dateOnlyText, englishTr, fateText, groupTitle, listJoin, stageTitle } from '../render/words.js';
import type { Translator } from '../../i18n/index.js';
import { intlTag } from '../../i18n/format.js';
import { codeText, escapeText, padEnd, padStart, truncate } from '../render/text.js';
import { seasonFooter, stageColour } from '../render/theme.js';

/** One post: one or more messages, each a list of embeds within Discord's limits. */
export interface RenderedPost {
  readonly messages: readonly (readonly APIEmbed[])[];
  /** One line for logs and the status ledger. */
  readonly summary: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `Sun 26 Nov 2023`, from a `YYYY-MM-DD` local match date (no timezone conversion: it is a calendar day). */
export const formatDay = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return escapeText(date);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

export const discordTime = (ms: number, style: 'f' | 'F' | 'R' | 't' | 'd' = 'f'): string => `<t:${Math.floor(ms / 1000)}:${style}>`;

/**
 * When a match is: a Discord timestamp, or its date where only the date is known (the post says
 * "time not published" once, not on every line), or "date not published".
 */
export const whenText = (slot: Pick<Match, 'kickoff' | 'date'>, tr: Translator = englishTr()): string => {
  const kickoff = slot.kickoff === null ? Number.NaN : Date.parse(slot.kickoff);
  if (!Number.isNaN(kickoff)) return discordTime(kickoff);
  if (slot.date !== null) return dayText(slot.date, tr);
  return tr.t('announcements.post.dateNotPublished');
};

/** A calendar day: English keeps `Sun 26 Nov 2023`; other languages get Intl's words (« 26 novembre 2023 »). */
const dayText = (date: string, tr: Translator): string => tr.name(dateOnlyText(date, formatDay, tr));

/** A club's name as a post prints it: escaped, and isolated in a right-to-left post. */
export const clubName = (index: SeasonIndex, id: string, tr: Translator): string => tr.name(escapeText(index.teamName(id)));

export const title = (index: SeasonIndex, m: Match, tr: Translator = englishTr()): string =>
  tr.t('announcements.post.versus', { home: clubName(index, m.home, tr), away: clubName(index, m.away, tr) });

/** "A, B and C" in the post's language (English keeps its own join, byte for byte). */
const listText = (items: readonly string[], tr: Translator): string =>
  tr.language === 'en' ? listJoin(items) : new Intl.ListFormat(intlTag(tr.language), { type: 'conjunction' }).format(items);

/**
 * A round's name in the post's language: "Group stage · Matchday 1", « Phase de groupes · Journée 1 »,
 * "Fase de grupos · Jornada 1"; from its matches (the label stays for a round with none).
 */
export const roundTitle = (round: PlanningRound, tr: Translator = englishTr(), season?: Pick<Season, 'format'>): string => {
  const first = round.matches[0];
  if (first === undefined) return escapeText(round.label);
  // The season's format names a stage the house has no words for and says which is the group stage;
  // without it (callers not moved yet), CAF's codes do and any other round keeps its label.
  if (season === undefined && !tr.has(`words.stages.${first.stage}`)) return escapeText(round.label);
  const stage = season === undefined ? tr.t(`words.stages.${first.stage}`) : stageTitle(season, first.stage, tr);
  if (season === undefined ? first.stage === 'group' : isGroupStage(season, first.stage)) {
    if (first.matchday === null) return escapeText(round.label);
    return tr.t('announcements.round.group', { stage, n: tr.number(first.matchday) });
  }
  // A single-leg round (a one-match final) is its stage's name in the post's language.
  if (first.leg === null) return season !== undefined && isSingleLeg(season, first.stage) ? stage : escapeText(round.label);
  return tr.t('announcements.round.leg', { stage, leg: tr.t(`words.legs.${first.leg === 1 ? 'first' : 'second'}`) });
};

// ---- Packing: lines → fields → embeds → messages ----

/** Splits lines into fields of at most 1024 characters; continuation fields say "(cont.)". */
export function linesToFields(name: string, lines: readonly string[], tr: Translator = englishTr()): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length === 0) return;
    fields.push({ name: truncate(fields.length === 0 ? name : tr.t('paging.continued', { heading: name }), LIMITS.fieldName), value: current.join('\n') });
    current = [];
  };
  for (const raw of lines) {
    const line = truncate(raw, LIMITS.fieldValue);
    if ([...current, line].join('\n').length > LIMITS.fieldValue) flush();
    current.push(line);
  }
  flush();
  return fields;
}

interface Section {
  readonly description?: string;
  readonly fields: readonly APIEmbedField[];
}

/**
 * Builds embeds of at most 25 fields and 6000 characters each, then packs them into messages of at
 * most 10 embeds and 6000 characters. Nothing is cut: what does not fit goes to the next message.
 */
export function packPost(
  head: { title: string; colour: number; footer: APIEmbed['footer'] },
  sections: readonly Section[],
  tr: Translator = englishTr(),
): APIEmbed[][] {
  const continued = tr.t('paging.continued', { heading: head.title });
  // Room for the title and footer on every embed, with a margin for "(cont.)" in the longest language.
  const overhead = Math.max(head.title.length + 10, continued.length) + (head.footer?.text.length ?? 0);
  const budget = LIMITS.total - overhead;
  const embeds: APIEmbed[] = [];
  let fields: APIEmbedField[] = [];
  let description: string | undefined;
  let size = 0;
  const flush = (): void => {
    if (fields.length === 0 && description === undefined) return;
    const first = embeds.length === 0;
    embeds.push(
      clampEmbed({
        title: first ? head.title : continued,
        color: head.colour,
        ...(description === undefined ? {} : { description }),
        ...(fields.length === 0 ? {} : { fields }),
        ...(head.footer ? { footer: head.footer } : {}),
      }),
    );
    fields = [];
    description = undefined;
    size = 0;
  };
  for (const section of sections) {
    if (section.description !== undefined) {
      const text = truncate(section.description, LIMITS.description);
      if (description !== undefined || fields.length > 0) flush();
      description = text;
      size += text.length;
    }
    for (const field of section.fields) {
      const length = field.name.length + field.value.length;
      if (fields.length >= LIMITS.fields || size + length > budget) flush();
      fields.push(field);
      size += length;
    }
  }
  flush();

  const messages: APIEmbed[][] = [];
  let message: APIEmbed[] = [];
  let total = 0;
  for (const embed of embeds) {
    const length = embedLength(embed);
    if (message.length >= LIMITS.embeds || total + length > LIMITS.total) {
      messages.push(message);
      message = [];
      total = 0;
    }
    message.push(embed);
    total += length;
  }
  if (message.length > 0) messages.push(message);
  return messages;
}

// ---- Preview ----

/** The groups of a round in the season's group order (A–D), whatever order the matches kick off in. */
const groupsOf = (season: Pick<Season, 'format'>, matches: readonly Match[]): (GroupId | null)[] => {
  const labels = groupLabels(season);
  const rank = (g: GroupId | null): number => (g === null || !labels.includes(g) ? labels.length : labels.indexOf(g));
  return [...new Set(matches.map((m) => m.group))].sort((a, b) => rank(a) - rank(b));
};

/** A match that already happened or is off the schedule, as the preview shows it. */
const statusNote = (m: Match, tr: Translator): string =>
  m.status === 'postponed'
    ? ` — **${tr.t('words.status.postponed')}**`
    : m.status === 'cancelled'
      ? ` — **${tr.t('words.status.cancelled')}**`
      : m.status === 'walkover'
        ? ` — ${tr.t('words.status.walkover')}`
        : '';

/** `Tie 3: ` in a knockout or qualifying round with several ties; nothing otherwise (the group stage, the final). */
export const tiePrefix = (season: Pick<Season, 'format'>, m: Match, tr: Translator): string =>
  m.tie === null || isGroupStage(season, m.stage) || isFinalStage(season, m.stage) ? '' : tr.t('announcements.post.tiePrefix', { n: tr.number(m.tie) });

function previewLine(index: SeasonIndex, m: Match, firstLeg: Match | null, tr: Translator): string {
  const parts = [`• ${tiePrefix(index.season, m, tr)}${whenText(m, tr)} — ${title(index, m, tr)}${statusNote(m, tr)}`];
  if (firstLeg !== null) parts.push(`  ${tr.t('announcements.preview.firstLeg', { result: resultText(index, firstLeg, tr) })}`);
  if (m.venue !== null) parts.push(`  ${tr.name(escapeText(m.venue))}`);
  return parts.join('\n');
}

/** The first leg of the same tie, for a second leg. */
const firstLegOf = (season: Season, m: Match): Match | null =>
  m.leg !== 2 ? null : (season.matches.find((o) => o.stage === m.stage && o.tie === m.tie && o.leg === 1) ?? null);

/** The group table over the matchdays before `matchday` only: a replayed season must not leak later results. */
const tableBefore = (season: Season, group: GroupId, matchday: number): readonly StandingRow[] =>
  computeGroupTable(
    { ...season, matches: season.matches.filter((m) => isGroupStage(season, m.stage) && m.matchday !== null && m.matchday < matchday) },
    group,
  ).rows;

/** The season after `matchday`: later group matches count as not yet played, so no group looks finished early. */
const groupsAfter = (season: Season, matchday: number): Season => ({
  ...season,
  matches: season.matches
    .filter((m) => isGroupStage(season, m.stage) && m.matchday !== null)
    .map((m) => ((m.matchday ?? 0) <= matchday ? m : { ...m, status: 'scheduled' as const, resultNotPublished: false, score: null, penalties: null, decision: null, goals: [] })),
});

export const tableAfter = (season: Season, group: GroupId, matchday: number) => computeGroupTable(groupsAfter(season, matchday), group);

/**
 * Who this matchday settled, in plain sentences: "Zamalek are through with a game to spare"; after
 * the last matchday, "Through to the quarter-finals: A and B."
 */
function fatesSettled(season: Season, index: SeasonIndex, group: GroupId, matchday: number, tr: Translator): string[] {
  const settled = decidedBetween(groupsAfter(season, matchday - 1), groupsAfter(season, matchday)).filter((d) => d.group === group);
  const name = (id: string): string => escapeText(index.teamName(id));
  const finalThrough = settled.filter((d) => d.fate === 'through' && d.toPlay === 0).map((d) => tr.name(name(d.team)));
  const lines = settled
    .filter((d) => !(d.fate === 'through' && d.toPlay === 0))
    // fateText isolates the name itself.
    .map((d) => fateText(name(d.team), d.fate, d.toPlay, tr, season))
    .filter((t): t is string => t !== null)
    .map((t) => `${t}.`);
  const throughAll = `announcements.recap.throughAll${afterGroupsSuffix(season)}`;
  return finalThrough.length > 0 ? [tr.t(throughAll, { teams: listText(finalThrough, tr) }), ...lines] : lines;
}

/** A round whose first day has a match with no recorded time: say so, and give the first time that is recorded. */
function startsWithoutTime(matches: readonly Match[], start: number, tr: Translator): string {
  const day = dayText(new Date(start).toISOString().slice(0, 10), tr);
  const known = matches
    .filter((m) => m.status !== 'postponed' && m.status !== 'cancelled' && m.kickoff !== null)
    .map((m) => Date.parse(m.kickoff!))
    .filter((t) => !Number.isNaN(t))
    .sort((a, b) => a - b)[0];
  return known === undefined
    ? tr.t('announcements.preview.startsNoTimes', { day })
    : tr.t('announcements.preview.startsSomeTimes', { day, time: discordTime(known, 'F') });
}

export function renderPreview(season: Season, round: PlanningRound, tr: Translator = englishTr()): RenderedPost {
  const index = indexSeason(season);
  const matches = [...round.matches].sort(byKickoff);
  const timing = roundTiming(matches);
  const stage = matches[0]?.stage ?? null;
  const opening =
    timing === null
      ? tr.t('announcements.preview.noDate')
      : timing.startTimeKnown
        ? tr.t('announcements.preview.firstKickoff', { full: discordTime(timing.start, 'F'), relative: discordTime(timing.start, 'R') })
        : startsWithoutTime(matches, timing.start, tr);
  // Said once for the round; the lines of those matches show their date only.
  const untimed = timing?.startTimeKnown === true && matches.some((m) => m.kickoff === null && m.date !== null);
  const openingText = untimed ? tr.t('announcements.preview.someUntimed', { opening }) : opening;
  const sections: Section[] = [{ description: openingText, fields: [] }];

  if (stage !== null && isGroupStage(season, stage)) {
    const matchday = matches[0]?.matchday ?? 1;
    for (const group of groupsOf(season, matches)) {
      const inGroup = matches.filter((m) => m.group === group);
      const lines = inGroup.map((m) => previewLine(index, m, null, tr));
      if (group !== null && matchday > 1) {
        const rows = tableBefore(season, group, matchday);
        if (rows.some((r) => r.played > 0)) {
          const table = rows.map((r) => `${tr.number(r.position)}. ${clubName(index, r.team, tr)} ${tr.number(r.points)}`).join(' · ');
          lines.push(tr.t('announcements.preview.table', { rows: table }));
        }
      }
      // "Group A"; the stage's name for a league phase's unnamed group.
      sections.push({ fields: linesToFields(groupTitle(season, group, tr), lines, tr) });
    }
  } else {
    const lines = matches.map((m) => previewLine(index, m, firstLegOf(season, m), tr));
    sections.push({ fields: linesToFields(tr.t('announcements.preview.fixtures'), lines, tr) });
  }

  const head = { title: tr.t('announcements.post.previewTitle', { round: roundTitle(round, tr, season) }), colour: stageColour(stage, season), footer: seasonFooter(season, undefined, tr) };
  return {
    messages: packPost(head, sections, tr),
    summary: `${round.label} preview: ${matches.length} ${matches.length === 1 ? 'match' : 'matches'}`,
  };
}

// ---- Recap ----

/** "USM Alger **2–0** Al Hilal Benghazi", with the off-pitch, extra-time and shoot-out notes. */
export function resultText(index: SeasonIndex, m: Match, tr: Translator = englishTr()): string {
  const home = clubName(index, m.home, tr);
  const away = clubName(index, m.away, tr);
  const outcome = matchOutcome(m);
  const state = (key: string): string => tr.t('announcements.result.state', { home, away, state: tr.t(key) });
  switch (outcome.kind) {
    case 'score': {
      const extras = [
        outcome.offPitch ? tr.t('words.status.awardedTo', { team: clubName(index, m.decision?.winner ?? '', tr) }) : null,
        m.extraTime ? tr.t('words.score.extraTime') : null,
        m.penalties ? tr.t('announcements.result.penalties', { score: tr.name(`${m.penalties.home}–${m.penalties.away}`) }) : null,
      ].filter((x): x is string => x !== null);
      const score = tr.t('announcements.result.score', { home, away, score: tr.name(`${outcome.score.home}–${outcome.score.away}`) });
      return `${score}${extras.length > 0 ? ` (${extras.join(tr.language === 'ar' ? '، ' : ', ')})` : ''}`;
    }
    case 'winner_only':
      return tr.t('announcements.result.winnerOnly', { home, away, team: clubName(index, outcome.winner, tr) });
    case 'unrecorded':
      return state('words.status.resultNotPublished');
    case 'pending':
      return state(
        m.status === 'postponed'
          ? 'words.status.postponed'
          : m.status === 'scheduled' && m.resultNotPublished
            ? 'words.status.resultNotPublished'
            : 'announcements.result.noResultYet',
      );
    case 'cancelled':
      return state('words.status.cancelled');
  }
}

/** The scorers line in the post's language (goals.ts takes the translator as its last argument). */
const goalsIn: (goals: readonly Goal[], unattributed: number, tr: Translator) => string | null = goalsLine;

export function recapLine(index: SeasonIndex, m: Match, tr: Translator): string {
  // A recap that waited RECAP_WAIT_HOURS says which results are still missing; each gets a follow-up.
  const missing = m.status === 'scheduled' && !m.resultNotPublished;
  const result = missing ? tr.t('announcements.result.state', { home: clubName(index, m.home, tr), away: clubName(index, m.away, tr), state: tr.t('announcements.results.notYetKnown') }) : resultText(index, m, tr);
  const lines = [`• ${tiePrefix(index.season, m, tr)}${result}`];
  if (m.status === 'played') {
    for (const team of [m.home, m.away]) {
      const goals = goalsIn(
        m.goals.filter((g) => g.team === team),
        missingGoalsOf(m, team),
        tr,
      );
      if (goals !== null) lines.push(`  ${clubName(index, team, tr)}: ${goals}`);
    }
  }
  return lines.join('\n');
}

/** The short column headings (Latin abbreviations in every language: a code block holds them aligned). */
const tableColumns = (tr: Translator) => ({
  position: codeText(tr.t('announcements.recap.columns.position')),
  team: codeText(tr.t('standings.columns.team')),
  played: codeText(tr.t('standings.columns.played')),
  goalDifference: codeText(tr.t('standings.columns.goalDifference')),
  points: codeText(tr.t('standings.columns.points')),
});

/** The table in a code block; in a right-to-left post each line is kept left to right (LRI…PDI). */
function tableBlock(index: SeasonIndex, season: Season, rows: readonly StandingRow[], tr: Translator): string {
  const name = listNames(season.teams, index.teamName);
  const names = rows.map((r) => codeText(name(r.team)));
  const col = tableColumns(tr);
  const len = (text: string): number => Array.from(text).length;
  // The column fits the longest name: a short name from the data where there is one, never a cut name.
  const width = Math.max(4, len(col.team), ...names.map(len));
  const w = { position: Math.max(3, len(col.position)), played: Math.max(1, len(col.played)), gd: Math.max(3, len(col.goalDifference)), points: Math.max(3, len(col.points)) };
  const lines = [
    `${padEnd(col.position, w.position)} ${padEnd(col.team, width)} ${padStart(col.played, w.played)} ${padStart(col.goalDifference, w.gd)} ${padStart(col.points, w.points)}`,
  ];
  rows.forEach((r, i) => {
    const gd = r.goalDifference > 0 ? `+${r.goalDifference}` : String(r.goalDifference);
    lines.push(
      `${padStart(String(r.position), w.position)} ${padEnd(names[i] ?? '', width)} ${padStart(String(r.played), w.played)} ${padStart(gd, w.gd)} ${padStart(String(r.points), w.points)}`,
    );
  });
  const block = `\`\`\`\n${lines.map((line) => tr.tableLine(line)).join('\n')}\n\`\`\``;
  // Right to left, the Latin headings get their explanation on a line of their own, under the table.
  if (tr.direction !== 'rtl') return block;
  const help = tr.t('announcements.recap.columnsHelp', Object.fromEntries(Object.entries(col).map(([k, v]) => [k, tr.name(v)])));
  return `${block}\n${help}`;
}

export function renderRecap(season: Season, round: PlanningRound, tr: Translator = englishTr()): RenderedPost {
  const index = indexSeason(season);
  const matches = [...round.matches].sort(byKickoff);
  const stage = matches[0]?.stage ?? null;
  const sections: Section[] = [];
  // The summary is for logs and the ledger: English, whatever the post's language.
  let summary = `${round.label} recap: ${matches.length} ${matches.length === 1 ? 'match' : 'matches'}`;

  if (stage !== null && isGroupStage(season, stage)) {
    const matchday = matches[0]?.matchday ?? 1;
    sections.push({ description: tr.t('announcements.recap.matchdayResults', { n: tr.number(matchday) }), fields: [] });
    for (const group of groupsOf(season, matches)) {
      const inGroup = matches.filter((m) => m.group === group);
      // A league phase's unnamed group is never named: its results and its table, no letter.
      const shown = shownGroup(season, group);
      const heading = shown === null ? tr.t('announcements.recap.results') : groupTitle(season, shown, tr);
      const fields = linesToFields(heading, inGroup.map((m) => recapLine(index, m, tr)), tr);
      if (group !== null) {
        const table = tableAfter(season, group, matchday);
        const tableName =
          shown === null
            ? tr.t('announcements.recap.tableAfterUnnamed', { n: tr.number(matchday) })
            : tr.t('announcements.recap.tableAfter', { group: tr.name(shown), n: tr.number(matchday) });
        fields.push({ name: truncate(tableName, LIMITS.fieldName), value: truncate(tableBlock(index, season, table.rows, tr), LIMITS.fieldValue) });
        const fates = fatesSettled(season, index, group, matchday, tr);
        if (fates.length > 0) fields.push({ name: '\u200b', value: truncate(fates.join('\n'), LIMITS.fieldValue) });
        if (table.unrecorded.length > 0) {
          const note = tr.t('announcements.recap.incomplete', { count: table.unrecorded.length });
          fields.push({ name: '\u200b', value: truncate(note, LIMITS.fieldValue) });
        }
      }
      sections.push({ fields });
    }
  } else {
    sections.push({ fields: linesToFields(tr.t('announcements.recap.results'), matches.map((m) => recapLine(index, m, tr)), tr) });
    // The matches that decide a tie: second legs, walkovers, and the one match of a single-leg round.
    const secondLegs = matches.filter((m) => m.leg === 2 || (m.leg === null && (m.status === 'walkover' || isSingleLeg(season, m.stage))));
    // The final is the format's last knockout round, whatever its code.
    const isFinal = stage !== null && isFinalStage(season, stage);
    // A one-match final needs no aggregate section: its result is above, its champion below.
    const oneMatchFinal = isFinal && isSingleLeg(season, stage);
    if (secondLegs.length > 0) {
      const lines: string[] = [];
      let champion: string | null = null;
      const name = (id: string): string => escapeText(index.teamName(id));
      for (const m of secondLegs) {
        const legs = season.matches.filter((o) => o.stage === m.stage && o.tie === m.tie);
        const tie = resolveTie(legs);
        // tieOutcome isolates the names itself.
        const outcome = tieOutcome(tie, name, tieWordsOf(season, tr));
        const undecided = () => tr.t('announcements.recap.notDecided', { home: tr.name(name(tie.teams[0])), away: tr.name(name(tie.teams[1])) });
        lines.push(`• ${outcome ?? undecided()}`);
        if (isFinal && tie.winner !== null) champion = index.teamName(tie.winner);
      }
      const heading = tr.t(isFinal ? 'announcements.recap.finalOnAggregate' : 'announcements.recap.whoGoesThrough');
      if (!oneMatchFinal) sections.push({ fields: linesToFields(heading, lines, tr) });
      if (isFinal) {
        const name = champion ?? (season.champion === null ? null : index.teamName(season.champion));
        const value =
          name === null
            ? tr.t('announcements.recap.championNotPublished')
            : tr.t('announcements.recap.championWins', { team: tr.name(escapeText(name)), season: tr.name(escapeText(season.name)) });
        sections.push({ fields: [{ name: tr.t('announcements.recap.champion'), value: truncate(value, LIMITS.fieldValue) }] });
        if (name !== null) summary += `; champion ${name}`;
      }
    }
  }

  const head = { title: tr.t('announcements.post.resultsTitle', { round: roundTitle(round, tr, season) }), colour: stageColour(stage, season), footer: seasonFooter(season, undefined, tr) };
  return { messages: packPost(head, sections, tr), summary };
}

// ---- Moved notice ----

const slotText = (slot: MatchSlot | null, tr: Translator): string => {
  if (slot === null) return tr.t('announcements.moved.notInSchedule');
  if (slot.state === 'postponed') return `**${tr.t('words.status.postponed')}**`;
  if (slot.state === 'cancelled') return `**${tr.t('words.status.cancelled')}**`;
  return whenText(slot, tr);
};

export function renderMoved(season: Season, round: PlanningRound, moves: readonly MatchMove[], tr: Translator = englishTr()): RenderedPost {
  const index = indexSeason(season);
  const lines = moves.map((move) => {
    const m = index.matchById.get(move.matchId);
    const name = m === undefined ? tr.name(escapeText(move.matchId)) : title(index, m, tr);
    return `• ${tr.t('announcements.moved.line', { match: name, after: slotText(move.after, tr), before: slotText(move.before, tr) })}`;
  });
  const stage = round.matches[0]?.stage ?? null;
  return {
    messages: packPost(
      { title: tr.t('announcements.post.movedTitle', { round: roundTitle(round, tr, season) }), colour: stageColour(stage, season), footer: seasonFooter(season, undefined, tr) },
      [{ description: tr.t('announcements.moved.intro'), fields: linesToFields(tr.t('announcements.moved.changes'), lines, tr) }],
      tr,
    ),
    summary: `${round.label}: ${moves.length} schedule ${moves.length === 1 ? 'change' : 'changes'}`,
  };
}

// ---- Test message ----

export function renderTestMessage(
  settings: { leads: readonly string[]; recap: boolean; roleId: string | null; results?: 'each' | 'round' | 'off'; goals?: boolean },
  tr: Translator = englishTr(),
): RenderedPost {
  const leads = settings.leads.map((l) => tr.t('announcements.testPost.leadBefore', { lead: tr.name(l) })).join(tr.language === 'ar' ? '، ' : ', ');
  const lines = [
    settings.leads.length === 0 ? tr.t('announcements.testPost.previewsNone') : tr.t('announcements.testPost.previews', { leads }),
    settings.results === 'each' ? tr.t('announcements.testPost.resultsEach') : tr.t(settings.recap ? 'announcements.testPost.recapOn' : 'announcements.testPost.recapOff'),
    ...(settings.goals === true ? [tr.t('announcements.testPost.goalsOn')] : []),
    settings.roleId === null ? tr.t('announcements.testPost.roleNone') : tr.t('announcements.testPost.role', { role: `<@&${settings.roleId}>` }),
  ];
  return {
    messages: [[clampEmbed({ title: tr.t('announcements.testPost.title'), description: lines.join('\n'), color: 0x1565c0 })]],
    summary: 'test message',
  };
}

const byKickoff = (a: Match, b: Match): number => {
  const ka = a.kickoff ?? `${a.date ?? '9999-12-31'}T99`;
  const kb = b.kickoff ?? `${b.date ?? '9999-12-31'}T99`;
  return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/** Checks a rendered post against Discord's limits; used by tests and as a guard before sending. */
export function fitsDiscordLimits(post: RenderedPost): boolean {
  return (
    post.messages.length > 0 &&
    post.messages.every(
      (embeds) =>
        embeds.length > 0 &&
        embeds.length <= LIMITS.embeds &&
        embeds.reduce((sum, e) => sum + embedLength(e), 0) <= LIMITS.total &&
        embeds.every(
          (e) =>
            (e.title?.length ?? 0) <= LIMITS.title &&
            (e.description?.length ?? 0) <= LIMITS.description &&
            (e.fields ?? []).length <= LIMITS.fields &&
            (e.fields ?? []).every((f) => f.name.length <= LIMITS.fieldName && f.value.length <= LIMITS.fieldValue && f.value.length > 0),
        ),
    )
  );
}
