// Format templates for `/edit season new`: the formats a season can start from. The house's two
// CAF club formats are built in; data/formats/*.json (a bare format, or a season file with one) adds
// more, named by file. A new season is data/seasons/template.json's header with the chosen format,
// the editor's id, competition and label, and no clubs or matches yet.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fromPackageRoot } from '../package-root.js';
import type { SeasonFormat } from '../domain/types.js';

export interface FormatTemplate {
  readonly id: string;
  /** "CAF club cup: 2 qualifying rounds, 4 groups of 4, two-legged knockout" */
  readonly label: string;
  readonly format: SeasonFormat;
}

const two = (code: string, name: string, key: string, kind: 'qualifying' | 'knockout') => ({ code, name, key, kind, legs: 'two_legged' as const });

const CAF_CLUB: SeasonFormat = {
  stages: [
    two('first_round', 'First round', 'R1', 'qualifying'),
    two('second_round', 'Second round', 'R2', 'qualifying'),
    { code: 'group', name: 'Group stage', key: 'GS', kind: 'group', groups: ['A', 'B', 'C', 'D'], matchdays: 6 },
    two('quarter_final', 'Quarter-finals', 'QF', 'knockout'),
    two('semi_final', 'Semi-finals', 'SF', 'knockout'),
    two('final', 'Final', 'F', 'knockout'),
  ],
  tiebreak: 'caf',
};

const SINGLE_FINAL: SeasonFormat = {
  ...CAF_CLUB,
  stages: CAF_CLUB.stages.map((s) => (s.code === 'final' && s.kind !== 'group' ? { ...s, legs: 'single_leg' as const } : s)),
};

const KNOCKOUT_8: SeasonFormat = {
  stages: [two('quarter_final', 'Quarter-finals', 'QF', 'knockout'), two('semi_final', 'Semi-finals', 'SF', 'knockout'), two('final', 'Final', 'F', 'knockout')],
  tiebreak: 'caf',
};

export const BUILT_IN_TEMPLATES: readonly FormatTemplate[] = [
  { id: 'caf-club', label: 'CAF club cup: 2 qualifying rounds, 4 groups of 4, two-legged knockout and final', format: CAF_CLUB },
  { id: 'caf-club-single-final', label: 'CAF club cup with a single-match final', format: SINGLE_FINAL },
  { id: 'knockout-8', label: 'Knockout of 8 clubs, two-legged (like the African Football League)', format: KNOCKOUT_8 },
];

export const FORMATS_FOLDER = fromPackageRoot('data', 'formats');
export const SEASON_TEMPLATE_FILE = fromPackageRoot('data', 'seasons', 'template.json');

/** The built-in templates, then data/formats/*.json (unchecked here: the new season's parse checks the format). */
export function formatTemplates(folder: string = FORMATS_FOLDER): FormatTemplate[] {
  const found: FormatTemplate[] = [...BUILT_IN_TEMPLATES];
  if (!existsSync(folder)) return found;
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    try {
      const json = JSON.parse(readFileSync(join(folder, file), 'utf8')) as Record<string, unknown>;
      const format = (json.format ?? json) as SeasonFormat;
      if (!Array.isArray(format.stages)) continue;
      const id = basename(file, '.json');
      if (found.some((t) => t.id === id)) continue;
      const label = typeof json.name === 'string' ? json.name : typeof json.about === 'string' ? json.about.slice(0, 90) : id;
      found.push({ id, label, format });
    } catch {
      // A broken file is not a template; the others still are.
    }
  }
  return found;
}

/**
 * The season file of a new, empty season: the template file's header (ranking criteria), the
 * editor's id, competition and label, the chosen format. Every record cites the editor's source.
 */
export function newSeasonFile(opts: {
  readonly id: string;
  readonly competition: string;
  readonly label: string;
  readonly format: SeasonFormat;
  readonly source: string;
  readonly today: string;
  readonly templateFile?: string;
}): Record<string, unknown> {
  const template = JSON.parse(readFileSync(opts.templateFile ?? SEASON_TEMPLATE_FILE, 'utf8')) as Record<string, unknown>;
  const criteria = (template.rankingCriteria ?? {}) as Record<string, unknown>;
  const years = opts.label.includes('-') ? `${opts.label.slice(0, 4)}–${opts.label.slice(5)}` : opts.label;
  return {
    $comment: `Season started by an editor with /edit season new (${opts.today}); its clubs and matches come from /edit fixture and later edits.`,
    about: `${years} ${opts.competition}, built by editors in Discord from: ${opts.source}`,
    id: opts.id,
    label: opts.label,
    staleAfter: 21,
    endDate: null,
    name: `${years} ${opts.competition}`,
    competition: opts.competition,
    asOf: opts.today,
    champion: null,
    format: opts.format,
    rankingCriteria: { ...criteria, note: 'The template\'s criteria, until an editor sets this competition\'s own.', sources: [opts.source] },
    printedTotals: { matches: 0, goals: 0, groupMatches: 0, groupGoals: 0, note: 'No totals printed yet.', sources: [opts.source] },
    associations: [],
    groups: [],
    teams: [],
    matches: [],
    calendar: [],
    conflicts: [],
    gaps: [],
  };
}
