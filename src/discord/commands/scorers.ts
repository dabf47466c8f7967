import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { computeScorers } from '../../domain/scorers.js';
import type { ScorerStage } from '../../domain/scorers.js';
import { indexSeason } from '../../domain/season-index.js';
import type { Season, Stage, Team } from '../../domain/types.js';
import { objectKey } from '../../domain/memo.js';
import { keptReply } from './kept-reply.js';
import { stagesOfKind } from '../../domain/format.js';
import { stageChoices } from '../render/choices.js';

const MAX_CHOICES = 25;
import { renderScorers } from '../render/scorers.js';
import { readInteger, readStage, readTeam, stageOption, teamAutocomplete, teamOption } from './options.js';
import { replyTranslator } from './language.js';
import { chooseSeason, competitionOption, seasonForAutocomplete } from './season-choice.js';
import type { Command } from './types.js';
import type { Translator } from '../../i18n/index.js';
import { stageTitle as stageTitleIn } from '../render/words.js';

/** The parts of a season /scorers offers before the format's own stages: the competition proper, the qualifying rounds. */
const SEASON_PARTS = ['proper', 'qualifying'] as const;
type SeasonPart = (typeof SEASON_PARTS)[number];

/** The parts a season has (no qualifying rounds, no such part), with their names in the reply language. */
const seasonParts = (season: Season, tr: Translator): { name: string; value: SeasonPart }[] =>
  SEASON_PARTS.filter((part) => part === 'proper' || stagesOfKind(season, 'qualifying').length > 0).map((part) => ({
    name: tr.t(`scorers.stageChoice.${part}`),
    value: part,
  }));

/** The `stage` option: a part of the season (code or name), else one of the format's stages (readStage). */
const readScorerStage = (interaction: ChatInputCommandInteraction, season: Season, tr: Translator): ScorerStage => {
  const raw = interaction.options.getString('stage');
  if (raw === null) return 'proper';
  const typed = raw.trim().toLocaleLowerCase();
  const part = seasonParts(season, tr).find((p) => p.value === typed || p.name.toLocaleLowerCase() === typed);
  return part?.value ?? readStage(interaction, season, tr) ?? 'proper';
};

const DEFAULT_LIMIT = 15;
const MAX_LIMIT = 50;

const stageTitle = (season: Season, stage: ScorerStage, tr: Translator): string =>
  stage === 'proper' || stage === 'qualifying' ? tr.t(`scorers.stageTitle.${stage}`) : stageTitleIn(season, stage, tr);

interface ScorersInput {
  readonly season: Season;
  readonly tr: Translator;
  readonly stage: ScorerStage;
  readonly limit: number;
  readonly team: Team | null;
}

/** The table, kept per season view, language, notice, stage, limit and club (kept-reply.ts). */
const scorersReply = keptReply(
  (input: ScorersInput) => `${input.stage}|${input.limit}|${input.team === null ? '' : objectKey(input.team)}`,
  ({ season, tr, stage, limit, team }) =>
    renderScorers({
      season,
      table: computeScorers(season, { stage, limit, ...(team ? { team: team.id } : {}) }),
      teamName: indexSeason(season).teamName,
      heading: [tr.t('scorers.heading'), stageTitle(season, stage, tr), ...(team ? [tr.name(team.name)] : [])].join(' · '),
      stage: stage === 'proper' || stage === 'qualifying' ? null : (stage as Stage),
      limit,
    }, tr),
);

export const scorers: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('scorers')
    .setDescription('Top scorers with goals per round')
    .addStringOption(teamOption('team', 'Only this team’s scorers'))
    .addStringOption(stageOption('Which part of the season (default: competition proper)'))
    .addIntegerOption((o) => o.setName('limit').setDescription(`How many players (default ${DEFAULT_LIMIT})`).setMinValue(1).setMaxValue(MAX_LIMIT))
    .addStringOption(competitionOption)),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    const team = readTeam(interaction, season, 'team');
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    const stage = readScorerStage(interaction, season, tr);
    const limit = readInteger(interaction, 'limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
    await interaction.reply(scorersReply({ season, tr, stage, limit, team: team ?? null }));
  },

  // stage: the season's parts first, then its format's stages; team and competition as every fan command.
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name !== 'stage') return teamAutocomplete(interaction, ctx);
    const { season } = seasonForAutocomplete(interaction, ctx);
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    const typed = String(focused.value).trim().toLocaleLowerCase();
    const parts = seasonParts(season, tr).filter((p) => typed === '' || p.name.toLocaleLowerCase().includes(typed) || p.value.includes(typed));
    await interaction.respond([...parts, ...stageChoices(season, typed, tr)].slice(0, MAX_CHOICES));
  },
};
