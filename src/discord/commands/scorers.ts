import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { computeScorers } from '../../domain/scorers.js';
import type { ScorerStage } from '../../domain/scorers.js';
import { indexSeason } from '../../domain/season-index.js';
import type { Stage } from '../../domain/types.js';
import { renderScorers } from '../render/scorers.js';
import { readChoice, readInteger, readTeam, teamAutocomplete, teamOption } from './options.js';
import { replyTranslator } from './language.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';
import type { Translator } from '../../i18n/index.js';
import { stageHeading } from '../render/words.js';

const STAGE_CHOICES: readonly { name: string; value: ScorerStage }[] = [
  { name: 'Competition proper (groups + knockouts)', value: 'proper' },
  { name: 'Qualifying rounds', value: 'qualifying' },
  { name: 'Group stage', value: 'group' },
  { name: 'Quarter-finals', value: 'quarter_final' },
  { name: 'Semi-finals', value: 'semi_final' },
  { name: 'Final', value: 'final' },
];

const STAGE_VALUES = STAGE_CHOICES.map((c) => c.value);

const DEFAULT_LIMIT = 15;
const MAX_LIMIT = 50;

const stageTitle = (stage: ScorerStage, tr: Translator): string =>
  stage === 'proper' || stage === 'qualifying' ? tr.t(`scorers.stageTitle.${stage}`) : stageHeading(stage, tr);

export const scorers: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('scorers')
    .setDescription('Top scorers with goals per round')
    .addStringOption(teamOption('team', 'Only this team’s scorers'))
    .addStringOption((o) =>
      o
        .setName('stage')
        .setDescription('Which part of the season (default: competition proper)')
        .addChoices(...STAGE_CHOICES),
    )
    .addIntegerOption((o) => o.setName('limit').setDescription(`How many players (default ${DEFAULT_LIMIT})`).setMinValue(1).setMaxValue(MAX_LIMIT))
    .addStringOption(competitionOption)),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    const team = readTeam(interaction, season, 'team');
    const stage = readChoice(interaction, 'stage', STAGE_VALUES) ?? 'proper';
    const limit = readInteger(interaction, 'limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    const table = computeScorers(season, { stage, limit, ...(team ? { team: team.id } : {}) });
    await interaction.reply(
      renderScorers({
        season,
        table,
        teamName: indexSeason(season).teamName,
        heading: [tr.t('scorers.heading'), stageTitle(stage, tr), ...(team ? [tr.name(team.name)] : [])].join(' · '),
        stage: stage === 'proper' || stage === 'qualifying' ? null : (stage as Stage),
        limit,
      }, tr),
    );
  },

  autocomplete: teamAutocomplete,
};
