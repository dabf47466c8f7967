// One command of the bot's list, asked through the fakes as a fan would, and the one payload it replied:
// what the kept-reply tests compare.
import { commands } from '../../../src/discord/commands/index.js';
import type { Command, CommandContext } from '../../../src/discord/commands/types.js';
import { fakeChatInput, onlyPayload } from './fakes.js';

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
