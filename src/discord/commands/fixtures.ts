import { SlashCommandBuilder } from 'discord.js';
import { commandMention, localized } from '../../i18n/commands.js';
import { UserError } from '../../domain/errors.js';
import { groupLabels, matchdayCount, stageCodes } from '../../domain/format.js';
import type { Season } from '../../domain/types.js';
import { MATCHDAYS, WHENS, defaultWhen, fixturesErrorText, fixturesReply, parsePageId, teamFromToken, type FixturesQuery, type FixturesSpeech } from './fixtures-query.js';
import { replyTranslator } from './language.js';
import { groupOption, readChoice, readGroup, readMatchday, readStage, readTeam, stageOption, teamAutocomplete, teamOption } from './options.js';
import { chooseSeason, competitionOption, seasonFromButton } from './season-choice.js';
import type { Command, CommandContext } from './types.js';

/** The reply's language (resolved once by the router) and the client's locale, for command names. */
const speechOf = (interaction: Parameters<typeof replyTranslator>[0], ctx: CommandContext): FixturesSpeech => ({
  tr: ctx.tr ?? replyTranslator(interaction, ctx),
  clientLocale: interaction.locale ?? null,
});

export const fixtures: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('fixtures')
    .setDescription('Fixtures and results, grouped by round')
    .addStringOption(teamOption('team', 'Only this team’s matches'))
    .addStringOption(stageOption('Only one stage'))
    .addStringOption(groupOption)
    .addIntegerOption((o) => o.setName('matchday').setDescription('Group-stage matchday').setMinValue(1).setMaxValue(MATCHDAYS).setAutocomplete(true))
    .addStringOption((o) =>
      o
        .setName('when')
        .setDescription('Still to come, played, or both (default: upcoming, or results once the season is over)')
        .addChoices({ name: 'Upcoming', value: 'upcoming' }, { name: 'Results', value: 'results' }, { name: 'All', value: 'all' }),
    )
    .addStringOption(competitionOption)),

  async execute(interaction, ctx) {
    const { entry, season } = chooseSeason(interaction, ctx);
    const now = ctx.now();
    const team = readTeam(interaction, season, 'team');
    const speech = speechOf(interaction, ctx);
    // Stage, group and matchday are the chosen season's (its format), whatever was typed.
    const filters = {
      ...(team ? { team: team.id } : {}),
      ...optional('stage', readStage(interaction, season, speech.tr)),
      ...optional('group', readGroup(interaction, season, speech.tr)),
      ...optional('matchday', readMatchday(interaction, season)),
    };
    const when = readChoice(interaction, 'when', WHENS) ?? defaultWhen(season, filters, now);
    await interaction.reply(fixturesReply(season, { ...filters, when, season: entry.id }, 1, now, speech));
  },

  autocomplete: teamAutocomplete,

  async button(interaction, ctx) {
    const speech = speechOf(interaction, ctx);
    const parsed = parsePageId(interaction.customId);
    if (!parsed) throw new UserError(fixturesErrorText(speech, 'oldButton'));
    // A button from before seasons were carried shows the default season, as it did then.
    const { season } = seasonFromButton(parsed.query.season ?? null, interaction, ctx, commandMention(speech.clientLocale, 'fixtures'));
    const team = parsed.query.team === undefined ? undefined : teamFromToken(season, parsed.query.team);
    if (parsed.query.team !== undefined && team === undefined) {
      throw new UserError(fixturesErrorText(speech, 'teamGone'));
    }
    // A stage, group or matchday the season's format does not have: not a button this bot made.
    if (!fitsFormat(season, parsed.query)) throw new UserError(fixturesErrorText(speech, 'oldButton'));
    const query = { ...parsed.query, ...(team ? { team } : {}) };
    await interaction.update(fixturesReply(season, query, parsed.page, ctx.now(), speech));
  },
};

const fitsFormat = (season: Season, query: Pick<FixturesQuery, 'stage' | 'group' | 'matchday'>): boolean =>
  (query.stage === undefined || stageCodes(season).includes(query.stage)) &&
  (query.group === undefined || groupLabels(season).includes(query.group)) &&
  (query.matchday === undefined || query.matchday <= matchdayCount(season));

const optional = <K extends string, V>(key: K, value: V | null): { [P in K]?: V } =>
  (value === null ? {} : { [key]: value }) as { [P in K]?: V };

