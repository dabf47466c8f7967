// One command of the bot's list, asked through the fakes as a fan would, and the one payload it replied:
// what the kept-reply tests compare.
import { commands } from '../../../src/discord/commands/index.js';
import type { Command, CommandContext } from '../../../src/discord/commands/types.js';
import type { Season } from '../../../src/domain/types.js';
import { expect } from 'vitest';
import { fakeChatInput, makeCtx, onlyPayload } from './fakes.js';

export const command = (name: string): Command => {
  const found = commands.find((c) => c.data.name === name);
  if (!found) throw new Error(name);
  return found;
};

export const ask = async (name: string, options: Record<string, string | number>, ctx: CommandContext) => {
  const { interaction, reply } = fakeChatInput(name, options);
  await command(name).execute(interaction, ctx);
  return onlyPayload(reply);
};

/** Every embed's footer of a reply, one per line. */
export const footers = (payload: { embeds: readonly { footer?: { text: string } }[] }): string => payload.embeds.map((e) => e.footer?.text ?? '').join('\n');

/**
 * The same question asked twice during the season gets the very payload built the first time; asked of
 * the same season object on a clock before its first match, its footer says the season has not started
 * (the footer's notice is part of the key). Returns the reply during the season.
 */
export const expectKeptWithNotice = async (season: Season, name: string, options: Record<string, string | number>) => {
  const during = makeCtx(season, new Date('2024-06-01T12:00:00Z'));
  const once = await ask(name, options, during);
  expect(await ask(name, options, during)).toBe(once);
  const before = await ask(name, options, makeCtx(season, new Date('2023-01-01T12:00:00Z')));
  expect(footers(before)).toMatch(/has not started yet/);
  expect(footers(once)).not.toMatch(/has not started yet/);
  return { once, during };
};
