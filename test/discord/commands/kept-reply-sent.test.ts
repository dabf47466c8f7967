// A kept reply's embeds and rows carry a hidden toJSON (kept-reply.ts sentAsIs), so discord.js sends
// them as they are instead of running its camelCase → snake_case transformer over them on every send
// (issue 15). What reaches Discord must not change: with the mark, discord.js sends exactly what its
// transformer would have made of the unmarked object; what the transformer would change is not marked.
import { Options } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { sentAsIs } from '../../../src/discord/commands/kept-reply.js';
import { readSeasonFile } from '../../../src/season/read.js';
import { ask } from './ask.js';
import { makeCtx } from './fakes.js';

/** discord.js's test for "send what toJSON gives" (@discordjs/util isJSONEncodable). */
const isJSONEncodable = (value: unknown): value is { toJSON: () => unknown } => typeof value === 'object' && value !== null && 'toJSON' in value;

/** discord.js's own transformer, as a client gets it by default. */
const transform = Options.createDefault().jsonTransformer as (value: unknown) => unknown;

/** What discord.js puts in the request body for one embed or row (MessagePayload.resolveBody), as JSON. */
const sent = (item: unknown): unknown => JSON.parse(JSON.stringify(isJSONEncodable(item) ? item.toJSON() : transform(item)));
/** What it sent for the same object without the mark (structuredClone copies enumerable properties only). */
const sentUnmarked = (item: unknown): unknown => JSON.parse(JSON.stringify(transform(structuredClone(item))));

const { season } = readSeasonFile();


describe('kept replies are sent as discord.js would have sent them', () => {
  test.each([
    ['team', { team: 'zamalek' }],
    ['team', { team: 'rs-berkane' }],
    ['standings', {}],
    ['fixtures', { team: 'zamalek' }],
    ['scorers', {}],
    ['match', { team: 'zamalek' }],
    ['bracket', {}],
    ['rankings', {}],
  ] as const)('/%s %j: every embed and row marked, and sent unchanged', async (name, options) => {
    const payload = await ask(name, options, makeCtx(season, new Date('2024-06-01T12:00:00Z')));
    const items = [...payload.embeds, ...payload.components];
    expect(payload.embeds.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(isJSONEncodable(item)).toBe(true);
      expect(sent(item)).toEqual(sentUnmarked(item));
      // The mark is not data: it does not show among the object's keys, and gives a copy, not the object
      // itself (a serializer that follows toJSON, as snapshots do, would loop on it).
      expect(Object.keys(item)).not.toContain('toJSON');
      expect(isJSONEncodable(item) && item.toJSON()).not.toBe(item);
    }
  });
});

describe('sentAsIs marks only what the transformer gives back unchanged', () => {
  test.each([
    ['API embed', { title: 'A', footer: { text: 'f', icon_url: 'https://x/y.png' }, fields: [{ name: 'n', value: 'v', inline: true }] }, true],
    ['API row with an emoji object', { type: 1, components: [{ type: 2, style: 2, custom_id: 'team:1', label: 'Next', emoji: { name: '➡️' } }] }, true],
    ['a camelCase key', { title: 'A', footer: { text: 'f', iconURL: 'https://x/y.png' } }, false],
    ['a key with a digit (snakeCase splits it)', { title: 'A', h2: 'x' }, false],
    ['an emoji given as a string (resolved by the transformer)', { type: 1, components: [{ type: 2, style: 2, custom_id: 'x', emoji: '➡️' }] }, false],
    ['a Date inside', { title: 'A', timestamp: new Date(0) }, false],
    ['a key with a double underscore', { title: 'A', a__b: 1 }, false],
  ])('%s → marked: %s', (_label, item, marked) => {
    const before = sentUnmarked(item);
    sentAsIs({ embeds: [item], components: [] });
    expect(isJSONEncodable(item)).toBe(marked);
    expect(sent(item)).toEqual(before);
  });

  test('an item that already has toJSON (a builder) is left as it is', () => {
    const toJSON = () => ({ title: 'built' });
    const item = { toJSON };
    sentAsIs({ embeds: [item] });
    expect(item.toJSON).toBe(toJSON);
  });

  test('anything not a payload goes through untouched', () => {
    expect(sentAsIs(null)).toBeNull();
    expect(sentAsIs('text')).toBe('text');
    const frozen = Object.freeze({ title: 'A' });
    expect(() => sentAsIs({ embeds: [frozen] })).not.toThrow();
    expect(isJSONEncodable(frozen)).toBe(false);
  });
});
