// The role a club's posts mention, per server (/announcements roles). Scoped by the guild id from the
// interaction, like every announcement setting.
import { and, asc, eq } from 'drizzle-orm';
import { announcementClubRoles as clubRoles } from './announcements-schema.js';
import type { SyncDb } from './outbox.js';

/** Sets (or replaces) the role mentioned for a club's posts in one server. */
export function setClubRole(db: SyncDb, guildId: string, teamId: string, roleId: string, now: number): void {
  db.insert(clubRoles)
    .values({ guildId, teamId, roleId, updatedAt: new Date(now) })
    .onConflictDoUpdate({ target: [clubRoles.guildId, clubRoles.teamId], set: { roleId, updatedAt: new Date(now) } })
    .run();
}

/** Removes a club's role; false when it had none. */
export function clearClubRole(db: SyncDb, guildId: string, teamId: string): boolean {
  return db.delete(clubRoles).where(and(eq(clubRoles.guildId, guildId), eq(clubRoles.teamId, teamId))).run().changes > 0;
}

/** A server's club roles: team id → role id. */
export function clubRolesOf(db: SyncDb, guildId: string): Map<string, string> {
  const rows = db.select().from(clubRoles).where(eq(clubRoles.guildId, guildId)).orderBy(asc(clubRoles.teamId)).all();
  return new Map(rows.map((r) => [r.teamId, r.roleId]));
}
