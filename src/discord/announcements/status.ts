// `/announcements status`: settings, the ledger and disabled channels, paged with ◀ ▶ like /fixtures
// instead of cut to fit one embed. Every line is whole; the buttons carry only the page number (the
// guild comes from the interaction, so a button can never show another server's ledger).
import type { APIEmbed } from 'discord.js';
import { listSubscriptions } from '../../db/guild-settings.js';
import { nextDue, recentOutcomes, type OutboxRow } from '../../db/outbox.js';
import type { Season } from '../../domain/types.js';
import { roundsOf } from '../../planning/announcements.js';
import type { MessagePayload } from '../render/limits.js';
import { clampPage, packSections, pagerRow, type Section } from '../render/paging.js';
import { discordTime } from './render.js';
import {
  channelMention,
  describeSettings,
  messageLink,
  reasonText,
  rowLabel,
  SEASON_COLOUR,
  type AnnouncementsService,
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

const section = (heading: string, items: readonly string[], empty: string, cappedAt?: number): Section => ({
  heading: `**${heading}**${cappedAt !== undefined && items.length >= cappedAt ? ` (the ${cappedAt} most recent)` : ''}`,
  lines: items.length === 0 ? [empty] : items,
});

const retrying = (r: OutboxRow): string => (r.attempts > 0 ? ` · retrying (${r.lastError ?? 'error'})` : '');

/** The status sections, in reading order. */
export function statusSections(svc: AnnouncementsService, season: Season, guildId: string, now: number): Section[] {
  const subs = listSubscriptions(svc.db, guildId);
  const rounds = new Map(roundsOf(season).map((r) => [r.key, r]));
  const due = nextDue(svc.db, guildId, STATUS_LIST_LIMIT, now);
  const sent = recentOutcomes(svc.db, guildId, ['sent'], STATUS_LIST_LIMIT);
  const problems = recentOutcomes(svc.db, guildId, ['failed', 'expired'], STATUS_LIST_LIMIT);
  const disabled = subs.filter((s) => !s.enabled);
  const sections = [
    section('Channels', subs.filter((s) => s.enabled).map((s) => describeSettings(s, season)), 'None enabled.'),
    section(
      'Next posts',
      due.map((r) => `${discordTime(r.dueAt, 'f')} · ${channelMention(r.channelId)} · ${rowLabel(r, rounds)}${retrying(r)}`),
      'Nothing pending.',
    ),
    section(
      'Sent',
      sent.map(
        (r) =>
          `${r.sentAt === null ? '' : `${discordTime(r.sentAt, 'f')} · `}${channelMention(r.channelId)} · ${rowLabel(r, rounds)}${r.late ? ' · **late**' : ''}${messageLink(r)}`,
      ),
      'Nothing sent yet.',
      STATUS_LIST_LIMIT,
    ),
    section(
      'Failed or expired',
      problems.map((r) => `${r.status === 'expired' ? 'Expired' : 'Failed'}: ${channelMention(r.channelId)} · ${rowLabel(r, rounds)} · ${r.lastError ?? 'no detail'}`),
      'None.',
      STATUS_LIST_LIMIT,
    ),
  ];
  if (disabled.length > 0) {
    sections.push(
      section(
        'Disabled channels',
        disabled.map((s) => `${channelMention(s.channelId)}${s.disabledAt === null ? '' : ` since ${discordTime(s.disabledAt, 'f')}`}: ${reasonText(s.disabledReason)}`),
        'None.',
      ),
    );
  }
  return sections;
}

/** One page of the status, with ◀ ▶ when there is more than one. */
export function statusReply(svc: AnnouncementsService, season: Season, guildId: string, now: number, page: number): MessagePayload {
  const allowedMentions = { parse: [] as [] };
  if (listSubscriptions(svc.db, guildId).length === 0) {
    const embed: APIEmbed = { title: 'Matchday announcements', description: 'Not set up in this server. Start with `/announcements set channel:#…`.', color: SEASON_COLOUR };
    return { content: '', embeds: [embed], components: [], allowedMentions };
  }
  const pages = packSections(statusSections(svc, season, guildId, now), STATUS_PAGE_CHARS);
  const pageCount = Math.max(1, pages.length);
  const current = clampPage(page, pageCount);
  const embed: APIEmbed = { title: 'Matchday announcements', description: pages[current - 1] ?? 'Nothing to show.', color: SEASON_COLOUR };
  return { content: '', embeds: [embed], components: pageCount > 1 ? [pagerRow(current, pageCount, statusPageId)] : [], allowedMentions };
}
