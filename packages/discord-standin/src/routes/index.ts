import type { RouteDef } from '../world.js';
import { channelRoutes } from './channels.js';
import { commandRoutes } from './commands.js';
import { guildRoutes } from './guilds.js';
import { interactionCallbackRoutes } from './interaction-callback.js';
import { metaRoutes } from './meta.js';
import { webhookRoutes } from './webhooks.js';

/** Every REST route the stand-in answers; anything else is a recorded, loudly logged 404. */
export const allRoutes: RouteDef[] = [
  ...metaRoutes,
  ...commandRoutes,
  ...interactionCallbackRoutes,
  ...webhookRoutes,
  ...channelRoutes,
  ...guildRoutes,
];
