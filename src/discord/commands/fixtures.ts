import { SlashCommandBuilder } from 'discord.js';
import { commandMention, localized } from '../../i18n/commands.js';
import { UserError } from '../../domain/errors.js';
import { STAGES } from '../../domain/types.js';
import { STAGE_LABEL } from '../../domain/types.js';
import { MATCHDAYS, WHENS, defaultWhen, fixturesErrorText, fixturesReply, parsePageId, teamFromToken, type FixturesSpeech } from './fixtures-query.js';
import { replyTranslator } from './language.js';
import { groupOption, readChoice, readGroup, readInteger, readTeam, teamAutocomplete, teamOption } from './options.js';
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
    .addStringOption((o) =>
      o
        .setName('stage')
        .setDescription('Only one stage')
        .addChoices(...STAGES.map((s) => ({ name: STAGE_LABEL[s], value: s }))),
    )
    .addStringOption(groupOption)
    .addIntegerOption((o) => o.setName('matchday').setDescription('Group-stage matchday').setMinValue(1).setMaxValue(MATCHDAYS))
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
    const filters = {
      ...(team ? { team: team.id } : {}),
      ...optional('stage', readChoice(interaction, 'stage', STAGES)),
      ...optional('group', readGroup(interaction)),
      ...optional('matchday', readInteger(interaction, 'matchday', 1, MATCHDAYS)),
    };
    const when = readChoice(interaction, 'when', WHENS) ?? defaultWhen(season, filters, now);
    await interaction.reply(fixturesReply(season, { ...filters, when, season: entry.id }, 1, now, speechOf(interaction, ctx)));
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
    const query = { ...parsed.query, ...(team ? { team } : {}) };
    await interaction.update(fixturesReply(season, query, parsed.page, ctx.now(), speech));
  },
};

const optional = <K extends string, V>(key: K, value: V | null): { [P in K]?: V } =>
  (value === null ? {} : { [key]: value }) as { [P in K]?: V };

