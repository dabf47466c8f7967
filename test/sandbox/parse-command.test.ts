import { describe, expect, test } from 'vitest';
import { parseCommandLine, toInteractionData, tokenize, usageLines, type ParsedCommand } from '../../src/sandbox/parse-command.js';
import { COMMANDS, GUILD } from './fixtures.js';

const parse = (line: string): ParsedCommand => {
  const result = parseCommandLine(line, COMMANDS, GUILD);
  if (!result.ok) throw new Error(`expected ${line} to parse: ${result.error}`);
  return result.value;
};

const errorOf = (line: string): string => {
  const result = parseCommandLine(line, COMMANDS, GUILD);
  if (result.ok) throw new Error(`expected ${line} to fail`);
  return result.error;
};

const values = (parsed: ParsedCommand) => Object.fromEntries(parsed.options.map((o) => [o.name, o.value]));

describe('tokenize', () => {
  test.each([
    ['fixtures team:zam', [[null, 'fixtures'], ['team', 'zam']]],
    ['fixtures team:"RS Berkane" when:all', [[null, 'fixtures'], ['team', 'RS Berkane'], ['when', 'all']]],
    ["fixtures team:'RS Berkane'", [[null, 'fixtures'], ['team', 'RS Berkane']]],
    ['"team:RS Berkane"', [['team', 'RS Berkane']]],
    ["team:Côte d'Ivoire", [['team', 'Côte'], [null, "d'Ivoire"]]],
    ['TEAM:x', [['team', 'x']]],
    ['note:a:b', [['note', 'a:b']]],
    ['  spaced   out  ', [[null, 'spaced'], [null, 'out']]],
  ])('%j', (line, expected) => {
    expect(tokenize(line).map((t) => [t.key, t.value])).toEqual(expected);
  });
});

describe('parseCommandLine', () => {
  test('options by name, choices matched by value or name, integers converted', () => {
    const parsed = parse('/fixtures group:b matchday:1 when:Upcoming stage:"Group stage"');
    expect(parsed.command.name).toBe('fixtures');
    expect(values(parsed)).toEqual({ group: 'B', matchday: 1, when: 'upcoming', stage: 'group' });
  });

  test('an autocomplete option keeps the typed text, flagged for the autocomplete round trip', () => {
    const parsed = parse('/fixtures team:zam');
    expect(parsed.options).toEqual([{ name: 'team', type: 3, raw: 'zam', value: 'zam', autocomplete: true }]);
  });

  test('unquoted words continue a text value', () => {
    expect(values(parse('/fixtures team:RS Berkane when:all'))).toEqual({ team: 'RS Berkane', when: 'all' });
  });

  test('subcommands, #channel, @Role and booleans', () => {
    const parsed = parse('/announcements set channel:#matchday ping:"@Match Alerts" previews:yes');
    expect(parsed.path).toEqual(['set']);
    expect(values(parsed)).toEqual({ channel: '1000000000000000011', ping: '1000000000000000021', previews: true });
  });

  test('a channel may be given by mention or id too', () => {
    expect(values(parse('/announcements set channel:<#1000000000000000010>'))).toEqual({ channel: '1000000000000000010' });
    expect(values(parse('/announcements set channel:1000000000000000011'))).toEqual({ channel: '1000000000000000011' });
  });

  test.each([
    ['/nope', 'No command "/nope"'],
    ['/fixture', 'Did you mean "fixtures"'],
    ['/fixtures matchday:0', 'matchday: must be at least 1.'],
    ['/fixtures matchday:7', 'matchday: must be at most 6.'],
    ['/fixtures matchday:1.5', 'matchday: "1.5" is not a whole number.'],
    ['/fixtures matchday:abc', 'is not a whole number'],
    ['/fixtures group:E', 'group: "E" is not one of A, B, C, D.'],
    ['/fixtures colour:red', 'has no option "colour"'],
    ['/fixtures team:a team:b', 'given twice'],
    ['/fixtures team:', 'has no value'],
    ['/scorers 10', '"10" has no option name'],
    ['/team', '/team needs team:'],
    ['/announcements', 'needs a subcommand: /announcements set|off|status'],
    ['/announcements sett', 'Did you mean "set"'],
    ['/announcements set channel:#nowhere', 'no channel "#nowhere". Channels: #general, #matchday, #Voice.'],
    ['/announcements set channel:#Voice', 'is not a kind of channel this option accepts'],
    ['/announcements set channel:#matchday ping:@Nobody', 'no role "@Nobody"'],
    ['/announcements set channel:#matchday previews:maybe', 'is not true or false'],
    ['fixtures', 'starts with "/"'],
  ])('%s is refused: %s', (line, message) => {
    expect(errorOf(line)).toContain(message);
  });
});

describe('toInteractionData', () => {
  test('leaf options at the top level for a plain command', () => {
    const data = toInteractionData(parse('/fixtures group:B when:all'), GUILD);
    expect(data).toEqual({
      id: COMMANDS[0]?.id,
      name: 'fixtures',
      type: 1,
      guild_id: GUILD.id,
      options: [
        { name: 'group', type: 3, value: 'B' },
        { name: 'when', type: 3, value: 'all' },
      ],
    });
  });

  test('subcommand nesting, with channel and role ids', () => {
    const data = toInteractionData(parse('/announcements set channel:#matchday ping:@Admins'), GUILD);
    expect(data.options).toEqual([
      {
        name: 'set',
        type: 1,
        options: [
          { name: 'channel', type: 7, value: '1000000000000000011' },
          { name: 'ping', type: 8, value: '1000000000000000020' },
        ],
      },
    ]);
  });

  test('a subcommand with no options still carries its name', () => {
    expect(toInteractionData(parse('/announcements off'), GUILD).options).toEqual([{ name: 'off', type: 1, options: [] }]);
  });

  test('autocomplete: the focused option carries the raw text', () => {
    const data = toInteractionData(parse('/fixtures team:zam when:all'), GUILD, { focused: 'team' });
    expect(data.options).toEqual([
      { name: 'team', type: 3, value: 'zam', focused: true },
      { name: 'when', type: 3, value: 'all' },
    ]);
  });

  test('the autocomplete pick replaces the typed text in the final command', () => {
    const data = toInteractionData(parse('/fixtures team:zam'), GUILD, { values: new Map([['team', 'zamalek']]) });
    expect(data.options).toEqual([{ name: 'team', type: 3, value: 'zamalek' }]);
  });
});

describe('usageLines', () => {
  test('optional options in brackets, choices listed, one line per subcommand', () => {
    const byName = (name: string) => COMMANDS.find((c) => c.name === name) ?? COMMANDS[0]!;
    expect(usageLines(byName('fixtures'))).toEqual([
      '/fixtures [team:text] [stage:group|final] [group:A|B|C|D] [matchday:integer] [when:upcoming|results|all]',
    ]);
    expect(usageLines(byName('announcements'))).toEqual([
      '/announcements set channel:channel [ping:role] [previews:true/false]',
      '/announcements off',
      '/announcements status',
    ]);
  });
});
