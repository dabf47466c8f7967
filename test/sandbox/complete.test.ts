import { describe, expect, test } from 'vitest';
import { autocompleteCandidates, completeLine, fuzzyCandidates, quoteValue, type CompletionContext } from '../../src/sandbox/complete.js';
import { COMMANDS, GUILD } from './fixtures.js';

const ctx: CompletionContext = {
  commands: COMMANDS,
  guild: GUILD,
  metaCommands: [
    { name: 'help', usage: ':help', summary: '' },
    { name: 'clock', usage: ':clock <instant>', summary: '' },
    { name: 'channel', usage: ':channel #name', summary: '' },
    { name: 'quit', usage: ':quit', summary: '' },
  ],
};

describe('completeLine', () => {
  test.each([
    ['/fi', ['/fixtures'], '/fi'],
    ['/', ['/fixtures', '/team', '/scorers', '/announcements'], '/'],
    ['/fixtures ', ['team:', 'stage:', 'group:', 'matchday:', 'when:'], ''],
    ['/fixtures te', ['team:'], 'te'],
    ['/fixtures team:zam ', ['stage:', 'group:', 'matchday:', 'when:'], ''],
    ['/fixtures when:', ['when:upcoming', 'when:results', 'when:all'], 'when:'],
    ['/fixtures when:r', ['when:results'], 'when:r'],
    ['/fixtures group:b', ['group:B'], 'group:b'],
    ['/announcements ', ['set', 'off', 'status'], ''],
    ['/announcements s', ['set', 'status'], 's'],
    ['/announcements set ', ['channel:', 'ping:', 'previews:'], ''],
    ['/announcements set channel:#m', ['channel:#matchday'], 'channel:#m'],
    ['/announcements set channel:#matchday ping:@m', ['ping:"@Match Alerts"'], 'ping:@m'],
    ['/announcements set channel:#matchday previews:t', ['previews:true'], 'previews:t'],
    [':c', [':clock', ':channel'], ':c'],
    [':channel #g', ['#general'], '#g'],
    ['/nope ', [], ''],
  ])('%j', (line, candidates, fragment) => {
    const completion = completeLine(line, ctx);
    expect(completion.candidates).toEqual(candidates);
    expect(completion.fragment).toBe(fragment);
    expect(line.endsWith(completion.fragment)).toBe(true);
  });

  test('an autocomplete option asks the bot', () => {
    expect(completeLine('/fixtures team:zam', ctx)).toEqual({
      candidates: [],
      fragment: 'team:zam',
      autocomplete: { option: 'team', typed: 'zam' },
    });
  });
});

describe('quoting', () => {
  test.each([
    ['Zamalek', 'Zamalek'],
    ['RS Berkane', '"RS Berkane"'],
    ['Say "hi"', `'Say "hi"'`],
  ])('%s → %s', (value, expected) => {
    expect(quoteValue(value)).toBe(expected);
  });

  test('autocomplete choices become option:value candidates', () => {
    expect(autocompleteCandidates('team', [{ name: 'RS Berkane' }, { name: 'Zamalek' }])).toEqual(['team:"RS Berkane"', 'team:Zamalek']);
  });
});

describe('fuzzyCandidates', () => {
  test.each([
    [['team:"RS Berkane"'], 'team:rs', ['team:"RS Berkane"']],
    [['team:Zamalek', 'team:Zanaco'], 'team:Za', ['team:Zamalek', 'team:Zanaco']],
    [['team:Zamalek', 'team:"Al Zamora"'], 'team:zam', ['team:Zamalek']],
    [['team:"Zamalek (Egypt)"', 'team:"Al Zamora"'], 'team:zam', ['team:zam', 'team:"Zamalek (Egypt)"', 'team:"Al Zamora"']],
    [[], 'team:q', []],
  ])('%j for %s', (candidates, fragment, expected) => {
    expect(fuzzyCandidates(candidates, fragment)).toEqual(expected);
  });
});
