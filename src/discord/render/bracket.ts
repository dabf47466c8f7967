import type { APIEmbedField } from 'discord.js';
import { KNOCKOUT_STAGES, STAGE_KEY, STAGE_LABEL } from '../../domain/types.js';
import type { Season, TeamId, TieResult } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { decidedByText, escapedNames, kickoffText, matchLine, statusMarker } from './match-format.js';
import { STAGE_COLOURS, seasonFooter } from './theme.js';
import { NOT_RECORDED, escapeText, truncate } from './text.js';

const tieField = (tie: TieResult, teamName: (id: TeamId) => string): APIEmbedField => {
  const name = escapedNames(teamName);
  const [a, b] = tie.teams;
  const legs = tie.legs.map((leg) => {
    const marker = statusMarker(leg, name);
    return [leg.leg === null ? 'Match' : `Leg ${leg.leg}`, kickoffText(leg), matchLine(leg, name), ...(marker ? [marker] : [])].join(' · ');
  });
  const aggregate = tie.aggregate === null ? `Aggregate ${NOT_RECORDED}` : `Aggregate **${tie.aggregate[0]}–${tie.aggregate[1]}**`;
  const outcome = tie.winner === null ? 'Undecided' : `➡️ **${name(tie.winner)}** through ${decidedByText(tie.decidedBy)}`.trim();
  const key = tie.stage === 'final' ? STAGE_LABEL.final : `${STAGE_KEY[tie.stage]}${tie.tie}`;
  return {
    name: truncate(`${key} · ${name(a)} v ${name(b)}`, 256),
    value: [...legs, `${aggregate} · ${outcome}`].join('\n'),
  };
};

/** Quarter-finals to the final: both legs of every tie, the aggregate, and who went through and how. */
export const renderBracket = (season: Season, ties: readonly TieResult[], teamName: (id: TeamId) => string): MessagePayload => {
  const knockout = ties.filter((t) => KNOCKOUT_STAGES.includes(t.stage));
  const fields: APIEmbedField[] = [];
  for (const stage of KNOCKOUT_STAGES) {
    const stageTies = knockout.filter((t) => t.stage === stage);
    if (stageTies.length === 0) fields.push({ name: STAGE_LABEL[stage], value: `Not in the data yet.` });
    else fields.push(...stageTies.map((t) => tieField(t, teamName)));
  }
  const champion = season.champion === null ? null : `🏆 Champions: **${escapeText(teamName(season.champion))}**`;
  return fitMessage({
    embeds: [
      {
        title: 'Knockout stage',
        description: [champion ?? 'Champion not decided in the data.', 'Ties over two legs: aggregate, then away goals, then penalties.'].join('\n'),
        color: STAGE_COLOURS.final,
        fields,
        footer: seasonFooter(season),
      },
    ],
  });
};
