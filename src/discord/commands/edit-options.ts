// /edit's definition (the editor server's only command) and the readers that turn its options into
// the editing service's changes. Required options first, as Discord requires. The text is English:
// only editors see this command. Discord checks the ranges and lengths declared here in its client,
// but a payload can be forged: the editing service validates every value again before any write.
import {
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type SlashCommandStringOption,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { EditorsConfig } from '../../config.js';
import { UserError } from '../../domain/errors.js';
import { EDITABLE_STATUSES, type Change, type EditableStatus } from '../../editing/types.js';

export const EDIT_COMMAND = 'edit';
/** The journal's `source` column holds at most 500 characters. */
export const SOURCE_MAX = 500;
/** The highest score an editor may type: anything past it is a typo. */
export const SCORE_MAX = 99;

const matchOption = (o: SlashCommandStringOption) =>
  o.setName('match').setDescription('The match: type a club, the round or the date (e.g. "zam ber final 2")').setRequired(true).setAutocomplete(true).setMaxLength(100);
const sourceOption = (o: SlashCommandStringOption) =>
  o.setName('source').setDescription('Where you read it: a link or a short citation').setRequired(true).setMinLength(1).setMaxLength(SOURCE_MAX);
const seasonOption = (o: SlashCommandStringOption) =>
  o.setName('season').setDescription('The season (default: the newest in progress)').setAutocomplete(true).setMaxLength(100);

const result = (s: SlashCommandSubcommandBuilder) =>
  s
    .setName('result')
    .setDescription('Set a match’s score (after 90 minutes, or 120 with extra time)')
    .addStringOption(matchOption)
    .addIntegerOption((o) => o.setName('home').setDescription('Goals of the home club').setRequired(true).setMinValue(0).setMaxValue(SCORE_MAX))
    .addIntegerOption((o) => o.setName('away').setDescription('Goals of the away club').setRequired(true).setMinValue(0).setMaxValue(SCORE_MAX))
    .addStringOption(sourceOption)
    .addBooleanOption((o) => o.setName('extra-time').setDescription('The score is after extra time'))
    .addStringOption((o) => o.setName('penalties').setDescription('Shoot-out after a level score, home first, e.g. 4-3').setMaxLength(7))
    .addStringOption(seasonOption);

const goal = (s: SlashCommandSubcommandBuilder) =>
  s
    .setName('goal')
    .setDescription('Add a goal to a match')
    .addStringOption(matchOption)
    .addStringOption((o) => o.setName('team').setDescription('The club credited (for an own goal, the one it helped)').setRequired(true).setAutocomplete(true).setMaxLength(100))
    .addStringOption((o) => o.setName('player').setDescription('The scorer as the source names them').setRequired(true).setMinLength(1).setMaxLength(100))
    .addStringOption((o) => o.setName('minute').setDescription('The minute, e.g. 54 or 45+2').setRequired(true).setMinLength(1).setMaxLength(6))
    .addStringOption(sourceOption)
    .addStringOption((o) =>
      o.setName('type').setDescription('A penalty or an own goal (default: neither)').addChoices({ name: 'penalty', value: 'penalty' }, { name: 'own goal', value: 'own_goal' }),
    )
    .addStringOption(seasonOption);

const kickoff = (s: SlashCommandSubcommandBuilder) =>
  s
    .setName('kickoff')
    .setDescription('Set or move a match’s kickoff')
    .addStringOption(matchOption)
    .addStringOption((o) => o.setName('at').setDescription('ISO instant, or e.g. 2024-05-12 19:00 UTC').setRequired(true).setMinLength(1).setMaxLength(40))
    .addStringOption(sourceOption)
    .addStringOption(seasonOption);

const status = (s: SlashCommandSubcommandBuilder) =>
  s
    .setName('status')
    .setDescription('Mark a match postponed, cancelled, awarded or a walkover')
    .addStringOption(matchOption)
    .addStringOption((o) =>
      o
        .setName('status')
        .setDescription('What happened to the match')
        .setRequired(true)
        .addChoices(...EDITABLE_STATUSES.map((value) => ({ name: value, value }))),
    )
    .addStringOption(sourceOption)
    .addStringOption((o) => o.setName('score').setDescription('Awarded or walkover: the score decided, home first, e.g. 3-0').setMaxLength(7))
    .addStringOption((o) => o.setName('reason').setDescription('Why (kept in the journal for editors)').setMaxLength(SOURCE_MAX))
    .addStringOption(seasonOption);

const fixture = (s: SlashCommandSubcommandBuilder) =>
  s
    .setName('fixture')
    .setDescription('Add a match to a season (a draw’s pairing, a new round)')
    .addStringOption((o) => o.setName('season').setDescription('The season').setRequired(true).setAutocomplete(true).setMaxLength(100))
    .addStringOption((o) => o.setName('round').setDescription('The round, e.g. QF-L1 or GA-MD3').setRequired(true).setAutocomplete(true).setMaxLength(40))
    .addStringOption((o) => o.setName('home').setDescription('The home club').setRequired(true).setAutocomplete(true).setMaxLength(100))
    .addStringOption((o) => o.setName('away').setDescription('The away club').setRequired(true).setAutocomplete(true).setMaxLength(100))
    .addStringOption((o) => o.setName('date').setDescription('The match date, YYYY-MM-DD').setRequired(true).setMinLength(10).setMaxLength(10))
    .addStringOption(sourceOption)
    .addStringOption((o) => o.setName('time').setDescription('Kickoff, HH:MM UTC').setMaxLength(5))
    .addStringOption((o) => o.setName('venue').setDescription('The stadium and city').setMaxLength(100));

const seasonNew = (s: SlashCommandSubcommandBuilder) =>
  s
    .setName('new')
    .setDescription('Start an empty season from a format template')
    .addStringOption((o) => o.setName('id').setDescription('Its id, e.g. caf-cc-2026-27 (lower case, digits, dashes)').setRequired(true).setMinLength(1).setMaxLength(40))
    .addStringOption((o) => o.setName('competition').setDescription('The competition, e.g. CAF Confederation Cup').setRequired(true).setMinLength(1).setMaxLength(80))
    .addStringOption((o) => o.setName('label').setDescription('The season as people write it, e.g. 2026-27').setRequired(true).setMinLength(1).setMaxLength(20))
    .addStringOption((o) => o.setName('format').setDescription('The format template').setRequired(true).setAutocomplete(true).setMaxLength(100))
    .addStringOption(sourceOption);

/**
 * The definition, from the editor settings: with no editor role, only members with Manage Server see
 * /edit in the server's command picker (the bot checks again on every use either way); with a role,
 * every member sees it and the bot refuses those without the role (server admins can hide it under
 * Server Settings → Integrations).
 */
export const editCommandData = (editors: Pick<EditorsConfig, 'roleId'> | null) => {
  const builder = new SlashCommandBuilder()
    .setName(EDIT_COMMAND)
    .setDescription('Editors: correct or extend the season every server sees (preview, then confirm)')
    .addSubcommand(result)
    .addSubcommand(goal)
    .addSubcommand(kickoff)
    .addSubcommand(status)
    .addSubcommand(fixture)
    .addSubcommandGroup((g) => g.setName('season').setDescription('Seasons').addSubcommand(seasonNew))
    .addSubcommand((s) =>
      s
        .setName('undo')
        .setDescription('Revert one change (a new journal row)')
        .addIntegerOption((o) => o.setName('change').setDescription('The change number (#N), from /edit log').setRequired(true).setMinValue(1).setAutocomplete(true)),
    )
    .addSubcommand((s) =>
      s
        .setName('log')
        .setDescription('The journal: who changed what, when, from which source; undos and conflicts')
        .addStringOption((o) => o.setName('match').setDescription('Only this match').setAutocomplete(true).setMaxLength(100))
        .addStringOption(seasonOption),
    );
  return builder.setDefaultMemberPermissions(editors === null || editors.roleId === null ? PermissionFlagsBits.ManageGuild : null);
};

/** A change as the editor asked it, before the season and match are resolved. */
export type ChangeRequest = Readonly<{ change: Change; matchOption: string | null; seasonOption: string | null }>;

const text = (interaction: ChatInputCommandInteraction, name: string): string | null => {
  const value = interaction.options.getString(name);
  return value === null ? null : value.trim();
};

/** The source, never empty: an edit without one would be a fact without a source. */
const source = (interaction: ChatInputCommandInteraction): string => {
  const value = text(interaction, 'source') ?? '';
  if (value === '') throw new UserError('`source` is empty: say where you read it (a link or a short citation).');
  if (value.length > SOURCE_MAX) throw new UserError(`\`source\` is ${value.length} characters long: keep it to ${SOURCE_MAX}.`);
  return value;
};

/** A score option: Discord enforces the range in its client; a forged payload gets the same answer. */
const goals = (interaction: ChatInputCommandInteraction, name: 'home' | 'away'): number => {
  const value = interaction.options.getInteger(name, true);
  if (!Number.isInteger(value) || value < 0 || value > SCORE_MAX) throw new UserError(`\`${name}\` must be a whole number from 0 to ${SCORE_MAX} (got ${value}).`);
  return value;
};

const isStatus = (value: string): value is EditableStatus => (EDITABLE_STATUSES as readonly string[]).includes(value);

/** The change a match subcommand (result, goal, kickoff, status) or a fixture/season one asks for. */
export const readChange = (interaction: ChatInputCommandInteraction): ChangeRequest => {
  const group = interaction.options.getSubcommandGroup(false);
  const sub = interaction.options.getSubcommand(true);
  const match = text(interaction, 'match') ?? '';
  const withMatch = (change: Change): ChangeRequest => ({ change, matchOption: match, seasonOption: text(interaction, 'season') });
  if (group === 'season' && sub === 'new') {
    return {
      change: {
        kind: 'season_new',
        id: text(interaction, 'id') ?? '',
        competition: text(interaction, 'competition') ?? '',
        label: text(interaction, 'label') ?? '',
        format: text(interaction, 'format') ?? '',
        source: source(interaction),
      },
      matchOption: null,
      seasonOption: null,
    };
  }
  switch (sub) {
    case 'result':
      return withMatch({
        kind: 'result',
        match,
        home: goals(interaction, 'home'),
        away: goals(interaction, 'away'),
        extraTime: interaction.options.getBoolean('extra-time'),
        penalties: text(interaction, 'penalties'),
        source: source(interaction),
      });
    case 'goal': {
      const type = text(interaction, 'type');
      if (type !== null && type !== 'penalty' && type !== 'own_goal') throw new UserError(`\`type\` must be penalty or own goal (got \`${type}\`).`);
      return withMatch({
        kind: 'goal',
        match,
        team: text(interaction, 'team') ?? '',
        player: text(interaction, 'player') ?? '',
        minute: text(interaction, 'minute') ?? '',
        type,
        source: source(interaction),
      });
    }
    case 'kickoff':
      return withMatch({ kind: 'kickoff', match, at: text(interaction, 'at') ?? '', source: source(interaction) });
    case 'status': {
      const status = text(interaction, 'status') ?? '';
      if (!isStatus(status)) throw new UserError(`\`status\` must be one of ${EDITABLE_STATUSES.join(', ')} (got \`${status}\`).`);
      return withMatch({ kind: 'status', match, status, score: text(interaction, 'score'), reason: text(interaction, 'reason'), source: source(interaction) });
    }
    case 'fixture':
      return {
        change: {
          kind: 'fixture',
          round: text(interaction, 'round') ?? '',
          home: text(interaction, 'home') ?? '',
          away: text(interaction, 'away') ?? '',
          date: text(interaction, 'date') ?? '',
          time: text(interaction, 'time'),
          venue: text(interaction, 'venue'),
          source: source(interaction),
        },
        matchOption: null,
        seasonOption: text(interaction, 'season'),
      };
    default:
      throw new UserError(`\`/edit ${sub}\` is not a change.`);
  }
};
