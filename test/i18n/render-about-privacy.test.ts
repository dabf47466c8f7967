import { describe, expect, test } from 'vitest';
import { privacyText, renderPrivacy, type PrivacyFacts } from '../../src/discord/commands/privacy.js';
import { renderAbout } from '../../src/discord/render/about.js';
import { computeStats } from '../../src/domain/stats.js';
import { FSI, PDI } from '../../src/i18n/bidi.js';
import { createI18n } from '../../src/i18n/index.js';
import { RESOURCES, type ResourceTree } from '../../src/i18n/resources.js';
import { readSeasonFile } from '../../src/season/read.js';
import { allText, limitViolations } from '../discord/render/limits-check.js';

// /about and /privacy in French, Arabic and Portuguese: within limits, none of our English sentences
// left, no direction override, real plurals; English is pinned by cards.test.ts and the privacy tests.

const i18n = createI18n();
const TRANSLATED = ['fr', 'ar', 'pt'] as const;
const real = readSeasonFile().season;

const strings = (tree: ResourceTree | string | undefined): string[] =>
  tree === undefined ? [] : typeof tree === 'string' ? [tree] : Object.values(tree).flatMap(strings);
const runsOf = (section: string): string[] => [
  ...new Set(
    strings(RESOURCES.en[section])
      .flatMap((text) => text.split(/\{\{[^}]*\}\}|[():;,·.`*_•"]/))
      .map((run) => run.trim())
      .filter((run) => run.split(/\s+/).filter((w) => /^[A-Za-z'-]+$/.test(w)).length >= 2),
  ),
];

const aboutIn = (language: (typeof TRANSLATED)[number] | 'en', shard = true) =>
  renderAbout(
    {
      season: real,
      stats: computeStats(real),
      dataVersion: { hash: 'abcdef0123456789', importedAt: new Date('2024-01-01T00:00:00Z') },
      version: '1.2.3',
      startedAt: new Date(0),
      wallNow: new Date(3 * 86_400_000 + 4 * 3_600_000 + 12 * 60_000),
      shard: shard ? { id: 0, shards: 2, guilds: 3 } : null,
    },
    i18n.translator(language),
  );

const FACTS: readonly PrivacyFacts[] = [
  { inGuild: true, userLanguage: 'Français', channels: 2, serverLanguage: null },
  { inGuild: true, userLanguage: null, channels: 0, serverLanguage: 'العربية' },
  { inGuild: true, userLanguage: undefined, channels: undefined, serverLanguage: undefined },
  { inGuild: false, userLanguage: 'Português', channels: undefined },
];

describe.each(TRANSLATED.map((l) => [l] as const))('%s', (language) => {
  test('/about: within limits, translated, no override', () => {
    for (const shard of [true, false]) {
      const payload = aboutIn(language, shard);
      expect(limitViolations(payload)).toEqual([]);
      const text = allText(payload);
      // The totals against the printed figures included: they are said from about.totals.* too.
      expect(runsOf('about').filter((run) => text.includes(run))).toEqual([]);
      expect(text).not.toMatch(/[\u202A-\u202E]/);
    }
    const tr = i18n.translator(language);
    expect(allText(aboutIn(language))).toContain(tr.t('about.fields.gaps'));
  });

  test('/privacy: within limits, translated, no override', () => {
    for (const facts of FACTS) {
      const text = renderPrivacy(facts, i18n.translator(language));
      expect(text.length).toBeLessThanOrEqual(2000);
      expect(runsOf('privacy').filter((run) => text.includes(run))).toEqual([]);
      expect(text).not.toMatch(/[\u202A-\u202E]/);
    }
  });

  test('/privacy: the channel count uses the language plural forms', () => {
    const t = privacyText(i18n.translator(language));
    const texts = [1, 2, 3, 11, 100].map((n) => t.serverChannels(n));
    expect(new Set(texts).size).toBe(texts.length);
  });
});

test('Arabic: Latin names and commands isolated', () => {
  const about = allText(aboutIn('ar'));
  expect(about).toContain(`${FSI}${real.name}${PDI}`);
  const privacy = renderPrivacy(FACTS[0]!, i18n.translator('ar'));
  expect(privacy).toContain(`${FSI}Français${PDI}`);
  expect(privacy).toContain(`${FSI}\`/language reset\`${PDI}`);
});

test('/about names /match as the picker does', () => {
  const view = { season: real, stats: computeStats(real), dataVersion: null, version: 'v', startedAt: new Date(0), wallNow: new Date(0) };
  expect(renderAbout({ ...view, matchCommand: '/jogo' }, i18n.translator('pt')).embeds?.[0]?.description).toContain('/jogo indica as fontes');
  expect(renderAbout(view, i18n.translator('ar')).embeds?.[0]?.description).toContain(`${FSI}/match${PDI}`);
});

test('English /about keeps its text', () => {
  const text = allText(aboutIn('en'));
  expect(text).toContain('3d 4h 12m');
  expect(text).toContain('0 of 2 · 3 servers in all');
  expect(text).toContain('What the sources do not give');
});

test('/about says the data date as the footer does: the ISO stamp in English, in words in French', () => {
  const view = { season: { ...real, asOf: '2024-10-05' }, stats: computeStats(real), dataVersion: null, version: 'v', startedAt: new Date(0), wallNow: new Date(0) };
  const field = (language: 'en' | 'fr') => renderAbout(view, i18n.translator(language)).embeds?.[0]?.fields?.[0]?.value;
  expect(field('en')).toBe('2024-10-05');
  expect(field('fr')).toBe('5 octobre 2024');
});
