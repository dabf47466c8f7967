// What /edit shows its editor, privately: the preview with Confirm and Cancel, the saved and
// cancelled answers, and the journal. Editors' text (English); data text escaped; never a ping.
import { ButtonStyle, ComponentType, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { Season } from '../../domain/types.js';
import type { ChangeKind, ChangePreview, EditLog, JournalEntry, OverrideConflict } from '../../editing/types.js';
import { changeLines, discordTime, fieldValueText, teamNames } from './edit-values.js';
import { fitMessage, LIMITS, type ActionRow, type MessagePayload } from './limits.js';
import { checkId, clampPage, pagerRow } from './paging.js';
import { escapeText, truncate } from './text.js';

const EDIT_COLOUR = 0x6a1b9a;
const SAVED_COLOUR = 0x2e7d32;
const NEUTRAL_COLOUR = 0x757575;

/** What a confirmed change does for fans, in one line per kind. */
const FAN_EFFECT: Readonly<Record<ChangeKind, string>> = {
  result:
    'Every server sees the score at once: /fixtures, /match, /standings, /bracket. Channels that post results get the full-time post and the round recap.',
  goal: 'Every server sees the goal at once in /match and /scorers. Channels with goal alerts get one if the match is under way.',
  kickoff: 'Every server sees the new kickoff in /fixtures, /next and /match; matchday previews move with it.',
  status: 'Every server sees the new status at once (/fixtures, /match); previews of a postponed or cancelled match are not posted.',
  fixture: 'The match appears in /fixtures, /next and /schedule at once, and matchday previews are planned for it.',
  season_new: 'The new season is served at once (the competition option of every command); fill it with /edit fixture.',
};

const KIND_TITLE: Readonly<Record<string, string>> = {
  result: 'Result',
  goal: 'Goal',
  kickoff: 'Kickoff',
  status: 'Status',
  fixture: 'New match',
  season_new: 'New season',
  undo: 'Undo',
};

/** ISO instants in the service's lines, as `<t:…:f>`: each editor reads them in their own time zone. */
const withDiscordTimes = (line: string): string => line.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g, (iso) => discordTime(iso));

export const PREVIEW_ID = { confirm: 'edit:confirm', cancel: 'edit:cancel' } as const;

const buttonsFor = (token: string): ActionRow => ({
  type: ComponentType.ActionRow,
  components: [
    { type: ComponentType.Button, style: ButtonStyle.Success, label: 'Confirm', custom_id: checkId(`${PREVIEW_ID.confirm}:${token}`) },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Cancel', custom_id: checkId(`${PREVIEW_ID.cancel}:${token}`) },
  ],
});

export interface PreviewView {
  readonly kind: ChangeKind;
  readonly preview: ChangePreview;
  readonly source: string;
  readonly season: Season | undefined;
  readonly token: string;
  /** How long the buttons work (real time, whatever the bot's clock). */
  readonly ttlMs: number;
}

/** The preview: before → after, the source, what fans will see, and Confirm / Cancel. */
export const previewPayload = (view: PreviewView): MessagePayload => {
  const names = teamNames(view.season);
  const lines =
    view.preview.lines.length > 0 ? view.preview.lines.map((line) => withDiscordTimes(escapeText(line))) : changeLines(view.preview.before, view.preview.after, names);
  const embed: APIEmbed = {
    title: `Preview · ${KIND_TITLE[view.kind] ?? view.kind} · ${view.preview.subject}`,
    color: EDIT_COLOUR,
    description: [...lines.map((line) => `• ${line}`), '', `Nothing is saved until you press Confirm, within ${Math.round(view.ttlMs / 60_000)} minutes.`].join('\n'),
    fields: [
      { name: 'Source', value: escapeText(view.source) },
      { name: 'What fans will see', value: FAN_EFFECT[view.kind] },
    ],
  };
  return fitMessage({ embeds: [embed], components: [buttonsFor(view.token)] });
};

/** Confirm pressed and saved. */
export const savedPayload = (entry: JournalEntry, subject: string): MessagePayload =>
  fitMessage({
    embeds: [
      {
        title: `Saved as change #${entry.id}`,
        color: SAVED_COLOUR,
        description: `${escapeText(subject)}\nEvery server sees it now. Undo it with \`/edit undo change:${entry.id}\`.`,
      },
    ],
    components: [],
  });

export const cancelledPayload = (subject: string): MessagePayload =>
  fitMessage({ embeds: [{ title: 'Cancelled', color: NEUTRAL_COLOUR, description: `${escapeText(subject)}\nNothing was saved.` }], components: [] });

/** An undo saved: the reverted entry and the new journal row. */
export const undonePayload = (entry: JournalEntry, undone: JournalEntry, season: Season | undefined): MessagePayload =>
  fitMessage({
    embeds: [
      {
        title: `Change #${undone.id} undone: saved as change #${entry.id}`,
        color: SAVED_COLOUR,
        description: changeLines(entry.before, entry.after, teamNames(season))
          .map((line) => `• ${line}`)
          .join('\n'),
      },
    ],
    components: [],
  });

/** Five entries a page keeps every page under Discord's 6,000 characters with the conflicts field. */
export const LOG_PAGE_SIZE = 5;

export interface LogView {
  readonly log: EditLog;
  readonly season: Season | undefined;
  readonly seasonTitle: string;
  /** The match the log is narrowed to, as the editor reads it; null for the whole season. */
  readonly matchTitle: string | null;
  readonly page: number;
  /** custom_id of the pager button for a page. */
  readonly pageId: (page: number, role: 'go' | 'label') => string;
}

const matchTitle = (season: Season | undefined, matchId: string | null): string => {
  if (matchId === null) return 'season';
  const match = season?.matches.find((m) => m.id === matchId);
  if (match === undefined) return escapeText(matchId);
  const names = teamNames(season);
  return `${escapeText(names(match.home))} v ${escapeText(names(match.away))} (${escapeText(match.id)})`;
};

const entryField = (entry: JournalEntry, season: Season | undefined): APIEmbedField => {
  const names = teamNames(season);
  const what = entry.action === 'undo' ? `undoes #${entry.undoes ?? '?'}` : (KIND_TITLE[entry.action] ?? entry.action);
  const marks = entry.undoneBy !== null ? ` · undone by #${entry.undoneBy}` : '';
  const lines = [
    `${discordTime(entry.at.toISOString())} by ${escapeText(entry.editor.name)} (<@${entry.editor.id}>)`,
    ...changeLines(entry.before, entry.after, names).map((line) => `• ${line}`),
    `Source: ${escapeText(entry.source)}`,
    ...(entry.reason === null ? [] : [`Reason: ${escapeText(entry.reason)}`]),
  ];
  return {
    name: truncate(`#${entry.id} · ${what} · ${matchTitle(season, entry.matchId)}${marks}`, LIMITS.fieldName),
    value: truncate(lines.join('\n'), 1000),
  };
};

const conflictLine = (conflict: OverrideConflict, season: Season | undefined): string => {
  const names = teamNames(season);
  return `${matchTitle(season, conflict.match)} ${conflict.field}: the source says ${fieldValueText(conflict.field, conflict.sourceValue, names)}, the edit keeps ${fieldValueText(conflict.field, conflict.overrideValue, names)} (change #${escapeText(conflict.journal)})`;
};

/** One page of the journal, newest first, with the current conflicts on every page. */
export const logPayload = (view: LogView): MessagePayload => {
  const { entries, conflicts } = view.log;
  const pageCount = Math.max(1, Math.ceil(entries.length / LOG_PAGE_SIZE));
  const page = clampPage(view.page, pageCount);
  const shown = entries.slice((page - 1) * LOG_PAGE_SIZE, page * LOG_PAGE_SIZE);
  const scope = view.matchTitle === null ? view.seasonTitle : `${view.matchTitle} · ${view.seasonTitle}`;
  const fields: APIEmbedField[] = shown.map((entry) => entryField(entry, view.season));
  if (conflicts.length > 0) {
    fields.push({
      name: `Conflicts: ${conflicts.length} (the editor's value is kept)`,
      value: truncate(conflicts.map((c) => `• ${conflictLine(c, view.season)}`).join('\n'), 1000),
    });
  }
  const embed: APIEmbed = {
    title: truncate(`Edit log · ${scope}`, LIMITS.title),
    color: EDIT_COLOUR,
    description: entries.length === 0 ? 'No changes yet.' : `${entries.length} change${entries.length === 1 ? '' : 's'}, newest first.`,
    fields,
  };
  // <@id> in the log names the editor without pinging anyone (allowedMentions: none).
  return fitMessage({ embeds: [embed], components: pageCount > 1 ? [pagerRow(page, pageCount, view.pageId)] : [] });
};
