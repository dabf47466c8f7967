import { describe, expect, test } from 'vitest';
import type { CatalogEntry, SeasonStatus } from '../../src/domain/catalog.js';
import { defaultSeasonId } from '../../src/domain/default-season.js';

const entry = (id: string): CatalogEntry => ({ id, competition: 'CAF Champions League', label: id.slice(-7), updatedAt: null });

// Catalog order is newest first; each row: the seasons with their status, and the one shown by default.
const CASES: readonly [string, readonly (readonly [string, SeasonStatus])[], string | null][] = [
  ['the newest in progress of several', [['cl-2025-26', 'in_progress'], ['cc-2025-26', 'in_progress'], ['cl-2024-25', 'finished']], 'cl-2025-26'],
  ['in progress beats a newer upcoming one', [['cl-2026-27', 'upcoming'], ['cl-2025-26', 'in_progress']], 'cl-2025-26'],
  ['in progress beats a newer stale one', [['cl-2024-25', 'stale'], ['cc-2023-24', 'in_progress']], 'cc-2023-24'],
  ['none in progress: the most recently finished', [['cl-2026-27', 'upcoming'], ['cl-2024-25', 'stale'], ['cl-2023-24', 'finished'], ['cc-2023-24', 'finished']], 'cl-2023-24'],
  ['none in progress or finished: the newest', [['cl-2026-27', 'upcoming'], ['cl-2024-25', 'stale']], 'cl-2026-27'],
  ['one season, whatever its status', [['afl-2023', 'stale']], 'afl-2023'],
  ['an empty catalog: none', [], null],
];

describe('the default season (no option, no server default)', () => {
  test.each(CASES)('%s', (_label, rows, expected) => {
    const statuses = new Map(rows);
    expect(defaultSeasonId(rows.map(([id]) => entry(id)), (e) => statuses.get(e.id) ?? 'stale')).toBe(expected);
  });
});
