import type { Session } from './session.js';

// A scripted session: every line is typed as at the prompt, echoed, and its output printed.
// The first failing line (a command the bot did not answer, a bad option, an :expect that did not
// match) stops the script.

export const PROMPT = 'caf> ';

export interface ScriptResult {
  readonly ok: boolean;
  /** 1-based line number of the failure. */
  readonly failedLine?: number;
}

export const runScript = async (
  source: string,
  session: Session,
  echo: (text: string) => void,
): Promise<ScriptResult> => {
  const lines = source.split(/\r?\n/);
  let previousWasComment = true;
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      // A comment opens a new part of the transcript: set it apart.
      echo(previousWasComment ? line : `\n${line}`);
      previousWasComment = true;
      continue;
    }
    previousWasComment = false;
    echo(`${PROMPT}${line}`);
    const result = await session.handleLine(line);
    if (!result.ok) return { ok: false, failedLine: index + 1 };
    if (result.quit) break;
  }
  return { ok: true };
};
