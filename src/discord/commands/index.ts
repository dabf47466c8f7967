import { about } from './about.js';
import { announcements } from './announcements.js';
import { bracket } from './bracket.js';
import { createEditCommand, type EditCommandDeps } from './edit.js';
import { fixtures } from './fixtures.js';
import { language } from './language.js';
import { match } from './match.js';
import { next } from './next.js';
import { privacy } from './privacy.js';
import { rankings } from './rankings.js';
import { schedule } from './schedule.js';
import { scorers } from './scorers.js';
import { standings } from './standings.js';
import { team } from './team.js';
import type { Command } from './types.js';

/** Every slash command, in the order they are registered: the fans' first (and /language), then the admins'. */
export const commands: readonly Command[] = [
  fixtures,
  standings,
  scorers,
  team,
  match,
  next,
  bracket,
  schedule,
  rankings,
  about,
  language,
  privacy,
  announcements,
];

/**
 * The editor server's commands (/edit): registered only in EDITOR_GUILD_ID, never globally, and built
 * around the editing service by the composition root (app.ts); deploy passes no service, for the definitions.
 */
export const editorCommands = (deps: EditCommandDeps): readonly Command[] => [createEditCommand(deps)];
