// What /announcements does, apart from Discord: settings, the ledger, a preview, a test post.
// The command file adapts interactions to these functions; the scheduler shares the sender. Replies
// speak the reply's language (`say`); posts and previews speak their channel's language.
import { formatLead, roundForClub, roundTiming, type PlanningRound, type ResultsMode } from '../../domain/announcements.js';
import { seasonAsOf } from '../../domain/as-of.js';
import type { SeasonCatalog } from '../../domain/catalog.js';
import type { Season } from '../../domain/types.js';
import type { SubscriptionRow, SubscriptionChange } from '../../db/guild-settings.js';
import type { OutboxRow } from '../../db/outbox.js';
import type { SeasonDataStore } from '../../db/store/season-data.js';
import type { OperationsStore } from '../../db/store/types.js';
import { planOne, roundsOf, type PlanningDb } from '../../planning/announcements.js';
import { competitionSeasonTitle } from '../render/theme.js';
import { discordTime, renderMoved, renderPreview, renderRecap, renderTestMessage, type RenderedPost } from './render.js';
import type { SendOutcome, SendPost } from './sender.js';
import { escapeText } from '../render/text.js';
import { LANGUAGE_INFO, sharedI18n, type I18n, type Language, type Translator } from '../../i18n/index.js';
import { englishTr } from '../render/words.js';
import { roundTitle } from './render.js';
import { renderMatchPost } from './render-results.js';

/** Everything /announcements needs; built once by the composition root and put on CommandContext. */
export interface AnnouncementsService {
  /** The operations store: settings, the outbox. */
  readonly db: OperationsStore;
  /** When each result and goal was first seen (planning reads it); absent: read through the SQLite database. */
  readonly data?: Pick<SeasonDataStore, 'readKnownFacts'>;
  /** The same sender the scheduler uses (discord.js REST queue, nonce, allowed mentions). */
  readonly send: SendPost;
  readonly lateWindowMs: number;
  /** How long a recap waits for missing results (RECAP_WAIT_HOURS); default 6 h. */
  readonly recapWaitMs?: number;
}

/**
 * What planning runs on: on SQLite the database itself (planning's synchronous path, as always);
 * elsewhere the async stores, with the season data (known facts).
 */
export const planningDbOf = (ops: OperationsStore, data: Pick<SeasonDataStore, 'readKnownFacts'> | undefined): PlanningDb => {
  if (ops.sqlite !== undefined) return ops.sqlite;
  if (data === undefined) throw new Error(`planning on ${ops.engine} needs the season data store`);
  return { settings: ops.settings, outbox: ops.outbox, data };
};

export const SEASON_COLOUR = 0x1565c0;

/**
 * How a reply speaks: its language, and the command words as the admin's picker shows them
 * (`/announcements status`, `/annonces état`). English with English command words by default.
 */
export interface Say {
  readonly tr: Translator;
  /** `/announcements <subcommand>` as the user can type it. */
  command(subcommand: string): string;
  /** The translations, for posts rendered in a channel's own language. */
  readonly i18n?: I18n;
}

export const englishSay = (): Say => ({ tr: englishTr(), command: (sub) => `/announcements ${sub}` });

/** The translator of a channel's posts (its language, else the server's, else English). */
const postTranslator = async (svc: AnnouncementsService, say: Say, sub: Pick<SubscriptionRow, 'guildId' | 'language'>): Promise<Translator> =>
  (say.i18n ?? sharedI18n()).translator(await svc.db.settings.postLanguage(sub));

export const channelMention = (id: string): string => `<#${id}>`;
const roleMention = (id: string | null, tr: Translator): string => (id === null ? tr.t('announcements.settings.noRole') : `<@&${id}>`);
const leadsText = (leads: readonly number[], tr: Translator): string =>
  leads.length === 0 ? tr.t('announcements.settings.noPreviews') : tr.name(leads.map(formatLead).join(', '));

/** The club a channel follows, by name (the id when the season does not know it). */
const followsText = (teamId: string | null, season: Season | null, tr: Translator): string => {
  if (teamId === null) return '';
  const name = season?.teams.find((t) => t.id === teamId)?.name ?? teamId;
  return tr.t('announcements.settings.follows', { team: tr.name(escapeText(name)) });
};

/**
 * "CAF Champions League 2023–24": a season as replies name it, from the catalog; the id itself when the
 * season is no longer loaded (a channel may still follow it).
 */
export const seasonName = (catalog: Pick<SeasonCatalog, 'list'>, seasonId: string): string => {
  const entry = catalog.list().find((e) => e.id === seasonId);
  return entry === undefined ? seasonId : competitionSeasonTitle(entry.competition, entry.label);
};

/** A season's rounds by key, as the ledger's labels name them (empty when the season is not loaded). */
const roundsById = (catalog: Pick<SeasonCatalog, 'get'>) => {
  const cache = new Map<string, ReadonlyMap<string, PlanningRound>>();
  return (seasonId: string): ReadonlyMap<string, PlanningRound> => {
    let rounds = cache.get(seasonId);
    if (rounds === undefined) {
      const season = catalog.get(seasonId);
      rounds = new Map(season === undefined ? [] : roundsOf(season).map((r) => [r.key, r]));
      cache.set(seasonId, rounds);
    }
    return rounds;
  };
};
export { roundsById };

/** The channel's own language, when it has one (a channel following the server says nothing). */
const languageText = (language: Language | null | undefined, tr: Translator): string =>
  language === null || language === undefined ? '' : tr.t('announcements.settings.language', { language: LANGUAGE_INFO[language].nativeName });

export const describeSettings = (
  s: Pick<SubscriptionRow, 'channelId' | 'leadsMs' | 'recap' | 'roleId'> & {
    readonly teamId?: string | null;
    readonly language?: Language | null;
    readonly results?: ResultsMode;
    readonly goals?: boolean;
  },
  season: Season | null = null,
  tr: Translator = englishTr(),
  /** The season's name, shown after the channel when the server may follow several. */
  seasonTitle: string | null = null,
): string =>
  tr.t('announcements.settings.line', {
    channel: seasonTitle === null ? channelMention(s.channelId) : tr.t('announcements.settings.channelSeason', { channel: channelMention(s.channelId), season: tr.name(escapeText(seasonTitle)) }),
    leads: leadsText(s.leadsMs, tr),
    recap: tr.t(s.recap ? 'announcements.settings.on' : 'announcements.settings.off'),
    role: roleMention(s.roleId, tr),
  }) +
  (s.results === 'each' ? tr.t('announcements.settings.each') : '') +
  (s.goals === true ? tr.t('announcements.settings.goals') : '') +
  followsText(s.teamId ?? null, season, tr) +
  languageText(s.language, tr);

export const rowLabel = (row: OutboxRow, rounds: ReadonlyMap<string, PlanningRound>, tr: Translator = englishTr()): string => {
  const round = rounds.get(row.roundKey);
  const label = round === undefined ? tr.name(row.roundKey) : roundTitle(round, tr);
  return tr.t(`announcements.row.${row.kind}`, { round: label, slot: tr.name(row.slot) });
};

export const messageLink = (row: OutboxRow): string =>
  row.messageId === null ? '' : ` — https://discord.com/channels/${row.guildId}/${row.channelId}/${row.messageId}`;

const REASONS = new Set(['turned_off', 'channel_deleted', 'guild_gone']);

export const reasonText = (reason: string | null, say: Say = englishSay()): string => {
  const { tr } = say;
  if (reason === null) return tr.t('announcements.reason.unknown');
  if (reason.startsWith('missing_permissions')) {
    // The detail names Discord permissions as the bot recorded them (data, English).
    const detail = reason.slice('missing_permissions: '.length);
    return tr.t('announcements.reason.missingPermissions', {
      detail: detail === '' ? tr.t('announcements.reason.missingPermissionsUnknown') : tr.name(detail),
      set: say.command('set'),
    });
  }
  if (reason.startsWith('unsupported_channel')) return tr.t('announcements.reason.unsupportedChannel');
  return REASONS.has(reason) ? tr.t(`announcements.reason.${reason}`, { off: say.command('off') }) : tr.name(reason);
};

// ---- set / off ----

export interface SetResult {
  readonly subscription: SubscriptionRow;
  readonly planned: number;
  readonly next: OutboxRow | null;
  readonly message: string;
}

/**
 * `/announcements set` for one (channel, season): `settings.seasonId` must be a season the catalog holds
 * (the command checks). The channel's other seasons are left as they are.
 */
export async function setAnnouncements(
  svc: AnnouncementsService,
  catalog: SeasonCatalog,
  settings: SubscriptionChange & { readonly seasonId: string },
  now: number,
  say: Say = englishSay(),
): Promise<SetResult> {
  const { tr } = say;
  const season = catalog.get(settings.seasonId);
  if (season === undefined) throw new Error(`season ${settings.seasonId} is not loaded`);
  const subscription = await svc.db.settings.setSubscription(settings, now);
  const result = await planOne(planningDbOf(svc.db, svc.data), catalog, subscription, now, svc.lateWindowMs, svc.recapWaitMs);
  const next =
    (await svc.db.outbox.nextDue(settings.guildId, 50, now)).find((r) => r.channelId === settings.channelId && r.season === settings.seasonId) ?? null;
  const rounds = roundsById(catalog)(settings.seasonId);
  const lines = [tr.t('announcements.set.on', { settings: describeSettings(subscription, season, tr, seasonName(catalog, settings.seasonId)) })];
  lines.push(
    next === null
      ? tr.t('announcements.set.nothingLeft')
      : tr.t('announcements.set.next', { row: rowLabel(next, rounds, tr), relative: discordTime(next.dueAt, 'R'), full: discordTime(next.dueAt, 'f') }),
  );
  lines.push(tr.t('announcements.set.planned', { count: result.inserted + result.reopened + result.moved, status: say.command('status') }));
  return { subscription, planned: result.inserted + result.reopened, next, message: lines.join('\n') };
}

/**
 * `/announcements off [channel] [competition]`: one channel or all, one season or all. Names what was
 * turned off as "#channel (season)" when the server follows more than one season.
 */
export async function turnOffAnnouncements(
  svc: AnnouncementsService,
  catalog: Pick<SeasonCatalog, 'list'>,
  guildId: string,
  channelId: string | null,
  seasonId: string | null,
  now: number,
  say: Say = englishSay(),
): Promise<string> {
  const { tr } = say;
  const all = await svc.db.settings.listSubscriptions(guildId);
  const severalSeasons = new Set(all.map((s) => s.seasonId)).size > 1 || seasonId !== null;
  const label = (channel: string, season: string): string =>
    severalSeasons
      ? tr.t('announcements.settings.channelSeason', { channel: channelMention(channel), season: tr.name(escapeText(seasonName(catalog, season))) })
      : channelMention(channel);
  const known = channelId === null ? [] : (await svc.db.settings.channelSubscriptions(guildId, channelId)).filter((s) => s.enabled && (seasonId === null || s.seasonId === seasonId));
  if (channelId !== null && known.length === 0) {
    return tr.t('announcements.off.notOn', { channel: seasonId === null ? channelMention(channelId) : label(channelId, seasonId) });
  }
  const off = await svc.db.settings.turnOff(guildId, channelId, now, seasonId);
  if (off.length === 0) return tr.t('announcements.off.noneOn');
  return tr.t('announcements.off.done', { channels: off.map((s) => label(s.channelId, s.seasonId)).join(', '), status: say.command('status') });
}

// ---- preview ----

/**
 * The next announcement this server will get, rendered now. Falls back to the next round's preview
 * when nothing is pending (no channel set up yet, or the season is over).
 */
export async function previewNext(
  svc: AnnouncementsService,
  catalog: SeasonCatalog,
  guildId: string,
  now: number,
  say: Say = englishSay(),
  /** The season previewed when nothing is pending: the server's default. */
  fallbackSeasonId: string | null = null,
): Promise<{ post: RenderedPost | null; note: string }> {
  const { tr } = say;
  const roundsOfSeason = roundsById(catalog);
  // Posts show a season as known at the bot's clock.
  const viewOf = (seasonId: string): Season | undefined => {
    const full = catalog.get(seasonId);
    return full === undefined ? undefined : seasonAsOf(full, new Date(now));
  };
  const next = (await svc.db.outbox.nextDue(guildId, 1, now))[0];
  const nextSeason = next === undefined ? undefined : viewOf(next.season);
  if (next !== undefined && nextSeason !== undefined) {
    const season = nextSeason;
    const rounds = roundsOfSeason(next.season);
    const whole = rounds.get(next.roundKey);
    const round = whole === undefined ? undefined : roundForClub(whole, next.club ?? null);
    if (round !== undefined && round.matches.length > 0) {
      // The post as its channel will read it: in the channel's language.
      const sub = await svc.db.settings.getSubscription(guildId, next.channelId, next.season);
      const postTr = sub === null ? tr : await postTranslator(svc, say, sub);
      const post =
        next.kind === 'preview'
          ? renderPreview(season, round, postTr)
          : next.kind === 'recap'
            ? renderRecap(season, round, postTr)
            : next.kind === 'moved'
              ? renderMoved(season, round, next.moves ?? [], postTr)
              : renderMatchPost({ full: catalog.get(next.season) ?? season, view: season }, next, round, postTr);
      return {
        post,
        note: tr.t('announcements.previewReply.nextPost', { row: rowLabel(next, rounds, tr), channel: channelMention(next.channelId), due: discordTime(next.dueAt, 'f') }),
      };
    }
  }
  const fallback = fallbackSeasonId ?? catalog.list()[0]?.id ?? null;
  const season = fallback === null ? undefined : viewOf(fallback);
  const upcoming =
    fallback === null
      ? undefined
      : [...roundsOfSeason(fallback).values()].find((r) => {
          const timing = roundTiming(r.matches);
          return timing !== null && timing.start > now;
        });
  if (season === undefined || upcoming === undefined) return { post: null, note: tr.t('announcements.previewReply.nothingToCome') };
  return { post: renderPreview(season, upcoming, tr), note: tr.t('announcements.previewReply.nextRound', { round: roundTitle(upcoming, tr) }) };
}

// ---- test ----

export async function sendTestMessage(
  svc: AnnouncementsService,
  guildId: string,
  channelId: string,
  nonce: string,
  say: Say = englishSay(),
): Promise<{ outcome: SendOutcome; message: string }> {
  // A channel following several seasons: the settings of the first it was set up for.
  const subs = await svc.db.settings.channelSubscriptions(guildId, channelId);
  const sub = subs.find((s) => s.enabled) ?? subs[0] ?? null;
  // The test post reads as the channel's posts will: in its language.
  const postTr = await postTranslator(svc, say, { guildId, language: sub?.language ?? null });
  const post = renderTestMessage({ leads: (sub?.leadsMs ?? []).map(formatLead), recap: sub?.recap ?? false, roleId: sub?.roleId ?? null, results: sub?.results ?? 'off', goals: sub?.goals ?? false }, postTr);
  const outcome = await svc.send({ guildId, channelId, nonce, messages: post.messages, content: null, roleId: null, sentMessageIds: [] });
  return { outcome, message: testOutcomeText(outcome, channelId, say.tr) };
}

export function testOutcomeText(outcome: SendOutcome, channelId: string, tr: Translator = englishTr()): string {
  const channel = channelMention(channelId);
  switch (outcome.kind) {
    case 'sent':
      return tr.t('announcements.testReply.sent', { channel });
    case 'forbidden': {
      const missing =
        outcome.missing.length > 0
          ? tr.t('announcements.testReply.missing', { list: tr.name(outcome.missing.join(', ')) })
          : tr.t('announcements.testReply.missingUnknown');
      return tr.t('announcements.testReply.forbidden', { channel, missing });
    }
    case 'gone':
      return tr.t('announcements.testReply.gone', { channel });
    case 'unsupported':
      return tr.t('announcements.testReply.unsupported', { channel });
    case 'retry':
      return tr.t('announcements.testReply.retry', { code: tr.name(String(outcome.code ?? 'error')) });
    case 'unauthorized':
    case 'failed':
      // Discord's own error text stays as Discord wrote it.
      return tr.t('announcements.testReply.failed', { error: tr.name(outcome.error) });
  }
}
