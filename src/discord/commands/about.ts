import { SlashCommandBuilder } from 'discord.js';
import { commandMention, localized } from '../../i18n/commands.js';
import { computeStats } from '../../domain/stats.js';
import { renderAbout, type AboutView } from '../render/about.js';
import { keptReply, type ReplyInput } from './kept-reply.js';
import { shardView } from '../shard-info.js';
import { replyTranslator } from './language.js';
import { teamAutocomplete } from './options.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';

/**
 * Kept per season view, language, notice and everything else the reply shows (kept-reply.ts): the data
 * version, this build, and the uptime as shown (whole minutes).
 */
const aboutReply = keptReply(
  ({ view }: ReplyInput & { readonly view: AboutView }) =>
    [
      view.dataVersion === null ? '' : `${view.dataVersion.hash}@${view.dataVersion.importedAt.getTime()}`,
      view.version,
      view.startedAt.getTime(),
      Math.floor((view.wallNow.getTime() - view.startedAt.getTime()) / 60_000),
      view.matchCommand ?? '',
    ].join('|'),
  ({ view, tr }) => renderAbout(view, tr),
  // A new key every minute: only the last few minutes' (every language, option and notice) are worth keeping.
  64,
);

export const about: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('about')
    .setDescription('Data sources, freshness, known gaps and bot version')
    .addStringOption(competitionOption)),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    // Under the sharding manager: this shard and the totals over all shards (null as one process).
    const shard = await shardView(interaction.client);
    const view: AboutView = {
      season,
      stats: computeStats(season),
      dataVersion: ctx.dataVersion(season.id),
      version: ctx.version,
      startedAt: ctx.startedAt,
      // Uptime is about this process, so it reads the real clock, not the (possibly replayed) bot clock.
      wallNow: new Date(),
      shard,
      matchCommand: commandMention(interaction.locale ?? null, 'match'),
    };
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    // Shard totals change at any time: such a reply is built afresh.
    await interaction.reply(shard ? renderAbout(view, tr) : aboutReply({ season, tr, view }));
  },

  autocomplete: teamAutocomplete,
};
