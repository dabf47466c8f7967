import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, Permission, channelPermissions, effectiveSendPermissions, toBits, type OverwriteLike } from '../src/permissions.js';

const GUILD = '100';
const ROLE = '200';
const ME = '300';
const P = Permission;
const ctx = (everyone: bigint, role: bigint, opts: { owner?: boolean; roles?: string[] } = {}) => ({
  guildId: GUILD,
  ownerId: opts.owner ? ME : '999',
  rolePermissions: new Map([
    [GUILD, everyone],
    [ROLE, role],
  ]),
  memberId: ME,
  memberRoleIds: opts.roles ?? [ROLE],
});
const ow = (id: string, type: 0 | 1, allow: bigint, deny: bigint): OverwriteLike => ({ id, type, allow: allow.toString(), deny: deny.toString() });
const VSE = P.ViewChannel | P.SendMessages | P.EmbedLinks;

describe('channelPermissions (Discord permission hierarchy)', () => {
  it.each([
    ['role grants, no overwrites', ctx(0n, VSE), [], VSE],
    ['@everyone overwrite denies Send', ctx(VSE, 0n), [ow(GUILD, 0, 0n, P.SendMessages)], P.ViewChannel | P.EmbedLinks],
    ['role overwrite allow beats @everyone deny', ctx(VSE, 0n), [ow(GUILD, 0, 0n, P.SendMessages), ow(ROLE, 0, P.SendMessages, 0n)], VSE],
    ['member overwrite deny beats role allow', ctx(VSE, 0n), [ow(ROLE, 0, P.SendMessages, 0n), ow(ME, 1, 0n, P.SendMessages)], P.ViewChannel | P.EmbedLinks],
    ['no View Channel voids everything', ctx(VSE, 0n), [ow(ME, 1, 0n, P.ViewChannel)], 0n],
    ['Administrator ignores overwrites', ctx(0n, P.Administrator), [ow(ME, 1, 0n, P.ViewChannel)], ALL_PERMISSIONS],
    ['the owner has everything', ctx(0n, 0n, { owner: true }), [ow(ME, 1, 0n, P.ViewChannel)], ALL_PERMISSIONS],
    ['overwrites for roles the member lacks do not apply', ctx(VSE, 0n, { roles: [] }), [ow(ROLE, 0, 0n, P.SendMessages)], VSE],
  ] as const)('%s', (_label, context, overwrites, expected) => {
    expect(channelPermissions(context, overwrites)).toBe(expected);
  });
});

describe('effectiveSendPermissions', () => {
  it.each([
    [VSE, VSE],
    [P.ViewChannel | P.EmbedLinks | P.MentionEveryone, P.ViewChannel],
  ])('%s → %s', (bits, expected) => {
    expect(effectiveSendPermissions(bits)).toBe(expected);
  });
});

describe('toBits', () => {
  it.each([
    [['ViewChannel', 'SendMessages', 'EmbedLinks'] as const, 19456n],
    ['19456', 19456n],
    [32, 32n],
    [undefined, 0n],
  ])('%j → %s', (input, expected) => {
    expect(toBits(input)).toBe(expected);
  });
});
