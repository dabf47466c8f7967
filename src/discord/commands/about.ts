import { SlashCommandBuilder } from 'discord.js';
import { commandMention, localized } from '../../i18n/commands.js';
import { computeStats } from '../../domain/stats.js';
import { renderAbout } from '../render/about.js';
import { shardView } from '../shard-info.js';
import { replyTranslator } from './language.js';
import { teamAutocomplete } from './options.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';

export const about: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('about')
    .setDescription('Data sources, freshness, known gaps and bot version')
    .addStringOption(competitionOption)),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    // Under the sharding manager: this shard and the totals over all shards (null as one process).
    const shard = await shardView(interaction.client);
    await interaction.reply(
      renderAbout({
        season,
        stats: computeStats(season),
        dataVersion: ctx.dataVersion(season.id),
        version: ctx.version,
        startedAt: ctx.startedAt,
        // Uptime is about this process, so it reads the real clock, not the (possibly replayed) bot clock.
        wallNow: new Date(),
        shard,
        matchCommand: commandMention(interaction.locale ?? null, 'match'),
      }, ctx.tr ?? replyTranslator(interaction, ctx)),
    );
  },

  autocomplete: teamAutocomplete,
};
