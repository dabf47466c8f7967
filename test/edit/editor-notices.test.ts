import { REST } from 'discord.js';
import { startStandin, type Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEditorNotices } from '../../src/discord/editor-notices.js';
import type { ConflictListener, OverrideConflict } from '../../src/editing/types.js';
import { silentLogger } from '../../src/log.js';

// A source that disagrees with an edit is told once in the editor channel, through the real REST
// client against the stand-in: never twice for the same conflict (not even after a restart, which
// starts with an empty memory), never a ping.

const APP = '1195944444444444444';
const EDITORS = '1100000000000000077';
let standin: Standin;
let rest: REST;
let channelId: string;

beforeAll(async () => {
  standin = await startStandin({ applicationId: APP, guilds: [{ id: EDITORS, name: 'Editors', channels: [{ name: 'general' }, { name: 'notices' }] }] });
  rest = new REST({ version: '10', api: standin.apiUrl, retries: 0 }).setToken('test-token');
  channelId = standin.channelByName(EDITORS, 'notices')!.id;
});
afterAll(async () => {
  await standin.close();
});

/** The one thing the notices read of the editing service: its conflict subscription. */
const conflictSource = () => {
  const listeners = new Set<ConflictListener>();
  return {
    onConflicts: (listener: ConflictListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (seasonId: string, conflicts: readonly OverrideConflict[]) => {
      for (const listener of listeners) listener(seasonId, conflicts);
    },
  };
};

const conflict = (sourceHome: number): OverrideConflict => ({
  season: 'caf-cc-2023-24',
  match: 'R1-T02-L1',
  field: 'score',
  sourceValue: { home: sourceHome, away: 0 },
  overrideValue: { home: 3, away: 1 },
  journal: '7',
});

const start = (source: ReturnType<typeof conflictSource>) =>
  startEditorNotices({ editing: source, rest, channelId, season: () => undefined, log: silentLogger() });

describe('editor notices', () => {
  test('a conflict is posted once, with what the source and the edit say; the same conflict after a restart is not posted again', async () => {
    const source = conflictSource();
    const notices = start(source);
    source.emit('caf-cc-2023-24', [conflict(4)]);
    await notices.idle();
    const posted = standin.messages(channelId);
    expect(posted).toHaveLength(1);
    const embed = posted[0]!.embeds[0]!;
    expect(embed.fields?.[0]?.value).toBe('The source says 4–0; the edit (change #7) keeps 3–1.');
    expect(JSON.stringify(posted[0])).not.toMatch(/@everyone|@here|<@&/);
    const request = standin.requestsTo('POST', '/channels/:id/messages').at(-1);
    expect((request?.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });

    // The same conflict again, then from a fresh process (no memory): the channel already has it.
    source.emit('caf-cc-2023-24', [conflict(4)]);
    await notices.idle();
    notices.stop();
    const restarted = conflictSource();
    const again = start(restarted);
    restarted.emit('caf-cc-2023-24', [conflict(4)]);
    await again.idle();
    expect(standin.messages(channelId)).toHaveLength(1);

    // A new disagreement (the source changed again) is news.
    restarted.emit('caf-cc-2023-24', [conflict(4), conflict(5)]);
    await again.idle();
    const after = standin.messages(channelId);
    expect(after).toHaveLength(2);
    expect(after[1]!.embeds[0]!.fields).toHaveLength(1);
    expect(after[1]!.embeds[0]!.fields?.[0]?.value).toContain('The source says 5–0');
    again.stop();
  });

  test('a failed post is logged, not thrown, and the next conflict still goes out', async () => {
    const source = conflictSource();
    const notices = start(source);
    standin.injectFault({ method: 'POST', pathPattern: '/channels/:id/messages', status: 403 });
    source.emit('caf-cc-2023-24', [conflict(8)]);
    await notices.idle();
    const before = standin.messages(channelId).length;
    source.emit('caf-cc-2023-24', [conflict(8)]);
    await notices.idle();
    expect(standin.messages(channelId)).toHaveLength(before + 1);
    notices.stop();
  });
});
