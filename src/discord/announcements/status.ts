// `/announcements status`: settings, the ledger and disabled channels, paged with ◀ ▶ like /fixtures
// instead of cut to fit one embed. Every line is whole; the buttons carry only the page number (the
// guild comes from the interaction, so a button can never show another server's ledger).
import type { APIEmbed } from 'discord.js';
import type { OutboxRow } from '../../db/outbox.js';
import type { SeasonCatalog } from '../../domain/catalog.js';
import type { MessagePayload } from '../render/limits.js';
import { clampPage, packSections, pagerRow, type Section } from '../render/paging.js';
import { escapeText } from '../render/text.js';
import { discordTime } from './render.js';
import {
  channelMention,
  describeSettings,
  englishSay,
  messageLink,
  reasonText,
  roundsById,
  rowLabel,
  seasonName,
  SEASON_COLOUR,
  type AnnouncementsService,
  type Say,
} from './service.js';

/** Rows per list; more than this says "the N most recent". */
export const STATUS_LIST_LIMIT = 25;
/** Page text budget, as /fixtures: under the 4096 of a description, so a page stays readable on a phone. */
export const STATUS_PAGE_CHARS = 3_000;

export const STATUS_PAGE_PREFIX = 'announcements:status:';
const STATUS_LABEL_PREFIX = 'announcements:status-page:';

const statusPageId = (page: number, role: 'go' | 'label'): string => `${role === 'go' ? STATUS_PAGE_PREFIX : STATUS_LABEL_PREFIX}${page}`;

/** `announcements:status:<page>` → the page, or null for an id this version cannot read. */
export const parseStatusPageId = (customId: string): number | null => {
  if (!customId.startsWith(STATUS_PAGE_PREFIX)) return null;
  const page = Number(customId.slice(STATUS_PAGE_PREFIX.length));
  return Number.isInteger(page) ? page : null;
};

const sectionOf =
  (say: Say) =>
  (heading: string, items: readonly string[], empty: string, cappedAt?: number): Section => ({
    heading:
      cappedAt !== undefined && items.length >= cappedAt
        ? say.tr.t('announcements.status.mostRecent', { heading: `**${heading}**`, n: say.tr.number(cappedAt) })
        : `**${heading}**`,
    lines: items.length === 0 ? [empty] : items,
  });

// The error detail is what Discord or the sender recorded (data, as written).
const retrying = (r: OutboxRow, say: Say): string =>
  r.attempts > 0 ? say.tr.t('announcements.status.retrying', { error: say.tr.name(r.lastError ?? 'error') }) : '';

/** The status sections, in reading order. */
export async function statusSections(svc: AnnouncementsService, catalog: SeasonCatalog, guildId: string, now: number, say: Say = englishSay()): Promise<Section[]> {
  const { tr } = say;
  const section = sectionOf(say);
  const t = (key: string): string => tr.t(`announcements.status.${key}`);
  const subs = await svc.db.settings.listSubscriptions(guildId);
  const roundsOf = roundsById(catalog);
  // Every subscription names its season; a ledger row names it only when the server follows several.
  const several = new Set(subs.map((s) => s.seasonId)).size > 1;
  const where = (r: OutboxRow): string =>
    several
      ? tr.t('announcements.settings.channelSeason', { channel: channelMention(r.channelId), season: tr.name(escapeText(seasonName(catalog, r.season))) })
      : channelMention(r.channelId);
  const label = (r: OutboxRow): string => rowLabel(r, roundsOf(r.season), tr);
  const [due, sent, problems] = await Promise.all([
    svc.db.outbox.nextDue(guildId, STATUS_LIST_LIMIT, now),
    svc.db.outbox.recentOutcomes(guildId, ['sent'], STATUS_LIST_LIMIT),
    svc.db.outbox.recentOutcomes(guildId, ['failed', 'expired'], STATUS_LIST_LIMIT),
  ]);
  const disabled = subs.filter((s) => !s.enabled);
  const sections = [
    section(
      t('channels'),
      subs.filter((s) => s.enabled).map((s) => describeSettings(s, catalog.get(s.seasonId) ?? null, tr, seasonName(catalog, s.seasonId))),
      t('noneEnabled'),
    ),
    section(
      t('nextPosts'),
      due.map((r) => `${discordTime(r.dueAt, 'f')} · ${where(r)} · ${label(r)}${retrying(r, say)}`),
      t('nothingPending'),
    ),
    section(
      t('sent'),
      sent.map(
        (r) =>
          `${r.sentAt === null ? '' : `${discordTime(r.sentAt, 'f')} · `}${where(r)} · ${label(r)}${r.late ? t('late') : ''}${messageLink(r)}`,
      ),
      t('nothingSent'),
      STATUS_LIST_LIMIT,
    ),
    section(
      t('problems'),
      // The detail is the ledger's record (English data, as stored).
      problems.map(
        (r) => `${t(r.status === 'expired' ? 'expired' : 'failed')}: ${where(r)} · ${label(r)} · ${r.lastError === null ? t('noDetail') : tr.name(r.lastError)}`,
      ),
      t('none'),
      STATUS_LIST_LIMIT,
    ),
  ];
  if (disabled.length > 0) {
    sections.push(
      section(
        t('disabled'),
        disabled.map(
          (s) =>
            `${several ? tr.t('announcements.settings.channelSeason', { channel: channelMention(s.channelId), season: tr.name(escapeText(seasonName(catalog, s.seasonId))) }) : channelMention(s.channelId)}${s.disabledAt === null ? '' : tr.t('announcements.status.since', { time: discordTime(s.disabledAt, 'f') })}: ${reasonText(s.disabledReason, say)}`,
        ),
        t('none'),
      ),
    );
  }
  return sections;
}

/** One page of the status, with ◀ ▶ when there is more than one. */
export async function statusReply(
  svc: AnnouncementsService,
  catalog: SeasonCatalog,
  guildId: string,
  now: number,
  page: number,
  say: Say = englishSay(),
  /** The command word for `channel` as the admin's picker shows it. */
  channelWord = 'channel',
): Promise<MessagePayload> {
  const { tr } = say;
  const allowedMentions = { parse: [] as [] };
  const title = tr.t('announcements.status.title');
  if ((await svc.db.settings.listSubscriptions(guildId)).length === 0) {
    const embed: APIEmbed = { title, description: tr.t('announcements.status.notSetUp', { set: `\`${say.command('set')} ${channelWord}:#…\`` }), color: SEASON_COLOUR };
    return { content: '', embeds: [embed], components: [], allowedMentions };
  }
  const continued = (heading: string): string => tr.t('paging.continued', { heading });
  const pages = packSections(await statusSections(svc, catalog, guildId, now, say), STATUS_PAGE_CHARS, continued);
  const pageCount = Math.max(1, pages.length);
  const current = clampPage(page, pageCount);
  const embed: APIEmbed = { title, description: pages[current - 1] ?? tr.t('announcements.status.nothingToShow'), color: SEASON_COLOUR };
  const label = tr.t('announcements.status.page', { page: tr.number(current), count: tr.number(pageCount) });
  return { content: '', embeds: [embed], components: pageCount > 1 ? [pagerRow(current, pageCount, statusPageId, label)] : [], allowedMentions };
}
