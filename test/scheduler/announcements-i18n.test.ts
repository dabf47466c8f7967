// The bot's posts are rendered with the translations the composition hands the announcements runtime
// (app.ts gives it the process's one instance, sharedI18n), not with a second i18next instance of its
// own; the renderers' English default is that instance's English.
import { startStandin, type Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClock } from '../../src/clock.js';
import type { OpenedDatabase } from '../../src/db/client.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { createLanguageStore } from '../../src/db/languages.js';
import { englishTr } from '../../src/discord/render/words.js';
import { createI18n, sharedI18n } from '../../src/i18n/index.js';
import { planOne } from '../../src/planning/announcements.js';
import type { Scheduler } from '../../src/scheduler/cron.js';
import { groupTeams, match, season as makeSeason } from '../domain/builders.js';
import { makeTestDb, silent } from '../db/helpers.js';
import { startAnnouncementsRuntime, type RunningAnnouncements } from '../support/announcements-runtime.js';

const H = 3_600_000;
const KICKOFF = '2024-02-26T13:00:00Z';
const GUILD = '1100000000000000091';

const season = makeSeason({
  teams: groupTeams('A'),
  matches: [match({ id: 'GA-MD2-1', stage: 'group', group: 'A', matchday: 2, home: 'b', away: 'a', date: '2024-02-26', kickoff: KICKOFF, status: 'scheduled' })],
});
// Names only this instance knows: a post that shows them was rendered with it.
const i18n = createI18n({ clubNames: new Map([['fr', new Map([['Alpha', 'Alpha de Lyon'], ['Bravo', 'Bravo de Tunis']])]]) });

let standin: Standin;
let opened: OpenedDatabase;
let runtime: RunningAnnouncements | undefined;
let scheduler: Scheduler;
// An hour before the preview 24 hours before kickoff is due; the test moves the real clock on.
let real = 0;
const clock = createClock({ start: new Date(Date.parse(KICKOFF) - 25 * H).toISOString(), rate: 1 }, () => real);

beforeAll(async () => {
  standin = await startStandin({ log: silent, guilds: [{ id: GUILD, name: 'Lyon', channels: [{ name: 'matchday' }] }] });
  opened = makeTestDb();
  const channelId = standin.channelByName(GUILD, 'matchday')!.id;
  const now = clock.now().getTime();
  createLanguageStore(opened.db).setServer(GUILD, 'fr', '1000000000000000009', now);
  planOne(opened.db, season, setSubscription(opened.db, { guildId: GUILD, channelId, roleId: null, leadsMs: [24 * H], recap: false }, now), now);
  runtime = await startAnnouncementsRuntime(standin, 'announcements-i18n-token', { db: opened.db, clock, season: () => season, log: silent, lateWindowMs: 6 * H, i18n });
  ({ scheduler } = runtime);
});
afterAll(async () => {
  await runtime?.stop();
  await standin?.close();
  opened?.close();
});

describe("the announcements runtime's translations", () => {
  test('a post is rendered with the instance the runtime was given, in the server\'s language', async () => {
    real += H + 60_000;
    expect(await scheduler.tickNow()).toMatchObject({ sent: 1 });
    const channelId = standin.channelByName(GUILD, 'matchday')!.id;
    const posted = JSON.stringify(standin.messages(channelId));
    expect(posted).toContain('Bravo de Tunis');
    expect(posted).toContain('Alpha de Lyon');
  });

  test("the renderers' English default is the shared instance's English", () => {
    expect(englishTr()).toBe(sharedI18n().translator('en'));
    expect(sharedI18n()).toBe(sharedI18n());
  });
});
