// What /announcements does, apart from Discord: settings, the ledger, a preview, a test post.
// The command file adapts interactions to these functions; the scheduler shares the sender.
import { formatLead, roundForClub, roundTiming, type PlanningRound } from '../../domain/announcements.js';
import type { Season } from '../../domain/types.js';
import {
  getSubscription,
  setSubscription,
  turnOff,
  type SubscriptionRow,
  type SubscriptionChange,
} from '../../db/guild-settings.js';
import { nextDue, type OutboxRow, type SyncDb } from '../../db/outbox.js';
import { planOne, roundsOf } from '../../planning/announcements.js';
import { discordTime, renderMoved, renderPreview, renderRecap, renderTestMessage, type RenderedPost } from './render.js';
import type { SendOutcome, SendPost } from './sender.js';
import { escapeText } from '../render/text.js';

/** Everything /announcements needs; built once by the composition root and put on CommandContext. */
export interface AnnouncementsService {
  readonly db: SyncDb;
  /** The same sender the scheduler uses (discord.js REST queue, nonce, allowed mentions). */
  readonly send: SendPost;
  readonly lateWindowMs: number;
}

export const SEASON_COLOUR = 0x1565c0;

export const channelMention = (id: string): string => `<#${id}>`;
const roleMention = (id: string | null): string => (id === null ? 'no role' : `<@&${id}>`);
const leadsText = (leads: readonly number[]): string => (leads.length === 0 ? 'no previews' : leads.map(formatLead).join(', '));

/** The club a channel follows, by name (the id when the season does not know it). */
const followsText = (teamId: string | null, season: Season | null): string => {
  if (teamId === null) return '';
  const name = season?.teams.find((t) => t.id === teamId)?.name ?? teamId;
  return ` · only **${escapeText(name)}**'s matches`;
};

export const describeSettings = (
  s: Pick<SubscriptionRow, 'channelId' | 'leadsMs' | 'recap' | 'roleId'> & { readonly teamId?: string | null },
  season: Season | null = null,
): string =>
  `${channelMention(s.channelId)}: previews ${leadsText(s.leadsMs)} before each round · recap ${s.recap ? 'on' : 'off'} · mentions ${roleMention(s.roleId)}${followsText(s.teamId ?? null, season)}`;

const KIND_LABEL: Readonly<Record<OutboxRow['kind'], string>> = { preview: 'preview', recap: 'recap', moved: 'schedule change' };

export const rowLabel = (row: OutboxRow, rounds: ReadonlyMap<string, PlanningRound>): string => {
  const label = rounds.get(row.roundKey)?.label ?? row.roundKey;
  return `${label} ${KIND_LABEL[row.kind]}${row.kind === 'preview' ? ` (${row.slot} before)` : ''}`;
};

export const messageLink = (row: OutboxRow): string =>
  row.messageId === null ? '' : ` — https://discord.com/channels/${row.guildId}/${row.channelId}/${row.messageId}`;

const REASON_TEXT: Readonly<Record<string, string>> = {
  turned_off: 'turned off with /announcements off',
  channel_deleted: 'the channel was deleted (Discord: Unknown Channel)',
  guild_gone: 'the bot is no longer in this server',
};

export const reasonText = (reason: string | null): string => {
  if (reason === null) return 'unknown reason';
  if (reason.startsWith('missing_permissions')) return `Discord refused 3 posts in a row: ${reason.slice('missing_permissions: '.length) || 'missing permissions'}. Fix the channel permissions, then run /announcements set again.`;
  if (reason.startsWith('unsupported_channel')) return 'Discord does not accept these posts in this channel type. Pick a text or announcement channel.';
  return REASON_TEXT[reason] ?? reason;
};

// ---- set / off ----

export interface SetResult {
  readonly subscription: SubscriptionRow;
  readonly planned: number;
  readonly next: OutboxRow | null;
  readonly message: string;
}

export function setAnnouncements(svc: AnnouncementsService, season: Season, settings: SubscriptionChange, now: number): SetResult {
  const subscription = setSubscription(svc.db, settings, now);
  const result = planOne(svc.db, season, subscription, now, svc.lateWindowMs);
  const next = nextDue(svc.db, settings.guildId, 50, now).find((r) => r.channelId === settings.channelId) ?? null;
  const rounds = new Map(roundsOf(season).map((r) => [r.key, r]));
  const lines = [`Announcements are on in ${describeSettings(subscription, season)}.`];
  lines.push(
    next === null
      ? 'Nothing is left to announce in this season from now on.'
      : `Next: ${rowLabel(next, rounds)} ${discordTime(next.dueAt, 'R')} (${discordTime(next.dueAt, 'f')}).`,
  );
  lines.push(`${result.inserted + result.reopened + result.moved} post(s) planned. See them with /announcements status.`);
  return { subscription, planned: result.inserted + result.reopened, next, message: lines.join('\n') };
}

export function turnOffAnnouncements(svc: AnnouncementsService, guildId: string, channelId: string | null, now: number): string {
  const known = channelId === null ? null : getSubscription(svc.db, guildId, channelId);
  if (channelId !== null && (known === null || !known.enabled)) return `Announcements are not on in ${channelMention(channelId)}.`;
  const off = turnOff(svc.db, guildId, channelId, now);
  if (off.length === 0) return 'Announcements are not on in any channel of this server.';
  return `Announcements turned off in ${off.map(channelMention).join(', ')}. Pending posts were cancelled; sent ones stay in /announcements status.`;
}

// ---- preview ----

/**
 * The next announcement this server will get, rendered now. Falls back to the next round's preview
 * when nothing is pending (no channel set up yet, or the season is over).
 */
export function previewNext(svc: AnnouncementsService, season: Season, guildId: string, now: number): { post: RenderedPost | null; note: string } {
  const rounds = new Map(roundsOf(season).map((r) => [r.key, r]));
  const next = nextDue(svc.db, guildId, 1, now)[0];
  if (next !== undefined) {
    const whole = rounds.get(next.roundKey);
    const round = whole === undefined ? undefined : roundForClub(whole, next.club ?? null);
    if (round !== undefined && round.matches.length > 0) {
      const post =
        next.kind === 'preview' ? renderPreview(season, round) : next.kind === 'recap' ? renderRecap(season, round) : renderMoved(season, round, next.moves ?? []);
      return { post, note: `Next post: ${rowLabel(next, rounds)} in ${channelMention(next.channelId)}, due ${discordTime(next.dueAt, 'f')}.` };
    }
  }
  const upcoming = [...rounds.values()].find((r) => {
    const timing = roundTiming(r.matches);
    return timing !== null && timing.start > now;
  });
  if (upcoming === undefined) return { post: null, note: 'No round of this season is still to come, so there is nothing to preview.' };
  return { post: renderPreview(season, upcoming), note: `No post is pending here; this is the preview of the next round, ${upcoming.label}.` };
}

// ---- test ----

export async function sendTestMessage(svc: AnnouncementsService, guildId: string, channelId: string, nonce: string): Promise<{ outcome: SendOutcome; message: string }> {
  const sub = getSubscription(svc.db, guildId, channelId);
  const post = renderTestMessage({ leads: (sub?.leadsMs ?? []).map(formatLead), recap: sub?.recap ?? false, roleId: sub?.roleId ?? null });
  const outcome = await svc.send({ guildId, channelId, nonce, messages: post.messages, content: null, roleId: null, sentMessageIds: [] });
  return { outcome, message: testOutcomeText(outcome, channelId) };
}

export function testOutcomeText(outcome: SendOutcome, channelId: string): string {
  switch (outcome.kind) {
    case 'sent':
      return `Test message posted in ${channelMention(channelId)}: the bot can announce there.`;
    case 'forbidden':
      return `Discord refused the test message in ${channelMention(channelId)}: ${outcome.missing.length > 0 ? `missing ${outcome.missing.join(', ')}` : 'missing permissions'}. The bot needs View Channel, Send Messages and Embed Links there.`;
    case 'gone':
      return `${channelMention(channelId)} no longer exists.`;
    case 'unsupported':
      return `Discord does not accept messages from the bot in ${channelMention(channelId)}. Pick a text or announcement channel.`;
    case 'retry':
      return `Discord did not answer in time (${outcome.code ?? 'error'}). Try again in a minute.`;
    case 'unauthorized':
    case 'failed':
      return `The test message failed: ${outcome.error}.`;
  }
}
