// The bench's yardstick (issue 15): the most trivial discord.js bot there is, on the same discord.js
// as the real one, logging in to the same stand-in. Every slash command is answered `pong`, every
// autocomplete with no choices. `npm run bench` runs it with plain node next to the real bot, with the
// same flags, and prints the real bot's figures as ratios to this one's.
//
// Reads DISCORD_TOKEN and DISCORD_API_URL (a bench fixture, not the bot: src/config.ts does not apply).
import { Client, Events, GatewayIntentBits } from 'discord.js';

const token = process.env.DISCORD_TOKEN;
if (!token) {
  process.stderr.write('echo bot: DISCORD_TOKEN is required\n');
  process.exit(78);
}
const api = process.env.DISCORD_API_URL;

const client = new Client({ intents: [GatewayIntentBits.Guilds], ...(api ? { rest: { api } } : {}) });

client.on(Events.InteractionCreate, (interaction) => {
  const answered = interaction.isChatInputCommand()
    ? interaction.reply('pong')
    : interaction.isAutocomplete()
      ? interaction.respond([])
      : null;
  answered?.catch((err: unknown) => process.stderr.write(`echo bot: reply failed: ${String(err)}\n`));
});

client.once(Events.ClientReady, (ready) => {
  // The same kind of line the real bot logs, so the bench waits for both the same way.
  process.stdout.write(`${JSON.stringify({ msg: 'ready', guilds: ready.guilds.cache.size })}\n`);
});

const stop = (): void => {
  void client.destroy().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

await client.login(token);
